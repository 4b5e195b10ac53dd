"""The bilingual security-domain glossary that maps Japanese and English wording onto shared concepts.

Each entry is a concept: an id, the platform categories it points to (used to infer what a need is about when
it names no category) and its surface forms in both languages, separated by ``|``. Surface forms are analysed by
``search.analysis`` exactly like documents, so spelling variants the analyser already folds (NFKC width, case,
English inflection, Sudachi's normalised forms such as 漏えい→漏洩) need not be listed twice; particles and
punctuation are dropped before matching, so "脆弱性診断" also matches "脆弱性の診断".

This is general domain vocabulary (security products and services, the CPSF, SME support, industries and the
katakana loanwords used for them), not tuned to any data set. Add to it freely; keep ids stable, they are
indexed.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    id: str
    categories: tuple[str, ...]
    surfaces: tuple[str, ...]


def _c(concept_id: str, categories: str, surfaces: str) -> Concept:
    return Concept(
        id=concept_id,
        categories=tuple(c for c in categories.split() if c),
        surfaces=tuple(s.strip() for s in surfaces.split("|") if s.strip()),
    )


EP, NW, EM, WEB, IAM = (
    "endpoint-protection",
    "network-security",
    "email-security",
    "web-security",
    "identity-access",
)
SOC, VA, PT, IR, TR = (
    "siem-soc",
    "vulnerability-assessment",
    "penetration-testing",
    "incident-response",
    "training-awareness",
)
GOV, OT, HW, ENC, BK = (
    "consulting-governance",
    "iot-ot-security",
    "hardware-security",
    "encryption-key-management",
    "backup-recovery",
)
CLOUD, DP, INS, SME = ("cloud-security", "data-protection", "cyber-insurance", "sme-help-package")

CONCEPTS: tuple[Concept, ...] = (
    # --- endpoint protection ---------------------------------------------------------------------------------
    _c(
        "edr",
        EP,
        "EDR | endpoint detection and response | エンドポイント検知・対応 | エンドポイントでの検知と対応 "
        "| XDR | extended detection and response",
    ),
    _c("mdr", f"{EP} {SOC}", "MDR | managed detection and response | マネージド検知・対応 | マネージドEDR"),
    _c(
        "antivirus",
        EP,
        "antivirus | anti-virus | anti-malware | antimalware | アンチウイルス | ウイルス対策 | ウイルス対策ソフト "
        "| マルウェア対策 | EPP | endpoint protection | エンドポイント保護 | 次世代アンチウイルス | NGAV",
    ),
    _c("endpoint", EP, "endpoint | endpoints | エンドポイント | 端末 | PC | パソコン | laptop | ノートPC"),
    _c(
        "malware",
        EP,
        "malware | マルウェア | virus | ウイルス | ウィルス | trojan | トロイの木馬 | worm | ワーム",
    ),
    _c("ransomware", f"{EP} {BK} {IR}", "ransomware | ランサムウェア | ランサム"),
    # --- network ---------------------------------------------------------------------------------------------
    _c("utm", NW, "UTM | unified threat management | 統合脅威管理 | 統合型脅威管理"),
    _c(
        "firewall",
        NW,
        "firewall | ファイアウォール | ファイヤーウォール | next-generation firewall | NGFW | 次世代ファイアウォール",
    ),
    _c(
        "ids",
        NW,
        "IDS | IPS | intrusion detection | intrusion prevention | 侵入検知 | 侵入防止 | 不正侵入検知 | 不正侵入防止 "
        "| 侵入検知システム",
    ),
    _c("vpn", NW, "VPN | virtual private network | 仮想プライベートネットワーク"),
    _c(
        "network",
        NW,
        "network | networks | ネットワーク | 通信 | communication | communications | LAN | traffic",
    ),
    _c("ndr", NW, "NDR | network detection and response | ネットワーク検知"),
    _c(
        "segmentation",
        f"{NW} {OT}",
        "segmentation | セグメンテーション | ネットワーク分離 | 分離 | isolation",
    ),
    _c("ddos", NW, "DDoS | DoS攻撃 | denial of service | サービス妨害 | サービス拒否"),
    _c("zerotrust", f"{NW} {IAM}", "zero trust | ゼロトラスト"),
    _c(
        "diode",
        f"{NW} {OT}",
        "data diode | データダイオード | 一方向ゲートウェイ | unidirectional gateway | one-way gateway "
        "| 正規の通信のみ | legitimate traffic only",
    ),
    _c(
        "allowlist", f"{NW} {EP}", "allowlist | whitelist | ホワイトリスト | 許可リスト | application control"
    ),
    _c("router", NW, "router | ルーター | ルータ | gateway | ゲートウェイ | switch | スイッチ"),
    _c("wifi", NW, "wi-fi | wifi | wireless | 無線LAN | 無線"),
    # --- e-mail ----------------------------------------------------------------------------------------------
    _c("email", EM, "email | e-mail | mail | 電子メール | メール"),
    _c(
        "phishing",
        f"{EM} {TR}",
        "phishing | フィッシング | 標的型メール | 標的型攻撃メール | targeted email | spear phishing | spear-phishing",
    ),
    _c("spam", EM, "spam | スパム | 迷惑メール | junk mail"),
    _c("bec", EM, "business email compromise | BEC | ビジネスメール詐欺"),
    _c("dmarc", EM, "DMARC | SPF | DKIM | 送信ドメイン認証 | sender authentication"),
    _c(
        "mailfilter",
        EM,
        "email security | メールセキュリティ | mail filtering | メールフィルタリング | email gateway",
    ),
    _c("attachment", EM, "attachment | 添付ファイル | sandbox | サンドボックス"),
    # --- web -------------------------------------------------------------------------------------------------
    _c(
        "waf",
        WEB,
        "WAF | web application firewall | ウェブアプリケーションファイアウォール | Webアプリケーションファイアウォール",
    ),
    _c("web", WEB, "web | ウェブ | website | websites | ウェブサイト | ホームページ | Webサイト"),
    _c(
        "webapp",
        f"{WEB} {VA}",
        "web application | ウェブアプリケーション | Webアプリ | ウェブアプリ | web app",
    ),
    _c("defacement", WEB, "defacement | 改ざん | tampering | 改竄 | tamper"),
    _c(
        "ecsite",
        WEB,
        "e-commerce | EC site | ECサイト | online shop | online store | ネットショップ | 通販サイト",
    ),
    _c(
        "injection",
        f"{WEB} {VA}",
        "SQL injection | SQLインジェクション | XSS | cross-site scripting | クロスサイトスクリプティング",
    ),
    _c("api", WEB, "API | APIs"),
    # --- identity & access -----------------------------------------------------------------------------------
    _c(
        "mfa",
        IAM,
        "MFA | multi-factor authentication | multifactor authentication | two-factor authentication | 2FA "
        "| 多要素認証 | 二要素認証 | 2段階認証 | 二段階認証",
    ),
    _c("authentication", IAM, "authentication | authenticate | 認証"),
    _c("sso", IAM, "SSO | single sign-on | single sign on | シングルサインオン"),
    _c(
        "iam",
        IAM,
        "IAM | identity and access management | ID管理 | アイデンティティ管理 | identity management | アクセス管理 "
        "| access management | access control | アクセス制御 | ID・アクセス管理 | identity",
    ),
    _c(
        "privileged",
        IAM,
        "privileged access | 特権ID | 特権アクセス | PAM | 特権アカウント | privileged account",
    ),
    _c("password", IAM, "password | passwords | パスワード | passkey | パスキー"),
    _c(
        "biometric",
        f"{IAM} {HW}",
        "biometric | biometrics | 生体認証 | fingerprint | 指紋 | 顔認証 | face recognition",
    ),
    # --- SIEM / SOC / monitoring -----------------------------------------------------------------------------
    _c(
        "siem",
        SOC,
        "SIEM | security information and event management | ログ分析 | log analysis | 統合ログ管理 | log management "
        "| ログ管理",
    ),
    _c(
        "soc",
        SOC,
        "SOC | security operations center | security operation center | security operations centre "
        "| セキュリティ監視センター | セキュリティオペレーションセンター | 監視センター | security monitoring "
        "| セキュリティ監視 | managed security service | managed security services | MSS | MSSP "
        "| マネージドセキュリティサービス",
    ),
    _c("monitoring", SOC, "monitoring | monitor | monitored | 監視 | モニタリング | 常時監視 | surveillance"),
    _c("log", SOC, "log | logs | logging | ログ"),
    _c(
        "24x7",
        f"{SOC} {IR}",
        "24/7 | 24x7 | 24時間365日 | 24時間 | around the clock | round-the-clock | 常時 | 365日",
    ),
    _c("alert", SOC, "alert | alerts | アラート | 警報 | notification | 通知"),
    _c(
        "threatintel",
        SOC,
        "threat intelligence | 脅威インテリジェンス | 脅威情報 | threat information | dark web | ダークウェブ",
    ),
    # --- vulnerability assessment ----------------------------------------------------------------------------
    _c(
        "vulnassess",
        VA,
        "vulnerability assessment | vulnerability assessments | vulnerability diagnosis | vulnerability scanning "
        "| vulnerability scan | vulnerability test | vulnerability testing | 脆弱性診断 | 脆弱性検査 | 脆弱性スキャン "
        "| 脆弱性評価 | 脆弱性調査 | セキュリティ診断 | security assessment | security diagnosis | security check "
        "| セキュリティチェック | security audit | セキュリティ監査 | 脆弱性の診断",
    ),
    _c(
        "vulnerability",
        VA,
        "vulnerability | vulnerabilities | 脆弱性 | セキュリティホール | security hole | weakness | 弱点",
    ),
    _c(
        "assessment",
        f"{VA} {GOV}",
        "assessment | diagnosis | diagnostic | 診断 | 評価 | evaluation | 検査 | inspection",
    ),
    _c(
        "patch",
        VA,
        "patch | patches | patching | パッチ | patch management | パッチ管理 | 更新プログラム | アップデート | update",
    ),
    _c(
        "asset",
        f"{VA} {OT}",
        "asset management | IT資産管理 | 資産管理 | asset inventory | 資産 | assets | inventory | 棚卸 | 棚卸し",
    ),
    _c("scan", VA, "scan | scanning | scanner | スキャン | スキャナ | スキャナー"),
    _c(
        "visibility",
        f"{VA} {OT} {SOC}",
        "visibility | visualization | visualisation | visualize | 可視化 | 見える化",
    ),
    _c("sbom", f"{VA} {OT}", "SBOM | software bill of materials | ソフトウェア部品表"),
    # --- penetration testing ---------------------------------------------------------------------------------
    _c(
        "pentest",
        PT,
        "penetration testing | penetration test | penetration tests | pen test | pen testing | pen-test | pentest "
        "| pentesting | ペネトレーションテスト | 侵入テスト | ペンテスト | 侵入試験 | 疑似攻撃 | 擬似攻撃 "
        "| simulated attack | simulated attacks | attack simulation",
    ),
    _c("redteam", PT, "red team | red teaming | レッドチーム | レッドチーム演習 | red-team"),
    _c(
        "whitehat",
        PT,
        "white-hat hacker | white-hat hackers | white hat | white-hat | ethical hacker | ethical hackers "
        "| ethical hacking | ホワイトハッカー | ホワイトハット | ハッカー | hacker | hackers",
    ),
    _c(
        "attack",
        PT,
        "attack | attacks | 攻撃 | サイバー攻撃 | cyber attack | cyberattack | cyber-attack | attacker | 攻撃者",
    ),
    # --- incident response -----------------------------------------------------------------------------------
    _c(
        "incidentresponse",
        IR,
        "incident response | インシデント対応 | インシデントレスポンス | 事故対応 | 緊急対応 | emergency response "
        "| CSIRT | シーサート | 初動対応 | first response | 被害対応 | breach response | 有事対応",
    ),
    _c(
        "incident",
        IR,
        "incident | incidents | インシデント | セキュリティ事故 | security incident | 被害 | damage | breach | 侵害 "
        "| infection | 感染 | compromise | compromised",
    ),
    _c(
        "forensics",
        IR,
        "forensics | forensic | digital forensics | フォレンジック | フォレンジクス | デジタルフォレンジック "
        "| 原因調査 | investigation | root cause",
    ),
    _c(
        "onsite",
        f"{IR} {SME}",
        "on-site | onsite | 現地 | 駆けつけ | 駆け付け | 出張 | 訪問 | dispatch | 派遣 | 現地対応 "
        "| 駆けつけ対応 | 出動 | visit | 現場",
    ),
    _c(
        "urgent",
        IR,
        "urgent | urgently | emergency | 緊急 | 至急 | 急ぎ | immediately | immediate | すぐに | 早急 | 今すぐ "
        "| asap | as soon as possible | 直ちに",
    ),
    _c(
        "recovery",
        f"{BK} {IR}",
        "recovery | recover | 復旧 | restoration | restore | リカバリ | リカバリー | 復元",
    ),
    _c(
        "helpdesk",
        f"{IR} {SME}",
        "help desk | helpdesk | 相談窓口 | ヘルプデスク | consultation | 相談 | 窓口 | hotline | ホットライン "
        "| contact point | 問い合わせ",
    ),
    # --- training & awareness --------------------------------------------------------------------------------
    _c(
        "training",
        TR,
        "training | trainings | 研修 | 教育 | トレーニング | education | 講習 | セミナー | seminar | workshop "
        "| ワークショップ | course | 講座 | lecture | 講義",
    ),
    _c(
        "awareness",
        TR,
        "awareness | 意識向上 | 啓発 | リテラシー | literacy | security awareness | セキュリティ意識 | 意識",
    ),
    _c(
        "drill",
        TR,
        "drill | drills | exercise | exercises | 演習 | 訓練 | tabletop | 机上演習 | simulation | phishing simulation "
        "| 標的型メール訓練",
    ),
    _c(
        "elearning",
        TR,
        "e-learning | eラーニング | イーラーニング | online course | オンライン講座 | online training",
    ),
    _c(
        "employee",
        TR,
        "employee | employees | staff | 従業員 | 社員 | 職員 | personnel | worker | workers | 人員",
    ),
    _c(
        "talent",
        f"{TR} {GOV}",
        "人材育成 | human resource development | talent development | security talent | セキュリティ人材 "
        "| 人材 | human resources | skills | スキル | 担当者育成",
    ),
    # --- consulting & governance -----------------------------------------------------------------------------
    _c(
        "consulting",
        GOV,
        "consulting | consultant | consultants | advisory | コンサルティング | コンサルタント | コンサル | 助言 "
        "| アドバイザリー | advice | アドバイス",
    ),
    _c(
        "governance",
        GOV,
        "governance | ガバナンス | 管理体制 | management system | マネジメントシステム | 体制 | 体制構築",
    ),
    _c(
        "policy",
        GOV,
        "security policy | policy | policies | セキュリティポリシー | ポリシー | 規程 | 方針 | 規則 | rules | regulations",
    ),
    _c(
        "isms",
        GOV,
        "ISMS | ISO 27001 | ISO/IEC 27001 | ISO27001 | 情報セキュリティマネジメントシステム | IEC 62443 | IEC62443",
    ),
    _c(
        "riskassess",
        GOV,
        "risk assessment | risk analysis | リスク評価 | リスク分析 | リスクアセスメント | risk management | リスク管理",
    ),
    _c("risk", GOV, "risk | risks | リスク"),
    _c(
        "compliance",
        GOV,
        "audit | audits | 監査 | compliance | コンプライアンス | 準拠 | 規制対応 | regulation | regulatory | 法令",
    ),
    _c(
        "supplychain",
        GOV,
        "supply chain | supply-chain | サプライチェーン | 取引先 | business partners | suppliers | supplier "
        "| 委託先 | subcontractor | subcontractors | 下請け | 調達",
    ),
    _c(
        "framework",
        GOV,
        "guideline | guidelines | ガイドライン | framework | フレームワーク | CPSF | cyber/physical security framework "
        "| サイバー・フィジカル・セキュリティ対策フレームワーク | standard | standards | 基準 | 標準",
    ),
    _c("bcp", f"{GOV} {BK}", "BCP | business continuity | 事業継続 | 事業継続計画 | continuity"),
    _c("csirtbuild", f"{GOV} {IR}", "CSIRT構築 | 社内体制 | 組織体制 | organisation | organization | 組織"),
    # --- IoT / OT --------------------------------------------------------------------------------------------
    _c(
        "ot",
        OT,
        "OT | ICS | industrial control system | industrial control systems | control system | control systems "
        "| 制御システム | 産業制御システム | SCADA | PLC | DCS | operational technology | 制御系 | 産業用制御システム "
        "| OTセキュリティ",
    ),
    _c(
        "iot",
        OT,
        "IoT | internet of things | モノのインターネット | IoT機器 | IoT device | IoT devices | connected device "
        "| connected devices | IIoT",
    ),
    _c(
        "factory",
        OT,
        "factory | factories | plant | plants | 工場 | プラント | 製造現場 | 生産ライン | production line | 生産設備 "
        "| shop floor | manufacturing site | スマート工場 | smart factory | 生産",
    ),
    _c("sensor", f"{OT} {HW}", "sensor | sensors | センサー | センサ | 計測 | measurement | 計測機器"),
    _c("device", f"{OT} {HW}", "device | devices | 機器 | デバイス | 装置 | equipment | 設備"),
    _c("embedded", f"{OT} {HW}", "embedded | 組込み | 組み込み | firmware | ファームウェア | 組込み機器"),
    _c("medicaldevice", OT, "medical device | medical devices | 医療機器"),
    _c(
        "vehicle",
        OT,
        "vehicle | vehicles | automotive | 車載 | 自動車 | connected car | コネクテッドカー | car",
    ),
    _c(
        "controller",
        f"{OT} {HW}",
        "controller | controllers | コントローラ | コントローラー | 制御装置 | actuator | アクチュエータ",
    ),
    _c(
        "building",
        OT,
        "building automation | ビル管理 | ビルオートメーション | smart building | スマートビル",
    ),
    _c(
        "physical",
        f"{OT} {HW}",
        "physical | フィジカル | 物理 | cyber-physical | サイバーフィジカル | 物理空間",
    ),
    # --- hardware --------------------------------------------------------------------------------------------
    _c(
        "puf",
        HW,
        "PUF | PUFs | physically unclonable function | physically unclonable functions | physical unclonable function "
        "| 物理複製困難関数 | 複製困難 | クローン不可能 | unclonable | 物理的複製困難関数",
    ),
    _c(
        "counterfeit",
        HW,
        "counterfeit | counterfeiting | anti-counterfeiting | anti-counterfeit | 偽造防止 | 模倣品 | 偽造品 | 偽造 "
        "| 真贋判定 | authenticity | 真正性 | genuine | 真贋",
    ),
    _c(
        "securechip",
        HW,
        "TPM | secure element | セキュアエレメント | HSM | hardware security module | ハードウェアセキュリティモジュール "
        "| 耐タンパ | 耐タンパー | tamper-resistant | tamper resistant | tamper resistance | 耐タンパ性 | secure chip",
    ),
    _c("chip", HW, "chip | chips | semiconductor | semiconductors | 半導体 | チップ | IC | LSI"),
    _c("hardware", HW, "hardware | ハードウェア | ハード"),
    _c(
        "deviceid",
        f"{HW} {IAM}",
        "device identity | device authentication | 機器認証 | デバイス認証 | 個体識別 | device ID | 機器の認証 "
        "| device identification",
    ),
    _c("sidechannel", HW, "side-channel | side channel | サイドチャネル | サイドチャネル攻撃"),
    # --- encryption ------------------------------------------------------------------------------------------
    _c(
        "encryption",
        ENC,
        "encryption | encrypt | encrypted | encrypting | cryptography | cryptographic | crypto | 暗号 | 暗号化 "
        "| 暗号技術 | cipher",
    ),
    _c("keymgmt", ENC, "key management | 鍵管理 | 暗号鍵 | encryption key | encryption keys | KMS | 鍵"),
    _c(
        "pki",
        ENC,
        "PKI | public key infrastructure | 公開鍵基盤 | electronic certificate | 電子証明書 | certificate "
        "| certificates | 証明書 | 電子署名 | digital signature | signature | 署名",
    ),
    _c(
        "advcrypto",
        ENC,
        "homomorphic encryption | 準同型暗号 | secure computation | 秘密計算 | 高機能暗号 | advanced cryptography "
        "| post-quantum | 耐量子 | 耐量子計算機暗号 | quantum | 量子 | lightweight cryptography | 軽量暗号",
    ),
    # --- backup ----------------------------------------------------------------------------------------------
    _c(
        "backup",
        BK,
        "backup | backups | バックアップ | オフラインバックアップ | immutable backup | イミュータブル",
    ),
    _c("dr", BK, "disaster recovery | 災害復旧 | ディザスタリカバリ | ディザスタリカバリー"),
    _c("datarecovery", BK, "data recovery | データ復旧 | データ復元 | file recovery"),
    # --- cloud -----------------------------------------------------------------------------------------------
    _c(
        "cloud",
        CLOUD,
        "cloud | クラウド | SaaS | IaaS | PaaS | AWS | Azure | Microsoft 365 | M365 | Google Workspace "
        "| クラウドサービス | cloud service | cloud services",
    ),
    _c(
        "cspm",
        CLOUD,
        "CASB | CSPM | cloud posture | クラウド設定 | misconfiguration | misconfigurations | 設定ミス | 設定不備 "
        "| configuration | 設定",
    ),
    _c(
        "remotework",
        f"{CLOUD} {NW}",
        "remote work | telework | テレワーク | リモートワーク | 在宅勤務 | work from home | remote access "
        "| リモートアクセス",
    ),
    # --- data protection -------------------------------------------------------------------------------------
    _c(
        "dlp",
        DP,
        "DLP | data loss prevention | 情報漏洩対策 | 情報漏洩防止 | data leak prevention | data leakage prevention "
        "| 漏洩対策 | 漏洩防止",
    ),
    _c(
        "dataleak",
        DP,
        "data leak | data breach | leak | leaks | leakage | 漏洩 | 情報漏洩 | 流出 | 情報流出 | exfiltration",
    ),
    _c(
        "personaldata",
        DP,
        "personal information | personal data | 個人情報 | privacy | プライバシー | GDPR | 個人情報保護 | APPI "
        "| customer data | 顧客情報 | 顧客データ | patient data | 患者情報",
    ),
    _c("data", DP, "data | データ | 情報 | information"),
    _c(
        "confidential",
        DP,
        "confidential | confidential information | 機密 | 機密情報 | trade secret | trade secrets | 営業秘密 "
        "| 技術情報 | 秘密情報 | sensitive data | 重要情報",
    ),
    _c(
        "integrity",
        f"{DP} {OT}",
        "data integrity | データの完全性 | 完全性 | integrity | 改ざん検知 | tamper detection | 真正",
    ),
    _c(
        "filetransfer",
        DP,
        "file transfer | ファイル転送 | file sharing | ファイル共有 | file exchange | ファイル交換",
    ),
    _c("usb", f"{DP} {EP}", "USB | USBメモリ | removable media | 外部記憶媒体 | 外部媒体 | USB drive"),
    # --- insurance -------------------------------------------------------------------------------------------
    _c(
        "insurance",
        INS,
        "insurance | cyber insurance | サイバー保険 | 保険 | 損害保険 | 補償 | coverage | compensation | 賠償 "
        "| insurer | 保険会社",
    ),
    # --- SME help --------------------------------------------------------------------------------------------
    _c(
        "sme",
        SME,
        "SME | SMEs | small business | small businesses | small and medium-sized enterprises "
        "| small and medium enterprises | small and medium-sized businesses | 中小企業 | 小規模事業者 | 中小 "
        "| 零細企業 | small company | small companies | 町工場 | small firm | small firms | 小規模",
    ),
    _c(
        "otasuketai",
        SME,
        "お助け隊 | サイバーセキュリティお助け隊 | help package | SME help | one-stop | ワンストップ | package "
        "| パッケージ | bundle | オールインワン | セット",
    ),
    _c(
        "affordable",
        SME,
        "low cost | low-cost | affordable | inexpensive | 安価 | 低価格 | 低コスト | 手頃 | 月額 | monthly "
        "| subscription | サブスクリプション | 定額 | cheap | budget-friendly | 安い | 費用を抑え",
    ),
    _c(
        "easy",
        SME,
        "easy | simple | 簡単 | 手軽 | かんたん | easy to use | 使いやすい | 分かりやすい | 専門知識不要",
    ),
    _c(
        "nostaff",
        SME,
        "IT staff | 情シス | 情報システム部門 | IT department | IT担当者 | 担当者 | 一人情シス | no IT staff "
        "| IT manager | IT担当",
    ),
    # --- industries ------------------------------------------------------------------------------------------
    _c(
        "manufacturing",
        OT,
        "manufacturing | manufacturer | manufacturers | 製造 | 製造業 | ものづくり | メーカー",
    ),
    _c(
        "healthcare",
        DP,
        "healthcare | health care | hospital | hospitals | medical | clinic | clinics | 医療 | 病院 | 診療所 "
        "| クリニック | 介護 | 医療機関",
    ),
    _c(
        "finance",
        DP,
        "finance | financial | bank | banks | banking | 金融 | 銀行 | 証券 | 信用金庫 | fintech | 金融機関",
    ),
    _c(
        "retail",
        WEB,
        "retail | retailer | store | stores | shop | shops | 小売 | 小売業 | 店舗 | スーパー | POS",
    ),
    _c(
        "logistics",
        OT,
        "logistics | 物流 | 運輸 | transport | transportation | warehouse | warehouses | 倉庫 | 配送 | delivery "
        "| shipping | 運送",
    ),
    _c("construction", OT, "construction | 建設 | 建築 | 施工 | 建設業 | construction site | 建設現場"),
    _c(
        "energy",
        OT,
        "energy | 電力 | エネルギー | power | electricity | electric power | ガス | gas | utility | utilities "
        "| 発電 | power plant | substation | 変電所 | 発電所 | grid | 電力網",
    ),
    _c(
        "public",
        GOV,
        "public sector | government | 自治体 | 地方公共団体 | 官公庁 | 行政 | municipality | municipalities "
        "| local government | 市役所 | public agency",
    ),
    _c(
        "academia",
        TR,
        "university | universities | 大学 | 研究機関 | research institute | school | schools | 学校 | 教育機関 "
        "| research | 研究 | laboratory | 研究所 | academic",
    ),
    _c(
        "itservices",
        GOV,
        "IT services | software development | ソフトウェア開発 | SIer | システムインテグレータ | IT企業 "
        "| system integrator | system integration | システム開発",
    ),
    # --- generic words and katakana loanwords ----------------------------------------------------------------
    _c(
        "security",
        "",
        "security | セキュリティ | セキュリティー | cybersecurity | cyber security | サイバーセキュリティ",
    ),
    _c("cyber", "", "cyber | サイバー"),
    _c("service", "", "service | services | サービス"),
    _c("solution", "", "solution | solutions | ソリューション"),
    _c("product", "", "product | products | 製品 | プロダクト | 商品"),
    _c("system", "", "system | systems | システム"),
    _c(
        "software",
        "",
        "software | ソフトウェア | ソフト | app | apps | application | applications | アプリ | アプリケーション",
    ),
    _c("server", "", "server | servers | サーバ | サーバー"),
    _c("support", "", "support | サポート | 支援 | assistance | 伴走 | 伴走支援"),
    _c("management", "", "management | manage | managed | 管理 | マネジメント | 運用管理"),
    _c("tool", "", "tool | tools | ツール"),
    _c("platform", "", "platform | platforms | プラットフォーム | 基盤"),
    _c("detection", "", "detection | detect | detects | 検知 | 検出 | 発見"),
    _c(
        "protection",
        "",
        "protection | protect | 保護 | 防御 | defense | defence | 防止 | prevention | prevent",
    ),
    _c("countermeasure", "", "countermeasure | countermeasures | measures | 対策 | safeguard | safeguards"),
    _c("threat", "", "threat | threats | 脅威"),
    _c("analysis", "", "analysis | analyse | analyze | 分析 | 解析"),
    _c("report", "", "report | reports | reporting | レポート | 報告 | 報告書"),
    _c("automation", "", "automation | automated | automatic | 自動 | 自動化"),
    _c("ai", "", "AI | artificial intelligence | machine learning | 人工知能 | 機械学習"),
    _c("cost", "", "cost | costs | price | pricing | 費用 | 価格 | 料金 | budget | 予算 | コスト"),
    _c(
        "deploy",
        "",
        "introduce | introduction | deploy | deployment | implementation | implement | 導入 | 構築",
    ),
    _c("operation", "", "operation | operations | 運用 | operating"),
    _c(
        "mobile",
        EP,
        "mobile | smartphone | smartphones | モバイル | スマートフォン | スマホ | tablet | tablets | タブレット",
    ),
    _c("camera", OT, "camera | cameras | カメラ | 監視カメラ | surveillance camera | CCTV | 防犯カメラ"),
    _c(
        "physicalsecurity",
        HW,
        "physical security | 物理セキュリティ | 物理的セキュリティ | 入退室管理 | entry control | 入退管理",
    ),
    _c(
        "verification",
        "",
        "verification | validation | 検証 | verified | 実証 | trial | trials | 実証実験 | proof of concept | PoC "
        "| 実環境 | real environment | track record | 実績",
    ),
    _c("certification", "", "certification | certified | 認定 | 認証取得 | accredited | 登録 | registered"),
    _c("remote", "", "remote | リモート | 遠隔 | オンライン | online"),
    _c("response", "", "response | respond | 対応 | 対処 | handling"),
    _c("outsourcing", f"{SOC} {SME}", "outsourcing | outsource | アウトソーシング | 外部委託 | 委託 | 代行"),
    _c("smartphone", EP, "mdm | mobile device management | モバイルデバイス管理"),
)
