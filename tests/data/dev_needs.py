"""Development set, needs side: what user companies write, and how a judge reads it.

Hand-written. Each template is one problem in several phrasings (the words people really use, from a worried
owner of a ten-person workshop to a CISO), with the judge's reading of which offers fit: ``fit`` maps offer topics
(``dev_products.py``) to 3 (solves it), 2 (partly), 1 (related) or 0 (tempting, not relevant). ``languages`` says
how many needs the template yields and in which language each is written. ``{place}`` is a town in the need's
region and ``{emp}`` the headcount; phrasings without ``{place}`` allow a need with no stated region.
"""

from __future__ import annotations

from dataclasses import dataclass

SME = ("micro", "small", "medium")


@dataclass(frozen=True)
class NeedTemplate:
    key: str
    fit: dict[str, int]
    categories: tuple[str, ...]
    components: tuple[str, ...]
    industries: tuple[str, ...]
    sizes: tuple[str, ...]
    budgets: tuple[int | None, ...]
    ja: tuple[tuple[str, str], ...]
    en: tuple[tuple[str, str], ...]
    languages: tuple[str, ...]
    min_verification: tuple[str | None, ...] = ("none", "none", None, "claimed", "registered")
    urgent: bool = False
    #: Share of needs from this template whose author leaves categories empty.
    no_categories: float = 0.3


PLACES = {
    "hokkaido": (("札幌", "Sapporo"), ("旭川", "Asahikawa"), ("帯広", "Obihiro")),
    "tohoku": (("仙台", "Sendai"), ("盛岡", "Morioka"), ("郡山", "Koriyama")),
    "kanto": (("東京", "Tokyo"), ("横浜", "Yokohama"), ("さいたま", "Saitama"), ("千葉", "Chiba")),
    "chubu": (("名古屋", "Nagoya"), ("浜松", "Hamamatsu"), ("金沢", "Kanazawa"), ("新潟", "Niigata")),
    "kinki": (("大阪", "Osaka"), ("京都", "Kyoto"), ("神戸", "Kobe"), ("東大阪", "Higashi-Osaka")),
    "chugoku": (("広島", "Hiroshima"), ("岡山", "Okayama"), ("松江", "Matsue")),
    "shikoku": (("高松", "Takamatsu"), ("松山", "Matsuyama"), ("高知", "Kochi")),
    "kyushu-okinawa": (("福岡", "Fukuoka"), ("熊本", "Kumamoto"), ("那覇", "Naha")),
}

URGENT_FIT = {
    "ir-onsite": 3,
    "sme-help": 3,
    "forensics": 2,
    "backup": 1,
    "x-hdd": 1,
    "cyber-insurance": 1,
    "edr": 1,
    "x-pc": 0,
    "crypto-kms": 0,
}

NEEDS = (
    NeedTemplate(
        key="supplier-demand",
        fit={
            "security-checkup": 3,
            "supply-chain": 3,
            "isms": 2,
            "sme-help": 2,
            "awareness": 1,
            "utm": 1,
            "x-legal": 0,
        },
        categories=("consulting-governance",),
        components=("organization", "procedure"),
        industries=("manufacturing", "logistics", "construction"),
        sizes=("micro", "small"),
        budgets=(300_000, 500_000, None),
        ja=(
            (
                "取引先から情報セキュリティ対策を求められた",
                "{place}で部品加工をしている従業員{emp}名の会社です。大手の取引先から情報セキュリティ対策の状況を"
                "報告するよう求められましたが、何から始めればいいかわかりません。チェックシートの回答も含めて相談できる"
                "ところを探しています。",
            ),
            (
                "セキュリティ対策、何から始めれば？",
                "元請けからセキュリティのチェックリストが届きました。IT担当者はおらず、社長の私がパソコンも見ています。"
                "専門用語が多くてよくわからないので、うちの規模でできることを教えてほしいです。",
            ),
        ),
        en=(
            (
                "Customer demands proof of our security measures",
                "We are a {emp}-person supplier in {place}. A major customer sent us a security questionnaire and "
                "expects improvements within the year. We have no IT staff and do not know where to start.",
            ),
        ),
        languages=("ja", "en"),
        no_categories=0.6,
    ),
    NeedTemplate(
        key="factory-online",
        fit={
            "ot-assess": 3,
            "ot-monitor": 3,
            "ot-gateway": 2,
            "remote-access": 2,
            "security-checkup": 1,
            "utm": 1,
            "x-factory": 0,
            "x-cctv": 0,
        },
        categories=("iot-ot-security",),
        components=("things", "system"),
        industries=("manufacturing",),
        sizes=("small", "medium"),
        budgets=(2_000_000, 5_000_000, None),
        ja=(
            (
                "工場の制御システムがネットにつながっていて不安",
                "{place}の工場で、生産設備の稼働データを見るために制御システムを社内ネットワークにつなぎました。"
                "最近よく聞くサイバー攻撃で工場が止まらないか不安です。どこが危ないのか調べてもらい、対策を相談したいです。",
            ),
            (
                "生産ラインのPLCがインターネット経由で見えている？",
                "設備メーカーが遠隔保守のためにルーターを置いていったのですが、その先に制御盤のPLCがつながっています。"
                "外から入られる可能性がないか、工場のネットワークを調べてほしいです。",
            ),
        ),
        en=(
            (
                "Worried about our factory's control systems being online",
                "Our plant in {place} connected its production equipment to the office network for monitoring. We "
                "are worried an attack could stop the line and want someone to assess the OT/ICS risks.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="ransomware-now",
        fit=URGENT_FIT,
        categories=("incident-response",),
        components=("system", "data"),
        industries=("manufacturing", "retail", "healthcare", "construction", "other"),
        sizes=SME,
        budgets=(None,),
        min_verification=("none", None),
        urgent=True,
        ja=(
            (
                "ランサムウェアに感染したかもしれない、すぐ来てほしい",
                "今朝出社したら共有フォルダのファイルが開けず、拡張子が変わっていて英語の脅迫文が表示されています。"
                "{place}の事務所です。どうすればいいかわからないので、すぐに来て対応してもらえる業者を探しています。",
            ),
            (
                "至急：サーバーのファイルが全部暗号化された",
                "{place}で従業員{emp}名の会社です。サーバーのデータが暗号化され身代金を要求されています。"
                "パソコンは電源を切ったほうがいいのかもわかりません。今日中に現地で見てもらえるところを探しています。",
            ),
        ),
        en=(
            (
                "URGENT: ransomware on our file server, need help on site today",
                "Files on our server in {place} were encrypted overnight and there is a ransom note. We need "
                "incident responders to come to our office as soon as possible.",
            ),
        ),
        languages=("ja", "en", "ja"),
        no_categories=0.5,
    ),
    NeedTemplate(
        key="want-edr",
        fit={"edr": 3, "mdr-soc": 2, "ngav": 2, "sme-help": 1},
        categories=("endpoint-protection",),
        components=("things", "system"),
        industries=("manufacturing", "finance", "it-services", "retail", "logistics"),
        sizes=("small", "medium", "large"),
        budgets=(500_000, 1_000_000, 3_000_000, None),
        ja=(
            (
                "EDRの導入を検討しています",
                "従業員{emp}名、パソコン約{emp}台です。ウイルス対策ソフトだけでは不十分と言われ、EDRの導入を"
                "検討しています。運用の手間が少ない製品を探しています。",
            ),
            (
                "ウイルス対策ソフトだけで大丈夫か不安",
                "最近の攻撃はウイルス対策ソフトをすり抜けると聞きました。パソコンで怪しい動きがあったら検知して"
                "止めてくれる仕組みを入れたいです。",
            ),
        ),
        en=(
            (
                "Looking for an EDR solution",
                "About {emp} employees, mostly Windows laptops. We want endpoint detection and response with "
                "automatic isolation, manageable by a small IT team.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="outsourced-monitoring",
        fit={"mdr-soc": 3, "siem": 2, "edr": 1, "x-cctv": 0, "x-soc-chip": 0},
        categories=("siem-soc",),
        components=("system", "people", "procedure"),
        industries=("finance", "retail", "it-services", "logistics"),
        sizes=("medium", "large"),
        budgets=(2_000_000, 5_000_000, None),
        min_verification=("none", "registered", "effectiveness", None),
        ja=(
            (
                "24時間のセキュリティ監視を外部に委託したい",
                "情報システム部門は5名で、夜間や休日のアラートに対応できていません。ファイアウォールや端末のログを"
                "24時間365日監視してもらえるSOCサービスを探しています。",
            ),
            (
                "SOC（セキュリティ監視センター）の外部委託先を探しています",
                "グループ会社を含めて監視体制を一本化したいと考えています。検知から初動対応まで任せられる監視サービスを"
                "比較したいです。",
            ),
        ),
        en=(
            (
                "Need a 24/7 managed SOC",
                "Our small security team cannot cover nights and weekends. We need a managed security monitoring "
                "service that triages alerts and escalates real incidents around the clock.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="office-utm",
        fit={"utm": 3, "sme-help": 2, "ngav": 1, "email-sec": 1, "x-pc": 0},
        categories=("network-security",),
        components=("things", "system"),
        industries=("retail", "construction", "other", "healthcare"),
        sizes=("micro", "small"),
        budgets=(300_000, 600_000, 1_000_000),
        ja=(
            (
                "事務所にUTMを入れたい",
                "{place}の事務所（従業員{emp}名）です。業者からUTMを勧められましたが、どれを選べばいいかわかりません。"
                "設置と設定もお願いできるところがいいです。",
            ),
            (
                "会社のネットワークの入口をしっかり守りたい",
                "インターネットの回線をそのまま使っていて、ファイアウォールも家庭用ルーター程度です。統合脅威管理の"
                "機器で、ウイルスや不正アクセスをまとめて防げるようにしたいです。",
            ),
        ),
        en=(
            (
                "Firewall / UTM for a small office",
                "We are a {emp}-person office in {place} using a consumer router. Looking for a unified threat "
                "management appliance with installation and remote support.",
            ),
        ),
        languages=("ja", "ja"),
        no_categories=0.4,
    ),
    NeedTemplate(
        key="ec-site-assessment",
        fit={"web-vuln": 3, "pentest": 2, "platform-vuln": 2, "waf": 1, "x-course": 0},
        categories=("vulnerability-assessment", "web-security"),
        components=("system",),
        industries=("retail",),
        sizes=("small", "medium"),
        budgets=(500_000, 1_000_000, 2_000_000),
        min_verification=("none", "registered", None, "none"),
        ja=(
            (
                "ECサイトの脆弱性診断をお願いしたい",
                "自社で運営しているネットショップをリニューアルします。公開前に脆弱性の診断をしてもらい、"
                "報告書をもらえる会社を探しています。",
            ),
            (
                "通販サイトがクレジットカード情報漏えいの被害にあわないか心配",
                "同業者のサイトでカード情報が漏えいした話を聞きました。うちのサイトに弱点がないか、専門家に"
                "チェックしてほしいです。",
            ),
        ),
        en=(
            (
                "Vulnerability assessment for our online shop",
                "We are relaunching our e-commerce site and need a web application security assessment with a "
                "report before go-live.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="corporate-pentest",
        fit={"pentest": 3, "platform-vuln": 2, "web-vuln": 1, "ot-pentest": 1, "x-course": 0},
        categories=("penetration-testing",),
        components=("system", "people"),
        industries=("finance", "it-services", "healthcare", "public-sector"),
        sizes=("medium", "large"),
        budgets=(3_000_000, 8_000_000, None),
        min_verification=("none", "registered", "effectiveness"),
        ja=(
            (
                "社内ネットワークへの侵入テストを実施したい",
                "監査法人から、標的型攻撃を想定した侵入テストの実施を求められました。社内ネットワークに侵入された場合に"
                "どこまで被害が広がるかを確認したいです。",
            ),
        ),
        en=(
            (
                "Pen test of our corporate network",
                "Ahead of our annual audit we need a penetration test simulating a targeted attack: initial "
                "access, lateral movement and access to customer data.",
            ),
            (
                "Red team exercise to test our SOC",
                "We want an external team to attack us like a real adversary and see whether our monitoring "
                "detects it.",
            ),
        ),
        languages=("en", "ja", "en"),
    ),
    NeedTemplate(
        key="plant-attack-test",
        fit={"ot-pentest": 3, "ot-assess": 2, "pentest": 1, "ot-monitor": 1},
        categories=("penetration-testing", "iot-ot-security"),
        components=("system", "things"),
        industries=("energy",),
        sizes=("large",),
        budgets=(10_000_000, 20_000_000, None),
        min_verification=("effectiveness", "trial", "attack"),
        ja=(
            (
                "発電設備の制御システムに対する攻撃検証",
                "発電所の制御システムについて、実機に近い環境でホワイトハッカーによる侵入テストを行い、"
                "防御策が機能するか確かめたいと考えています。重要インフラでの実績がある事業者を希望します。",
            ),
        ),
        en=(
            (
                "ICS penetration test for a power plant",
                "We operate power generation facilities and want white-hat hackers to test our control systems "
                "under a strict safety plan. Prior critical-infrastructure experience required.",
            ),
        ),
        languages=("ja", "en"),
        no_categories=0.0,
    ),
    NeedTemplate(
        key="counterfeit-parts",
        fit={"puf": 3, "iot-device": 2, "crypto-kms": 1, "x-soc-chip": 1, "sensor-sec": 1},
        categories=("hardware-security",),
        components=("things",),
        industries=("manufacturing",),
        sizes=("medium", "large"),
        budgets=(1_000_000, 3_000_000, None),
        ja=(
            (
                "自社製品の偽造部品・なりすまし機器を防ぎたい",
                "当社の産業機器の交換部品に、海外で作られた偽造品が出回っています。本物の部品かどうかを機器側で"
                "確認できる仕組みを探しています。",
            ),
            (
                "IoT機器の個体識別となりすまし防止",
                "出荷する計測機器が本物かどうかをネットワーク側で確認したいです。コピーできない固有のIDを持たせる"
                "技術があると聞きました。",
            ),
        ),
        en=(
            (
                "Stop counterfeit spare parts",
                "Fake replacement parts for our machines are circulating. We need a way for the machine to verify "
                "that a part is genuine, ideally something that cannot be cloned.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="iot-product-check",
        fit={"iot-assess": 3, "iot-device": 2, "pentest": 1, "web-vuln": 1, "puf": 1},
        categories=("vulnerability-assessment", "iot-ot-security"),
        components=("things", "system"),
        industries=("manufacturing", "construction"),
        sizes=("small", "medium", "large"),
        budgets=(1_000_000, 3_000_000, 6_000_000),
        ja=(
            (
                "IoT製品の出荷前にセキュリティを確認したい",
                "Wi-Fiでスマートフォンとつながる製品を開発しています。発売前に第三者にセキュリティを検証してもらい、"
                "IoT製品のラベリング制度にも対応したいです。",
            ),
            (
                "建設現場で使うIoTセンサー・カメラの安全性",
                "自社開発の現場用IoTセンサーとカメラがクラウドにつながります。乗っ取られたりしないか、"
                "機器とファームウェアを専門家に診断してほしいです。",
            ),
        ),
        en=(
            (
                "Security testing of our connected device before launch",
                "We are launching a Wi-Fi connected product and need hardware, firmware and app testing by a "
                "third party, plus help preparing for the IoT security labelling scheme.",
            ),
        ),
        languages=("ja", "en", "ja"),
    ),
    NeedTemplate(
        key="phishing-clicks",
        fit={"phishing-drill": 3, "awareness": 2, "email-sec": 2, "x-course": 0},
        categories=("training-awareness",),
        components=("people",),
        industries=("public-sector", "healthcare", "finance", "education-research", "other"),
        sizes=("small", "medium", "large"),
        budgets=(300_000, 800_000, None),
        ja=(
            (
                "社員が不審なメールを開いてしまう",
                "宅配業者や取引先を装ったメールの添付ファイルを開いてしまう職員が後を絶ちません。訓練メールを送って"
                "気づけるようにしたいです。",
            ),
            (
                "標的型攻撃メール訓練を実施したい",
                "年2回程度、全職員を対象に標的型攻撃メールの訓練を行い、開封率を下げたいと考えています。",
            ),
        ),
        en=(
            (
                "Phishing simulation for our staff",
                "Staff keep clicking on fake invoices. We want regular phishing drills with follow-up training.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="staff-awareness",
        fit={"awareness": 3, "phishing-drill": 2, "x-course": 1, "isms": 1},
        categories=("training-awareness",),
        components=("people",),
        industries=("manufacturing", "logistics", "retail", "healthcare"),
        sizes=SME,
        budgets=(100_000, 300_000, 600_000),
        ja=(
            (
                "従業員向けのセキュリティ教育をしたい",
                "パスワードの使い回しやUSBメモリの持ち込みなど、社員の意識が低いのが悩みです。"
                "短時間で受けられる研修を探しています。",
            ),
        ),
        en=(
            (
                "Security awareness training in Japanese and English",
                "About a third of our {emp} staff are foreign workers. We need security awareness e-learning "
                "available in both Japanese and English.",
            ),
        ),
        languages=("en", "ja"),
    ),
    NeedTemplate(
        key="isms-certification",
        fit={"isms": 3, "supply-chain": 2, "risk-assess": 2, "security-checkup": 1, "csirt": 1},
        categories=("consulting-governance",),
        components=("organization", "procedure"),
        industries=("it-services", "logistics", "finance"),
        sizes=("small", "medium"),
        budgets=(1_000_000, 2_000_000, 3_000_000),
        min_verification=("none", "registered", None),
        ja=(
            (
                "ISMS認証を取得したい",
                "入札の条件にISMS認証が入るようになりました。1年以内に取得したいので、規程づくりから審査まで"
                "支援してくれるコンサルタントを探しています。",
            ),
            (
                "ISO27001取得のサポート先を探しています",
                "従業員{emp}名のシステム開発会社です。顧客からISO27001の取得を求められています。",
            ),
        ),
        en=(
            (
                "Help getting ISO 27001 certified",
                "We are a {emp}-person logistics IT provider and need ISO/IEC 27001 certification within a year.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="cloud-config",
        fit={"cloud-sec": 3, "identity": 2, "web-vuln": 1, "platform-vuln": 1},
        categories=("cloud-security",),
        components=("system", "data"),
        industries=("it-services", "retail", "education-research"),
        sizes=("small", "medium", "large"),
        budgets=(300_000, 1_000_000, None),
        ja=(
            (
                "Microsoft 365やAWSの設定が安全か見てほしい",
                "社内システムをクラウドに移行しましたが、共有設定や権限が適切か自信がありません。設定ミスがないか"
                "診断してほしいです。",
            ),
        ),
        en=(
            (
                "Review of our AWS and Microsoft 365 configuration",
                "We moved to the cloud quickly and suspect misconfigured storage and over-privileged accounts. "
                "Looking for a cloud posture review and continuous monitoring.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="account-takeover",
        fit={"identity": 3, "remote-access": 2, "cloud-sec": 1, "puf": 0, "email-sec": 0},
        categories=("identity-access",),
        components=("people", "system"),
        industries=("finance", "it-services", "healthcare", "other"),
        sizes=("small", "medium", "large"),
        budgets=(200_000, 800_000, None),
        ja=(
            (
                "テレワークでの不正ログイン・なりすまし対策",
                "社員のメールアカウントが乗っ取られ、取引先に不審なメールが送られる事件がありました。"
                "パスワードだけに頼らない認証を導入したいです。",
            ),
            (
                "多要素認証を全社に導入したい",
                "クラウドサービスが増えてパスワード管理が限界です。シングルサインオンと多要素認証をまとめて"
                "導入したいと考えています。",
            ),
        ),
        en=(
            (
                "MFA and single sign-on for remote staff",
                "After an account takeover we want multi-factor authentication and SSO for all cloud apps.",
            ),
        ),
        languages=("ja", "ja"),
    ),
    NeedTemplate(
        key="vendor-remote-maintenance",
        fit={"remote-access": 3, "ot-gateway": 2, "identity": 2, "ot-assess": 1, "utm": 1},
        categories=("network-security", "iot-ot-security"),
        components=("system", "people"),
        industries=("manufacturing", "energy", "logistics"),
        sizes=("medium", "large"),
        budgets=(1_000_000, 3_000_000, None),
        ja=(
            (
                "設備メーカーのリモート保守回線を安全にしたい",
                "工場内に複数の設備メーカーがVPN装置を置いていて、誰がいつ接続しているか把握できていません。"
                "接続の承認と記録ができる仕組みを探しています。",
            ),
        ),
        en=(
            (
                "Secure remote access for equipment vendors",
                "Several machine vendors keep always-on VPN boxes in our plant in {place}. We want approval per "
                "session, MFA and recording.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="backup-review",
        fit={"backup": 3, "sme-help": 1, "edr": 1, "cyber-insurance": 1, "x-hdd": 0},
        categories=("backup-recovery",),
        components=("data", "system"),
        industries=("healthcare", "construction", "manufacturing", "other"),
        sizes=SME,
        budgets=(200_000, 500_000, 1_000_000),
        ja=(
            (
                "ランサムウェアに備えてバックアップを見直したい",
                "外付けハードディスクに毎週バックアップしていますが、ランサムウェアにやられたらバックアップごと"
                "暗号化されると聞きました。安全なバックアップの方法を探しています。",
            ),
            (
                "診療データのバックアップが心配",
                "{place}のクリニックです。電子カルテのデータが消えたら診療ができません。攻撃されても戻せる"
                "バックアップを入れたいです。",
            ),
        ),
        en=(
            (
                "Ransomware-proof backups",
                "Our backups are on a NAS on the same network. We want immutable or offline backups we can "
                "restore from after an attack.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="insurance",
        fit={"cyber-insurance": 3, "sme-help": 2, "ir-onsite": 1},
        categories=("cyber-insurance",),
        components=("organization",),
        industries=("retail", "manufacturing", "healthcare", "other"),
        sizes=SME,
        budgets=(100_000, 300_000, None),
        ja=(
            (
                "サイバー保険に入りたい",
                "取引先からサイバー保険への加入を勧められました。事故のときに調査費用や賠償をカバーしてくれる保険を"
                "探しています。",
            ),
        ),
        en=(
            (
                "Cyber insurance for a small retailer",
                "We want cover for breach costs and customer claims, ideally with a hotline to call when "
                "something happens.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="spoofed-mail",
        fit={"email-sec": 3, "phishing-drill": 1, "dlp": 1, "utm": 1},
        categories=("email-security",),
        components=("data", "system"),
        industries=("finance", "logistics", "retail", "other"),
        sizes=("small", "medium"),
        budgets=(200_000, 600_000, None),
        ja=(
            (
                "なりすましメールと誤送信を防ぎたい",
                "当社の名前をかたったなりすましメールが取引先に届いています。あわせて、社員のメール誤送信も防ぎたいです。",
            ),
        ),
        en=(
            (
                "Stop spoofed emails using our domain",
                "Someone is sending invoices from look-alike addresses in our name. We need DMARC set up properly "
                "and better filtering of inbound phishing.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="insider-leak",
        fit={"dlp": 3, "crypto-kms": 1, "identity": 1, "x-legal": 1},
        categories=("data-protection",),
        components=("data", "people"),
        industries=("manufacturing", "finance", "it-services"),
        sizes=("small", "medium", "large"),
        budgets=(500_000, 1_500_000, None),
        ja=(
            (
                "退職者による顧客情報や図面の持ち出しを防ぎたい",
                "退職した社員が顧客リストを持ち出して競合に転職した疑いがあります。今後はUSBメモリやクラウドへの"
                "持ち出しを制御したいです。",
            ),
        ),
        en=(
            (
                "Prevent data theft by departing employees",
                "We suspect a former engineer took design drawings. Looking for DLP to control USB and cloud "
                "uploads and flag mass downloads.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="joint-research-data",
        fit={"crypto-kms": 3, "dlp": 1, "cloud-sec": 1},
        categories=("encryption-key-management", "data-protection"),
        components=("data",),
        industries=("education-research", "healthcare"),
        sizes=("medium", "large"),
        budgets=(3_000_000, 10_000_000, None),
        ja=(
            (
                "共同研究のデータを暗号化したまま分析したい",
                "複数の病院の診療データを使った共同研究で、各病院が生データを互いに見せずに統計分析できる"
                "仕組みを探しています。秘密計算などの高機能暗号に関心があります。",
            ),
        ),
        en=(
            (
                "Privacy-preserving analysis of pooled data",
                "Our university consortium wants to analyse data from several partners without any of them "
                "revealing raw records: secure computation or similar advanced cryptography.",
            ),
        ),
        languages=("ja", "en"),
        no_categories=0.0,
    ),
    NeedTemplate(
        key="sensor-tampering",
        fit={"sensor-sec": 3, "ot-monitor": 2, "puf": 2, "iot-device": 1, "x-factory": 0, "x-cctv": 0},
        categories=("iot-ot-security", "hardware-security"),
        components=("things", "data"),
        industries=("energy", "manufacturing", "public-sector"),
        sizes=("medium", "large"),
        budgets=(2_000_000, 5_000_000, None),
        min_verification=("none", "effectiveness", None),
        ja=(
            (
                "センサーデータの改ざん・なりすましを検知したい",
                "水位や圧力のセンサーの値をもとに設備を自動制御しています。センサーの値が偽装されたら"
                "気づけないのが不安です。計測データの真正性を確かめる技術を探しています。",
            ),
        ),
        en=(
            (
                "Detect spoofed sensor readings",
                "Our automated control depends on field sensors. We need to detect injected or tampered "
                "measurements before they drive the process.",
            ),
        ),
        languages=("en", "ja"),
    ),
    NeedTemplate(
        key="build-csirt",
        fit={"csirt": 3, "isms": 1, "ir-onsite": 1, "awareness": 1, "risk-assess": 1},
        categories=("consulting-governance", "incident-response"),
        components=("organization", "procedure", "people"),
        industries=("public-sector", "manufacturing", "finance"),
        sizes=("medium", "large"),
        budgets=(2_000_000, 5_000_000, None),
        ja=(
            (
                "CSIRTを立ち上げたい",
                "経営層からインシデント対応体制を整えるよう指示がありました。社内CSIRTの役割分担、連絡体制、"
                "手順書づくりを支援してほしいです。",
            ),
        ),
        en=(
            (
                "Incident response plan and tabletop exercise",
                "We have no documented incident response process. We want playbooks and a tabletop exercise "
                "with management.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="sme-package",
        fit={"sme-help": 3, "security-checkup": 2, "cyber-insurance": 1, "utm": 1, "x-pc": 0},
        categories=("sme-help-package",),
        components=("organization", "system"),
        industries=("retail", "manufacturing", "construction", "other"),
        sizes=("micro", "small"),
        budgets=(100_000, 200_000, None),
        min_verification=("none", "registered", None),
        ja=(
            (
                "安く頼めるセキュリティのお助けサービスを探しています",
                "{place}で従業員{emp}名の小さな会社です。専任の担当者は置けないので、困ったときに相談できて、"
                "何かあれば来てくれるサービスを月額で頼みたいです。",
            ),
        ),
        en=(
            (
                "Affordable SME security help package",
                "Small company ({emp} staff) in {place}. Looking for a monthly help package: help desk, "
                "monitoring and someone who comes on site if something happens.",
            ),
        ),
        languages=("en", "ja"),
        no_categories=0.5,
    ),
    NeedTemplate(
        key="intrusion-investigation",
        fit={"forensics": 3, "ir-onsite": 2, "siem": 1, "csirt": 1},
        categories=("incident-response",),
        components=("data", "system"),
        industries=("it-services", "finance", "education-research", "retail"),
        sizes=("small", "medium", "large"),
        budgets=(1_000_000, 3_000_000, None),
        ja=(
            (
                "不正アクセスの痕跡があるか調査してほしい",
                "サーバーのログに見覚えのない海外からのログインがありました。被害は今のところ見えていませんが、"
                "侵入されていないか、情報が持ち出されていないかを調べてほしいです。",
            ),
        ),
        en=(
            (
                "Compromise assessment after suspicious logins",
                "We found logins from unknown foreign IP addresses. We need a forensic investigation to establish "
                "whether anything was accessed or exfiltrated.",
            ),
        ),
        languages=("ja", "en"),
    ),
    NeedTemplate(
        key="hospital-risk",
        fit={
            "risk-assess": 3,
            "platform-vuln": 2,
            "security-checkup": 2,
            "isms": 2,
            "edr": 1,
            "ot-assess": 1,
        },
        categories=("consulting-governance", "vulnerability-assessment"),
        components=("organization", "system", "things"),
        industries=("healthcare",),
        sizes=("medium", "large"),
        budgets=(2_000_000, 5_000_000, None),
        ja=(
            (
                "病院全体のセキュリティリスクを評価してほしい",
                "{place}の中規模病院です。他の病院がランサムウェアで診療停止になったことを受け、電子カルテや"
                "医療機器のネットワークを含めて、どこから手をつけるべきか評価してほしいです。",
            ),
        ),
        en=(
            (
                "Cyber risk assessment for our hospital",
                "After ransomware shut down other hospitals, our board wants an organisation-wide risk assessment "
                "covering the EMR, medical devices and vendor connections, with a roadmap.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="website-defacement",
        fit={"waf": 3, "web-vuln": 2, "mdr-soc": 1, "x-cctv": 0},
        categories=("web-security",),
        components=("system",),
        industries=("public-sector", "education-research", "retail"),
        sizes=("small", "medium", "large"),
        budgets=(200_000, 500_000, None),
        ja=(
            (
                "Webサイトの改ざんを防ぎたい",
                "自治体の関連団体でホームページを運営しています。古いCMSを使っていて改ざんが心配なので、"
                "攻撃を防ぐ仕組みと改ざんの検知を導入したいです。",
            ),
        ),
        en=(
            (
                "Protect our website from defacement",
                "Our public website runs an old CMS. We want a web application firewall and alerts if pages are "
                "modified.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="logs-unused",
        fit={"siem": 3, "mdr-soc": 2, "forensics": 1},
        categories=("siem-soc",),
        components=("data", "system"),
        industries=("finance", "it-services", "public-sector"),
        sizes=("medium", "large"),
        budgets=(2_000_000, 8_000_000, None),
        ja=(
            (
                "ログは集めているが分析できていない",
                "ファイアウォールやサーバーのログを保存はしていますが、誰も見ていません。ログを一元的に集めて"
                "脅威を見つけられる基盤を導入したいです。",
            ),
        ),
        en=(
            (
                "We collect logs but nobody analyses them",
                "Looking for a SIEM to centralise firewall, server and cloud logs and correlate them, with long "
                "retention for audits.",
            ),
        ),
        languages=("en",),
    ),
    NeedTemplate(
        key="website-hacked-now",
        fit={**URGENT_FIT, "forensics": 2, "waf": 1, "web-vuln": 1},
        categories=("incident-response",),
        components=("system", "data"),
        industries=("retail", "public-sector", "other"),
        sizes=SME,
        budgets=(None,),
        min_verification=("none", None),
        urgent=True,
        ja=(
            (
                "至急：ホームページが改ざんされた",
                "{place}の会社です。今朝、ホームページに見覚えのない画像が表示されているとお客様から連絡がありました。"
                "すぐに対応してくれる業者を探しています。",
            ),
            (
                "不正アクセスされた、急いで調べて止めてほしい",
                "社内のサーバーから外部に大量の通信が出ていると回線業者に言われました。何が起きているのかわからず、"
                "今すぐ来てもらえる専門家を探しています。",
            ),
        ),
        en=(
            (
                "Emergency: our server is sending strange traffic",
                "Our ISP says our server in {place} is attacking other sites. We need someone to come today, "
                "contain it and find out what happened.",
            ),
        ),
        languages=("ja", "ja"),
        no_categories=0.5,
    ),
    NeedTemplate(
        key="cheap-antivirus",
        fit={"ngav": 3, "edr": 2, "sme-help": 2, "utm": 1},
        categories=("endpoint-protection",),
        components=("things",),
        industries=("retail", "construction", "other", "healthcare"),
        sizes=("micro", "small"),
        budgets=(50_000, 100_000, 200_000),
        ja=(
            (
                "安くて使いやすいウイルス対策ソフトを探している",
                "パソコン{emp}台ほどの小さな事務所です。無料のウイルス対策ソフトを使っていましたが、"
                "会社としてちゃんとしたものに替えたいです。",
            ),
        ),
        en=(
            (
                "Antivirus for a handful of office PCs",
                "We have about {emp} PCs and want proper business antivirus that is cheap and easy to manage.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="ot-anomaly-detection",
        fit={"ot-monitor": 3, "ot-assess": 2, "ot-gateway": 1, "mdr-soc": 1, "sensor-sec": 1, "x-factory": 0},
        categories=("iot-ot-security",),
        components=("system", "things"),
        industries=("manufacturing", "energy", "logistics"),
        sizes=("medium", "large"),
        budgets=(3_000_000, 8_000_000, None),
        min_verification=("none", "effectiveness", "trial"),
        ja=(
            (
                "制御ネットワークの異常を検知したい",
                "PLCに負荷をかけずに、制御ネットワークの通信を監視して、普段と違う通信や不正な機器の接続を"
                "見つけたいです。",
            ),
        ),
        en=(
            (
                "Passive anomaly detection on our OT network",
                "We need passive monitoring of our plant's ICS network that will not disturb the PLCs, with asset "
                "discovery and alerts on unusual commands.",
            ),
        ),
        languages=("en", "ja"),
    ),
    NeedTemplate(
        key="one-way-transfer",
        fit={"ot-gateway": 3, "ot-monitor": 1, "utm": 1, "remote-access": 1},
        categories=("iot-ot-security", "network-security"),
        components=("things", "system"),
        industries=("energy", "manufacturing"),
        sizes=("medium", "large"),
        budgets=(2_000_000, 5_000_000, None),
        min_verification=("none", "effectiveness", "attack"),
        ja=(
            (
                "制御網から情報系へ一方向だけデータを送りたい",
                "生産データを本社で分析したいのですが、制御網に外から入られる経路は作りたくありません。"
                "正規の通信だけを通す装置やデータダイオードを検討しています。",
            ),
        ),
        en=(
            (
                "One-way data transfer out of the control network",
                "We want to send process data to head office without creating any inbound path to the control "
                "network: data diode or an allow-list gateway.",
            ),
        ),
        languages=("ja",),
    ),
    NeedTemplate(
        key="supplier-assessment-program",
        fit={"supply-chain": 3, "risk-assess": 2, "isms": 1, "security-checkup": 1},
        categories=("consulting-governance",),
        components=("organization", "procedure"),
        industries=("manufacturing", "logistics", "retail"),
        sizes=("large",),
        budgets=(2_000_000, 5_000_000, None),
        ja=(
            (
                "取引先（サプライヤー）のセキュリティ状況を評価したい",
                "部品を納める取引先が300社あり、そこを経由した攻撃が心配です。質問票などで取引先のセキュリティ対策の"
                "状況を把握し、改善を促したいです。",
            ),
        ),
        en=(
            (
                "Third-party risk programme for 300 suppliers",
                "We want to assess the security of our suppliers at scale and follow up with those that fall short.",
            ),
        ),
        languages=("ja",),
    ),
)
