"""Demo marketplace: 20 vendors with 60 listings in mixed verification states, verification bodies and their
records, 30 user organisations with 40 needs (mostly Japanese), and a few introductions.

Deterministic and idempotent: every row has a fixed natural key and is written with ``update_or_create``. Rows are
written directly (not through the services, which would e-mail and rate-limit); afterwards every listing's level is
recomputed and ``listing_changed`` / ``need_changed`` are sent so listeners (search) pick the content up.

Three people to log in as (``DEMO_LOGINS``, the core's demo password) own a vendor, a user company and a
verification body, so each side of the marketplace can be tried from the browser.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from cpsplatform.taxonomy import Region
from marketplace.choices import IntroductionKind, IntroductionStatus, ListingStatus, RecordStatus, Visibility
from marketplace.models import Introduction, Need, SecurityCategory, SolutionListing, VerificationRecord
from marketplace.receivers import open_introduction_channel
from marketplace.services.common import send_listing_changed, send_need_changed
from marketplace.services.verification import do_refresh_verification_level
from scripts.demo.organisations import DEMO_TOTP_SECRETS, ensure_demo_totp, ensure_user

ORDER = 30

REGIONS = list(Region.values)

#: (organisation slug, e-mail, display name): owners to log in as, with the password of every demo user.
DEMO_LOGINS = [
    ("demo-v-hokkaido-it", "vendor@demo.cps-platform.example", "高橋 誠"),
    ("demo-u-01", "buyer@demo.cps-platform.example", "森 由美子"),
    ("demo-vb-cyber-center", "verifier@demo.cps-platform.example", "Daniel Okada"),
]

# (slug, name_ja, name_en, region, size, specialities: product keys)
VENDORS = [
    (
        "demo-v-sakura-cyber",
        "さくらサイバーディフェンス株式会社",
        "Sakura Cyber Defense",
        "kanto",
        "medium",
        ["edr", "soc", "ir"],
    ),
    (
        "demo-v-fujinet",
        "富士ネットセキュア株式会社",
        "FujiNet Secure",
        "chubu",
        "large",
        ["utm", "router", "waf"],
    ),
    (
        "demo-v-kansai-sec",
        "関西セキュリティラボ株式会社",
        "Kansai Security Lab",
        "kinki",
        "small",
        ["va", "pentest", "webva"],
    ),
    (
        "demo-v-hokkaido-it",
        "北海道ITガード株式会社",
        "Hokkaido IT Guard",
        "hokkaido",
        "small",
        ["sme", "backup", "training"],
    ),
    (
        "demo-v-tohoku-ot",
        "東北OTセキュリティ株式会社",
        "Tohoku OT Security",
        "tohoku",
        "small",
        ["ot", "otmon", "consult"],
    ),
    (
        "demo-v-puf-devices",
        "PUFデバイス技研株式会社",
        "PUF Device Laboratories",
        "kanto",
        "micro",
        ["puf", "anticounterfeit", "hsm"],
    ),
    (
        "demo-v-kyushu-shield",
        "九州シールド株式会社",
        "Kyushu Shield",
        "kyushu-okinawa",
        "small",
        ["sme", "utm", "ir"],
    ),
    (
        "demo-v-chugoku-data",
        "中国データプロテクト株式会社",
        "Chugoku Data Protect",
        "chugoku",
        "medium",
        ["dlp", "backup", "crypto"],
    ),
    (
        "demo-v-shikoku-net",
        "四国ネットワークサービス株式会社",
        "Shikoku Network Services",
        "shikoku",
        "small",
        ["sme", "router", "soc"],
    ),
    (
        "demo-v-tokyo-redteam",
        "東京レッドチーム株式会社",
        "Tokyo Red Team",
        "kanto",
        "small",
        ["pentest", "redteam", "va"],
    ),
    (
        "demo-v-aoi-insurance",
        "あおい損害保険株式会社",
        "Aoi Insurance",
        "kanto",
        "large",
        ["insurance", "sme", "consult"],
    ),
    ("demo-v-mirai-id", "ミライID株式会社", "Mirai Identity", "kanto", "medium", ["idaas", "mfa", "pam"]),
    (
        "demo-v-nagoya-factory",
        "名古屋ファクトリーセキュリティ株式会社",
        "Nagoya Factory Security",
        "chubu",
        "medium",
        ["ot", "otmon", "iotva"],
    ),
    (
        "demo-v-osaka-mail",
        "大阪メールガード株式会社",
        "Osaka Mail Guard",
        "kinki",
        "small",
        ["mail", "training", "phish"],
    ),
    (
        "demo-v-cloudsec-jp",
        "クラウドセック・ジャパン株式会社",
        "CloudSec Japan",
        "kanto",
        "medium",
        ["cspm", "casb", "waf"],
    ),
    (
        "demo-v-edu-academy",
        "セキュリティ人材アカデミー株式会社",
        "Security Talent Academy",
        "kinki",
        "small",
        ["training", "phish", "consult"],
    ),
    (
        "demo-v-kanto-forensics",
        "関東フォレンジック株式会社",
        "Kanto Forensics",
        "kanto",
        "small",
        ["ir", "forensics", "soc"],
    ),
    (
        "demo-v-medical-sec",
        "メディカルセキュア株式会社",
        "Medical Secure",
        "kinki",
        "small",
        ["medical", "dlp", "consult"],
    ),
    (
        "demo-v-crypto-works",
        "高機能暗号ワークス株式会社",
        "Advanced Crypto Works",
        "kanto",
        "micro",
        ["crypto", "hsm", "sensor"],
    ),
    (
        "demo-v-global-soc",
        "Global SOC Partners K.K.",
        "Global SOC Partners",
        "kanto",
        "large",
        ["soc", "edr", "cspm"],
    ),
]

# key: (categories, components, layers, delivery, price (min, max, unit), name_ja, name_en, summary_ja, summary_en)
PRODUCTS = {
    "edr": (
        ["endpoint-protection"],
        ["things", "system"],
        [3],
        ["cloud"],
        (800, 1500, "monthly"),
        "EDR クラウド",
        "EDR Cloud",
        "PC・サーバの不審な挙動を検知し自動で隔離する EDR。",
        "EDR that detects suspicious behaviour on PCs and servers and isolates them automatically.",
    ),
    "soc": (
        ["siem-soc"],
        ["system", "data"],
        [3],
        ["managed_service"],
        (150000, 600000, "monthly"),
        "24時間 SOC 監視サービス",
        "24/7 SOC monitoring",
        "専門アナリストがログを 24 時間監視し、重大な警報は電話で通知。",
        "Analysts watch your logs around the clock and phone you about serious alerts.",
    ),
    "ir": (
        ["incident-response"],
        ["procedure", "organization"],
        [1, 3],
        ["on_site", "managed_service"],
        (300000, 3000000, "one_off"),
        "インシデント駆け付け対応",
        "Incident response on call",
        "感染・侵入の疑いに専門家が駆け付け、初動対応と復旧を支援。",
        "Experts come on site when you suspect an infection or intrusion and help with first response and recovery.",
    ),
    "utm": (
        ["network-security"],
        ["system"],
        [3],
        ["on_premises", "managed_service"],
        (5000, 30000, "monthly"),
        "中小企業向け UTM",
        "UTM for SMEs",
        "ファイアウォール・IPS・URL フィルタを 1 台に。設定と監視も代行。",
        "Firewall, IPS and URL filtering in one box, configured and monitored for you.",
    ),
    "router": (
        ["network-security", "iot-ot-security"],
        ["things", "system"],
        [2, 3],
        ["on_premises"],
        (50000, 200000, "one_off"),
        "正規通信限定ルータ",
        "Allow-list router",
        "許可した正規の通信のみを通す IoT 向けルータ。",
        "A router for IoT that lets only legitimate, allow-listed traffic through.",
    ),
    "waf": (
        ["web-security", "cloud-security"],
        ["system"],
        [3],
        ["cloud"],
        (10000, 80000, "monthly"),
        "クラウド WAF",
        "Cloud WAF",
        "Web サイトへの攻撃を遮断するクラウド型 WAF。",
        "A cloud web application firewall that blocks attacks on your website.",
    ),
    "va": (
        ["vulnerability-assessment"],
        ["system"],
        [3],
        ["cloud", "on_site"],
        (200000, 1500000, "one_off"),
        "プラットフォーム脆弱性診断",
        "Platform vulnerability assessment",
        "サーバ・ネットワーク機器の脆弱性を診断し、優先順位付きで報告。",
        "Assesses servers and network devices and reports vulnerabilities by priority.",
    ),
    "webva": (
        ["vulnerability-assessment", "web-security"],
        ["system"],
        [3],
        ["on_site"],
        (300000, 2000000, "one_off"),
        "Web アプリケーション脆弱性診断",
        "Web application assessment",
        "手動と自動を組み合わせた Web アプリの脆弱性診断。",
        "Manual and automated vulnerability assessment of web applications.",
    ),
    "pentest": (
        ["penetration-testing"],
        ["system", "people"],
        [3],
        ["on_site"],
        (1000000, 5000000, "one_off"),
        "ペネトレーションテスト",
        "Penetration testing",
        "攻撃者の視点で社内ネットワークへの侵入を試みる侵入テスト。",
        "Intrusion testing of your internal network from an attacker's point of view.",
    ),
    "redteam": (
        ["penetration-testing", "training-awareness"],
        ["people", "procedure"],
        [1, 3],
        ["on_site"],
        (3000000, 10000000, "one_off"),
        "レッドチーム演習",
        "Red-team exercise",
        "実際の攻撃を模した演習で検知と対応の体制を評価。",
        "An exercise that mimics a real attack to test detection and response.",
    ),
    "sme": (
        ["sme-help-package", "incident-response", "cyber-insurance"],
        ["organization", "procedure"],
        [1],
        ["managed_service", "on_site"],
        (2000, 10000, "monthly"),
        "サイバーセキュリティお助け隊サービス",
        "SME cyber help service",
        "相談窓口・異常監視・駆け付け・簡易保険をまとめた中小企業向けパッケージ。",
        "A help desk, monitoring, on-site dispatch and simple insurance in one package for SMEs.",
    ),
    "backup": (
        ["backup-recovery"],
        ["data"],
        [3],
        ["cloud"],
        (3000, 20000, "monthly"),
        "ランサムウェア対策バックアップ",
        "Ransomware-proof backup",
        "改ざんできない世代管理バックアップで迅速に復旧。",
        "Immutable versioned backups for fast recovery.",
    ),
    "training": (
        ["training-awareness"],
        ["people"],
        [1],
        ["on_site", "cloud"],
        (100000, 500000, "one_off"),
        "従業員セキュリティ研修",
        "Staff security training",
        "経営層から現場まで、役割別のセキュリティ研修。",
        "Role-based security training from executives to the shop floor.",
    ),
    "phish": (
        ["training-awareness", "email-security"],
        ["people"],
        [1],
        ["cloud"],
        (50000, 300000, "one_off"),
        "標的型メール訓練",
        "Phishing drills",
        "実際の手口を模したメール訓練と結果分析。",
        "Phishing drills modelled on real campaigns, with analysis.",
    ),
    "ot": (
        ["iot-ot-security"],
        ["things", "system"],
        [2],
        ["on_premises", "on_site"],
        (2000000, 8000000, "one_off"),
        "制御システム向け侵入検知",
        "ICS intrusion detection",
        "工場の制御ネットワークを受動的に監視し、異常な通信を検知。",
        "Passively monitors factory control networks and detects abnormal traffic.",
    ),
    "otmon": (
        ["iot-ot-security", "siem-soc"],
        ["system", "things"],
        [2],
        ["managed_service"],
        (200000, 800000, "monthly"),
        "OT 監視マネージドサービス",
        "Managed OT monitoring",
        "工場・プラントの OT ネットワークを専門チームが監視。",
        "A specialist team monitors OT networks of factories and plants.",
    ),
    "iotva": (
        ["iot-ot-security", "vulnerability-assessment"],
        ["things"],
        [2],
        ["on_site"],
        (500000, 3000000, "one_off"),
        "IoT 機器脆弱性検証",
        "IoT device security testing",
        "出荷前の IoT 機器のファームウェアと通信を検証。",
        "Tests firmware and communications of IoT devices before shipment.",
    ),
    "consult": (
        ["consulting-governance"],
        ["organization", "procedure"],
        [1],
        ["on_site"],
        (500000, 3000000, "one_off"),
        "CPSF 対応コンサルティング",
        "CPSF consulting",
        "サイバー・フィジカル・セキュリティ対策フレームワークに沿った体制づくりを支援。",
        "Helps you organise security along the Cyber/Physical Security Framework.",
    ),
    "puf": (
        ["hardware-security", "iot-ot-security"],
        ["things"],
        [2],
        ["on_premises"],
        (300, 1200, "one_off"),
        "PUF 個体認証チップ",
        "PUF device identity chip",
        "物理的複製困難関数（PUF）で機器を個体識別し、なりすましを防止。",
        "Identifies each device by its physically unclonable function (PUF) and stops impersonation.",
    ),
    "anticounterfeit": (
        ["hardware-security"],
        ["things", "data"],
        [1, 2],
        ["on_premises", "cloud"],
        (100000, 500000, "monthly"),
        "模倣品対策プラットフォーム",
        "Anti-counterfeiting platform",
        "PUF タグとクラウド照合で部品の真正性をサプライチェーン全体で確認。",
        "PUF tags and cloud checks prove parts are genuine across the supply chain.",
    ),
    "hsm": (
        ["encryption-key-management"],
        ["data", "things"],
        [3],
        ["on_premises", "cloud"],
        (50000, 300000, "monthly"),
        "鍵管理サービス（HSM）",
        "Key management (HSM)",
        "ハードウェアで守る鍵管理と証明書運用。",
        "Hardware-protected key management and certificate operations.",
    ),
    "dlp": (
        ["data-protection"],
        ["data"],
        [3],
        ["cloud"],
        (500, 2000, "monthly"),
        "情報漏えい対策 DLP",
        "Data loss prevention",
        "個人情報・設計図の持ち出しを検知・ブロック。",
        "Detects and blocks leaks of personal data and drawings.",
    ),
    "crypto": (
        ["encryption-key-management", "data-protection"],
        ["data"],
        [3],
        ["on_premises"],
        (1000000, 5000000, "one_off"),
        "高機能暗号ライブラリ",
        "Advanced cryptography library",
        "暗号化したままの検索・集計ができる高機能暗号。",
        "Advanced cryptography that lets you search and aggregate encrypted data.",
    ),
    "mail": (
        ["email-security"],
        ["system", "people"],
        [3],
        ["cloud"],
        (300, 800, "monthly"),
        "メールセキュリティゲートウェイ",
        "Email security gateway",
        "標的型メール・なりすましを遮断し、DMARC にも対応。",
        "Blocks targeted and spoofed e-mail; supports DMARC.",
    ),
    "cspm": (
        ["cloud-security"],
        ["system", "data"],
        [3],
        ["cloud"],
        (50000, 200000, "monthly"),
        "クラウド設定監査（CSPM）",
        "Cloud posture management",
        "クラウドの設定ミスを継続的に検出。",
        "Continuously finds misconfigurations in your cloud.",
    ),
    "casb": (
        ["cloud-security", "data-protection"],
        ["data"],
        [3],
        ["cloud"],
        (400, 1000, "monthly"),
        "CASB",
        "CASB",
        "クラウドサービスの利用を可視化・制御。",
        "Visibility and control over cloud service use.",
    ),
    "idaas": (
        ["identity-access"],
        ["people", "system"],
        [3],
        ["cloud"],
        (300, 700, "monthly"),
        "ID 管理クラウド",
        "Identity cloud",
        "シングルサインオンとアカウント管理をクラウドで。",
        "Single sign-on and account management in the cloud.",
    ),
    "mfa": (
        ["identity-access"],
        ["people"],
        [3],
        ["cloud"],
        (200, 500, "monthly"),
        "多要素認証サービス",
        "Multi-factor authentication",
        "スマホ・生体認証による多要素認証。",
        "Multi-factor authentication by phone and biometrics.",
    ),
    "pam": (
        ["identity-access"],
        ["people", "system"],
        [3],
        ["on_premises"],
        (1000000, 4000000, "one_off"),
        "特権 ID 管理",
        "Privileged access management",
        "管理者権限の貸出と操作記録。",
        "Lends out administrator rights and records what was done.",
    ),
    "insurance": (
        ["cyber-insurance"],
        ["organization"],
        [1],
        ["managed_service"],
        (3000, 50000, "monthly"),
        "中小企業向けサイバー保険",
        "Cyber insurance for SMEs",
        "損害賠償・復旧費用・駆け付け費用を補償。",
        "Covers liability, recovery costs and on-site response.",
    ),
    "forensics": (
        ["incident-response", "data-protection"],
        ["data", "procedure"],
        [3],
        ["on_site"],
        (500000, 5000000, "one_off"),
        "デジタルフォレンジック調査",
        "Digital forensics",
        "被害範囲と原因を調査し、報告書を作成。",
        "Investigates the scope and cause of an incident and writes the report.",
    ),
    "medical": (
        ["data-protection", "consulting-governance"],
        ["organization", "data"],
        [1, 3],
        ["on_site"],
        (300000, 2000000, "one_off"),
        "医療機関向けセキュリティ支援",
        "Security for hospitals",
        "医療情報システムのガイドラインに沿った対策支援。",
        "Support following the guidelines for medical information systems.",
    ),
    "sensor": (
        ["iot-ot-security", "hardware-security"],
        ["things", "data"],
        [2],
        ["on_premises"],
        (100000, 800000, "one_off"),
        "計測セキュリティモジュール",
        "Sensor security module",
        "センサーの計測値の改ざんを検知し、真正性を保証。",
        "Detects tampering with sensor measurements and vouches for their authenticity.",
    ),
}

BODIES = [
    (
        "demo-vb-cyber-center",
        "サイバー製品検証センター",
        "Cyber Product Verification Center",
        OrganisationKind.VERIFICATION_BODY,
    ),
    (
        "demo-vb-whitehat",
        "ホワイトハッカー実機演習機構",
        "White-hat Live System Testing Organisation",
        OrganisationKind.VERIFICATION_BODY,
    ),
    (
        "demo-vb-audit-registry",
        "情報セキュリティサービス審査登録機構",
        "Security Service Audit Registry",
        OrganisationKind.VERIFICATION_BODY,
    ),
    (
        "demo-vb-sme-council",
        "中小企業セキュリティ支援協議会",
        "SME Security Support Council",
        OrganisationKind.PUBLIC_AGENCY,
    ),
]

INDUSTRIES = [
    "manufacturing",
    "healthcare",
    "finance",
    "retail",
    "logistics",
    "construction",
    "energy",
    "public-sector",
    "education-research",
    "it-services",
]
USER_PREFIXES = [
    ("精密工業", "Precision Industries"),
    ("総合病院", "General Hospital"),
    ("信用金庫", "Credit Bank"),
    ("商店", "Stores"),
    ("運輸", "Transport"),
    ("建設", "Construction"),
    ("電力", "Power"),
    ("市役所", "City Office"),
    ("大学", "University"),
    ("システムズ", "Systems"),
]
PLACES = [
    ("札幌", "Sapporo"),
    ("仙台", "Sendai"),
    ("横浜", "Yokohama"),
    ("名古屋", "Nagoya"),
    ("大阪", "Osaka"),
    ("広島", "Hiroshima"),
    ("高松", "Takamatsu"),
    ("福岡", "Fukuoka"),
    ("千葉", "Chiba"),
    ("京都", "Kyoto"),
    ("新潟", "Niigata"),
    ("熊本", "Kumamoto"),
]
PLACE_REGION = [
    "hokkaido",
    "tohoku",
    "kanto",
    "chubu",
    "kinki",
    "chugoku",
    "shikoku",
    "kyushu-okinawa",
    "kanto",
    "kinki",
    "chubu",
    "kyushu-okinawa",
]
SIZES = ["micro", "small", "medium", "large"]

# (title, description, type, urgency, categories, components, language)
NEEDS = [
    (
        "ランサムウェアに感染したかもしれない",
        "社内 PC の画面に脅迫文が表示されました。どう対応すればよいかわかりません。至急相談したいです。",
        "incident_help",
        "incident_now",
        [],
        ["procedure"],
        "ja",
    ),
    (
        "工場の制御ネットワークを監視したい",
        "生産ラインの PLC が社内 LAN とつながっています。異常な通信を検知する仕組みを探しています。",
        "product",
        "normal",
        ["iot-ot-security"],
        ["system", "things"],
        "ja",
    ),
    (
        "従業員向けの標的型メール訓練",
        "従業員 80 名。最近なりすましメールが増えており、訓練を実施したい。",
        "service",
        "normal",
        ["training-awareness"],
        ["people"],
        "ja",
    ),
    (
        "安価な UTM を導入したい",
        "事務所のインターネット出口に UTM を置きたい。予算は月額 1 万円程度。",
        "product",
        "normal",
        ["network-security"],
        ["system"],
        "ja",
    ),
    (
        "Web サイトの脆弱性診断",
        "EC サイトをリニューアルするので公開前に診断を受けたい。",
        "service",
        "high",
        ["vulnerability-assessment", "web-security"],
        ["system"],
        "ja",
    ),
    (
        "部品の模倣品対策",
        "海外で当社部品の偽物が出回っています。真正性を確認できる技術を探しています。",
        "poc",
        "normal",
        ["hardware-security"],
        ["things"],
        "ja",
    ),
    (
        "IoT 機器の個体認証の共同研究",
        "センサー機器のなりすまし防止について、PUF などの技術で共同研究したい。",
        "research",
        "low",
        ["hardware-security"],
        ["things", "data"],
        "ja",
    ),
    (
        "何から始めればよいかわからない",
        "セキュリティ担当者がいません。まず何をすべきか相談できる相手を探しています。",
        "service",
        "normal",
        [],
        ["organization"],
        "ja",
    ),
    (
        "電子カルテの情報漏えい対策",
        "病院の電子カルテから患者情報が持ち出されないようにしたい。",
        "product",
        "high",
        ["data-protection"],
        ["data"],
        "ja",
    ),
    (
        "24 時間のログ監視を委託したい",
        "夜間・休日に対応できる人員がいないため、SOC サービスを探しています。",
        "service",
        "normal",
        ["siem-soc"],
        ["system"],
        "ja",
    ),
    (
        "クラウド設定の点検",
        "AWS の設定に問題がないか定期的に点検したい。",
        "service",
        "normal",
        ["cloud-security"],
        ["system"],
        "ja",
    ),
    (
        "バックアップの見直し",
        "ランサムウェアでも消されないバックアップを構築したい。",
        "product",
        "normal",
        ["backup-recovery"],
        ["data"],
        "ja",
    ),
    (
        "サイバー保険の加入を検討",
        "取引先から求められ、サイバー保険を検討しています。",
        "service",
        "low",
        ["cyber-insurance"],
        ["organization"],
        "ja",
    ),
    (
        "サプライチェーン全体のセキュリティ評価",
        "取引先 30 社のセキュリティ状況を把握したい。CPSF の第 1 層の観点で。",
        "service",
        "normal",
        ["consulting-governance"],
        ["organization"],
        "ja",
    ),
    (
        "多要素認証の導入",
        "リモートワーク用に多要素認証を導入したい。",
        "product",
        "normal",
        ["identity-access"],
        ["people"],
        "ja",
    ),
    (
        "実環境での製品トライアル先を提供します",
        "当社工場で OT セキュリティ製品の実証（PoC）に協力できます。",
        "poc",
        "low",
        ["iot-ot-security"],
        ["system"],
        "ja",
    ),
    (
        "不正アクセスの調査",
        "サーバに不審なログインの痕跡があります。調査をお願いしたい。",
        "incident_help",
        "high",
        ["incident-response"],
        ["data", "procedure"],
        "ja",
    ),
    (
        "Penetration test before an audit",
        "We need an external penetration test of our head-office network before our ISMS audit in the autumn.",
        "service",
        "normal",
        ["penetration-testing"],
        ["system"],
        "en",
    ),
    (
        "OT monitoring for a power plant",
        "Looking for a passive monitoring solution for a small hydroelectric plant's control network.",
        "product",
        "normal",
        ["iot-ot-security", "siem-soc"],
        ["system", "things"],
        "en",
    ),
    (
        "Help with phishing incidents",
        "Several staff entered passwords on a fake login page. We need help now.",
        "incident_help",
        "incident_now",
        ["incident-response", "email-security"],
        ["people"],
        "en",
    ),
]

INTRODUCTIONS = [
    # (vendor slug, product key, need index, status)
    ("demo-v-tohoku-ot", "ot", 1, IntroductionStatus.ACCEPTED),
    ("demo-v-osaka-mail", "phish", 2, IntroductionStatus.PENDING),
    ("demo-v-fujinet", "utm", 3, IntroductionStatus.DECLINED),
    ("demo-v-puf-devices", "anticounterfeit", 5, IntroductionStatus.PENDING),
    ("demo-v-hokkaido-it", "sme", 7, IntroductionStatus.ACCEPTED),
    ("demo-v-global-soc", "soc", 9, IntroductionStatus.PENDING),
]


def _org(slug, name_ja, name_en, kind, **extra) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=slug, defaults={"name_ja": name_ja, "name_en": name_en, "kind": kind, **extra}
    )
    return organisation


def _listing(vendor: Organisation, brand_en: str, key: str, index: int) -> SolutionListing:
    cats, components, layers, delivery, price, name_ja, name_en, summary_ja, summary_en = PRODUCTS[key]
    status = ListingStatus.PUBLISHED
    if index % 10 == 9:
        status = ListingStatus.DRAFT
    elif index % 10 == 8:
        status = ListingStatus.SUBMITTED
    elif index == 57:
        status = ListingStatus.ARCHIVED
    regions = (
        ["nationwide"]
        if vendor.size == "large" or key in ("edr", "waf", "mail", "idaas")
        else [
            vendor.region,
            REGIONS[(REGIONS.index(vendor.region) + 1) % len(REGIONS)],
        ]
    )
    sme = key in ("sme", "utm", "mail", "backup", "insurance", "mfa")
    listing, _ = SolutionListing.objects.update_or_create(
        vendor=vendor,
        name_en=f"{brand_en} {name_en}",
        defaults={
            "name_ja": f"{vendor.name_ja.replace('株式会社', '').strip()} {name_ja}",
            "summary_ja": summary_ja,
            "summary_en": summary_en,
            "description_ja": f"{summary_ja}\n\n導入から運用まで当社が支援します。対応地域・価格はお問い合わせください。",
            "description_en": f"{summary_en}\n\nWe support you from introduction to operation.",
            "cpsf_layers": layers,
            "cpsf_components": components,
            "industries": ["manufacturing", "healthcare", "retail"]
            if sme
            else INDUSTRIES[index % 10 : index % 10 + 3],
            "company_sizes": ["micro", "small", "medium"] if sme else ["medium", "large"],
            "regions": regions,
            "delivery_models": delivery,
            "languages": ["ja", "en"] if index % 3 == 0 else ["ja"],
            "price_min_jpy": price[0],
            "price_max_jpy": price[1],
            "price_unit": price[2],
            "website": f"https://{vendor.slug.removeprefix('demo-v-')}.example.jp/{key}",
            "contact_email": f"sales@{vendor.slug.removeprefix('demo-v-')}.example.jp",
            "status": status,
            "published_at": timezone.now() - datetime.timedelta(days=200 - index)
            if status == "published"
            else None,
        },
    )
    listing.categories.set(SecurityCategory.objects.filter(slug__in=cats))
    return listing


def _records(listing: SolutionListing, key: str, index: int, bodies: dict[str, Organisation]) -> None:
    today = timezone.localdate()
    plan = []
    if key == "sme":
        plan.append(("sme_help_standard", "demo-vb-sme-council", RecordStatus.CONFIRMED, 60, 700))
    mode = index % 6
    if mode == 0:
        plan.append(("attack", "demo-vb-whitehat", RecordStatus.CONFIRMED, 90, 640))
    elif mode == 1:
        plan.append(("effectiveness", "demo-vb-cyber-center", RecordStatus.CONFIRMED, 120, 610))
    elif mode == 2:
        plan.append(("effectiveness", "demo-vb-cyber-center", RecordStatus.CLAIMED, 30, 700))
    elif mode == 3:
        plan.append(("registered", "demo-vb-audit-registry", RecordStatus.CONFIRMED, 200, 530))
    elif mode == 4 and index % 4 == 0:
        # Expired long ago: never a badge.
        plan.append(("effectiveness", "demo-vb-cyber-center", RecordStatus.CONFIRMED, 900, -170))
    if index % 11 == 5:
        plan.append(("attack", "demo-vb-whitehat", RecordStatus.REVOKED, 300, 400))
    for kind, issuer_slug, status, performed_ago, expires_in in plan:
        VerificationRecord.objects.update_or_create(
            listing=listing,
            kind=kind,
            issuer=bodies[issuer_slug],
            defaults={
                "performed_on": today - datetime.timedelta(days=performed_ago),
                "expires_on": today + datetime.timedelta(days=expires_in),
                "scope": f"{listing.name_ja} の{'実機攻撃耐性' if kind == 'attack' else '検知性能・機能'}",
                "result_summary": "評価項目の 95% 以上を満たした。"
                if status != RecordStatus.REVOKED
                else "製品更新により評価範囲外となった。",
                "evidence_url": f"https://{issuer_slug.removeprefix('demo-vb-')}.example.jp/reports/{listing.pk}",
                "evidence_is_public": True,
                "status": status,
                "status_reason": "製品の大幅な変更のため取り消し" if status == RecordStatus.REVOKED else "",
                "decided_at": timezone.now() if status != RecordStatus.CLAIMED else None,
            },
        )


def seed(stdout) -> None:
    bodies = {
        slug: _org(
            slug,
            ja,
            en,
            kind,
            region="kanto",
            confirmed_by_staff=True,
            website=f"https://{slug[8:]}.example.jp",
        )
        for slug, ja, en, kind in BODIES
    }
    listings: dict[tuple[str, str], SolutionListing] = {}
    index = 0
    for n, (slug, name_ja, name_en, region, size, products) in enumerate(VENDORS):
        vendor = _org(
            slug,
            name_ja,
            name_en,
            OrganisationKind.VENDOR,
            region=region,
            size=size,
            industry="it-services",
            is_sme=size != "large",
            confirmed_by_staff=n % 4 != 3,
            website=f"https://{slug.removeprefix('demo-v-')}.example.jp",
            contact_email=f"info@{slug.removeprefix('demo-v-')}.example.jp",
            description=f"{name_ja}は{Region(region).label}を拠点とするセキュリティベンダーです。",
        )
        for key in products:
            listing = _listing(vendor, name_en, key, index)
            _records(listing, key, index, bodies)
            listings[(slug, key)] = listing
            index += 1

    users = []
    for n in range(30):
        prefix_ja, prefix_en = USER_PREFIXES[n % 10]
        place_ja, place_en = PLACES[n % 12]
        kind = OrganisationKind.UNIVERSITY if prefix_en == "University" else OrganisationKind.USER_COMPANY
        users.append(
            _org(
                f"demo-u-{n + 1:02d}",
                f"{place_ja}{prefix_ja}{'株式会社' if kind == OrganisationKind.USER_COMPANY else ''}（デモ{n + 1}）",
                f"{place_en} {prefix_en} (demo {n + 1})",
                kind,
                region=PLACE_REGION[n % 12],
                size=SIZES[n % 4],
                industry=INDUSTRIES[n % 10],
                is_sme=SIZES[n % 4] != "large",
                contact_email=f"security@demo-u-{n + 1:02d}.example.jp",
                # The trial issuers below (every sixth): only staff-confirmed issuers' records count.
                confirmed_by_staff=n % 6 == 5,
            )
        )

    vendor_orgs = [Organisation.objects.get(slug=v[0]) for v in VENDORS]
    needs = []
    for n in range(40):
        title, description, need_type, urgency, cats, components, language = NEEDS[n % len(NEEDS)]
        owner = users[n % 30]
        if n >= len(NEEDS):
            title = (
                f"{title}（{owner.name_ja.split('（')[0]}）"
                if language == "ja"
                else f"{title} ({owner.name_en})"
            )
        visibility = Visibility.PUBLIC
        if n % 9 == 4:
            visibility = Visibility.CONFIRMED_VENDORS
        elif n % 13 == 6:
            visibility = Visibility.INVITE_ONLY
        need, _ = Need.objects.update_or_create(
            owner=owner,
            title=title,
            defaults={
                "description": description,
                "need_type": need_type,
                "urgency": urgency,
                "language": language,
                "cpsf_components": components,
                "cpsf_layers": [2] if "iot-ot-security" in cats else [1] if not cats else [3],
                "industry": owner.industry,
                "company_size": owner.size,
                "region": owner.region,
                "budget_min_jpy": None if n % 5 == 0 else 100000 * (n % 4 + 1),
                "budget_max_jpy": None if n % 5 == 0 else 500000 * (n % 4 + 1),
                "budget_unit": "" if n % 5 == 0 else ("one_off" if n % 2 else "monthly"),
                "wanted_by": timezone.localdate() + datetime.timedelta(days=30 + n * 3),
                "min_verification_level": [0, 0, 1, 2, 3][n % 5],
                "visibility": visibility,
                "hide_company_name": n % 3 == 1,
                "expires_at": timezone.now() + datetime.timedelta(days=60 + n),
            },
        )
        need.categories.set(SecurityCategory.objects.filter(slug__in=cats))
        need.invited_organisations.set(
            vendor_orgs[n % 20 : n % 20 + 2] if visibility == Visibility.INVITE_ONLY else []
        )
        needs.append(need)

    for vendor_slug, key, need_index, status in INTRODUCTIONS:
        listing = listings[(vendor_slug, key)]
        need = needs[need_index]
        introduction, _ = Introduction.objects.update_or_create(
            kind=IntroductionKind.PROPOSAL,
            from_org=listing.vendor,
            listing=listing,
            need=need,
            defaults={
                "to_org": need.owner,
                "reason": f"「{need.title}」について、{listing.name_ja}で解決できると考えご提案します。",
                "status": status,
                "decided_at": timezone.now() if status != IntroductionStatus.PENDING else None,
                "decline_reason": "今回は予算が合いませんでした。"
                if status == IntroductionStatus.DECLINED
                else "",
            },
        )
        if status == IntroductionStatus.ACCEPTED:
            # As after a real acceptance: the pair's channel (idempotent by its key).
            open_introduction_channel(Introduction, introduction.pk)

    # Trials in real user environments (staff-confirmed user organisations as issuers: users[5], [11], ...).
    today = timezone.localdate()
    for n, listing in enumerate(listings.values()):
        if n % 6 == 5 and listing.status == ListingStatus.PUBLISHED:
            VerificationRecord.objects.update_or_create(
                listing=listing,
                kind="trial",
                issuer=users[n % 30],
                defaults={
                    "performed_on": today - datetime.timedelta(days=45),
                    "expires_on": today + datetime.timedelta(days=1000),
                    "scope": "自社オフィス・工場での 3 か月間の試用",
                    "result_summary": "業務への影響なく運用でき、実際の不審通信を 2 件検知した。",
                    "status": RecordStatus.CONFIRMED,
                    "decided_at": timezone.now(),
                },
            )

    for listing in listings.values():
        do_refresh_verification_level(listing)
        send_listing_changed(listing.pk)
    for need in needs:
        send_need_changed(need.pk)
    for slug, email, name in DEMO_LOGINS:
        user = ensure_user(email, name)
        Membership.objects.update_or_create(
            organisation=Organisation.objects.get(slug=slug), user=user, defaults={"role": "owner"}
        )
        if email in DEMO_TOTP_SECRETS:  # the verifier: its decisions need a second factor
            ensure_demo_totp(user, stdout)
    stdout.write(
        f"  marketplace: {len(VENDORS)} vendors, {len(listings)} listings, {len(users)} user organisations, "
        f"{len(needs)} needs, {len(INTRODUCTIONS)} introductions; log in as "
        + ", ".join(email for _slug, email, _name in DEMO_LOGINS)
    )
