"""Holdout set catalogue: other vendors, other products, other words, and needs written one by one.

Written separately from the development catalogues and on purpose in another voice: listings are product sheets
(【概要】/【主な機能】 or Overview / Key features sections) assembled from *families* of offers, vendors carry their own
coverage and verification record, and every need below is a single hand-written request, not a template. An engine
tuned on the development set meets these words for the first time: 疑似攻撃診断, ウェブ診断, セキュリティルーター,
SSPM, SBOM, silicon fingerprint, サイバー110番, 情報モラル研修, Pマーク, DMARC, ダークウェブ監視...
"""

from __future__ import annotations

from dataclasses import dataclass

SME = ("micro", "small", "medium")
ENTERPRISE = ("medium", "large")
ALL_SIZES = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class HoldoutVendor:
    name: str
    language: str
    short: str
    #: Regions the vendor visits; ``("nationwide",)`` when it works everywhere.
    coverage: tuple[str, ...]
    #: The vendor's usual verification record; a listing may sit one step below it.
    record: str
    families: tuple[str, ...]

    def short_for(self, language: str) -> str:
        return SHORT_EN.get(self.short, self.short) if language == "en" else self.short


#: How Japanese vendors write their short name in English listings.
SHORT_EN = {
    "あかね": "Akane",
    "はやぶさ": "Hayabusa",
    "ゆきぐに": "Yukiguni",
    "むさしの": "Musashino",
    "みなもと": "Minamoto",
    "くろがね": "Kurogane",
    "いずも": "Izumo",
    "さつま": "Satsuma",
    "うみかぜ": "Umikaze",
    "メディセーフ": "MediSafe",
    "ビルガード": "BuildGuard",
    "しらさぎ": "Shirasagi",
    "ことのは": "Kotonoha",
    "たちばな": "Tachibana",
    "つばめ": "Tsubame",
    "かなめ": "Kaname",
    "ひまわり": "Himawari",
    "ひびき": "Hibiki",
    "おおぞら": "Ozora",
    "そらみ": "Sorami",
    "みらいDX": "MiraiDX",
}


@dataclass(frozen=True)
class Family:
    topic: str
    count: int
    categories: tuple[str, ...]
    layers: tuple[int, ...]
    components: tuple[str, ...]
    titles: dict[str, tuple[str, ...]]
    taglines: dict[str, tuple[str, ...]]
    overviews: dict[str, tuple[str, ...]]
    features: dict[str, tuple[str, ...]]
    targets: dict[str, tuple[str, ...]]
    #: Price points (JPY) a listing's lowest price is chosen from; ``None`` in the tuple means "on request".
    prices: tuple[int | None, ...]
    #: ``remote`` offers serve the whole country whatever the vendor's own coverage.
    remote: bool = True
    sizes: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    sector_specific: bool = False
    bundled: tuple[str, ...] = ()


@dataclass(frozen=True)
class HoldoutNeed:
    title: str
    description: str
    language: str
    fit: dict[str, int]
    categories: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    industry: str | None = None
    company_size: str | None = None
    region: str | None = None
    budget_max: int | None = None
    min_verification: str | None = None
    urgent: bool = False


VENDORS = (
    HoldoutVendor(
        "株式会社あかね技研",
        "ja",
        "あかね",
        ("nationwide",),
        "effectiveness",
        ("h-redteam", "h-web-diag", "h-sbom"),
    ),
    HoldoutVendor(
        "株式会社はやぶさネットワークス",
        "ja",
        "はやぶさ",
        ("kinki", "chugoku", "shikoku"),
        "registered",
        ("h-fw-router", "h-otasuke", "h-emergency"),
    ),
    HoldoutVendor(
        "株式会社ゆきぐにセキュリティ",
        "ja",
        "ゆきぐに",
        ("hokkaido", "tohoku"),
        "registered",
        ("h-otasuke", "h-emergency", "h-fw-router", "h-moral-training"),
    ),
    HoldoutVendor(
        "株式会社むさしのITサポート",
        "ja",
        "むさしの",
        ("kanto",),
        "registered",
        ("h-otasuke", "h-fw-router", "h-emergency"),
    ),
    HoldoutVendor(
        "株式会社みなもと情報保全", "ja", "みなもと", ("tohoku",), "claimed", ("h-offline-backup", "h-log")
    ),
    HoldoutVendor(
        "株式会社くろがね制御",
        "ja",
        "くろがね",
        ("chubu", "kinki", "kanto"),
        "trial",
        ("h-ot-visibility", "h-ot-segmentation"),
    ),
    HoldoutVendor(
        "株式会社いずも工業セキュリティ",
        "ja",
        "いずも",
        ("chugoku", "kinki"),
        "effectiveness",
        ("h-ot-segmentation", "h-ot-visibility", "h-bas"),
    ),
    HoldoutVendor(
        "株式会社さつまサイバー",
        "ja",
        "さつま",
        ("kyushu-okinawa",),
        "registered",
        ("h-otasuke", "h-emergency", "h-moral-training"),
    ),
    HoldoutVendor(
        "株式会社うみかぜ", "ja", "うみかぜ", ("shikoku",), "registered", ("h-otasuke", "h-fw-router")
    ),
    HoldoutVendor(
        "株式会社メディセーフ",
        "ja",
        "メディセーフ",
        ("nationwide",),
        "effectiveness",
        ("h-medical", "h-tabletop"),
    ),
    HoldoutVendor("株式会社ビルガード", "ja", "ビルガード", ("kanto", "chubu"), "claimed", ("h-bas",)),
    HoldoutVendor(
        "しらさぎ認証支援株式会社", "ja", "しらさぎ", ("nationwide",), "registered", ("h-pmark", "h-tabletop")
    ),
    HoldoutVendor(
        "株式会社ことのは教育",
        "ja",
        "ことのは",
        ("nationwide",),
        "claimed",
        ("h-moral-training", "h-tabletop"),
    ),
    HoldoutVendor(
        "株式会社たちばなハードウェア研究所", "ja", "たちばな", ("nationwide",), "attack", ("h-chip-id",)
    ),
    HoldoutVendor(
        "株式会社つばめクラウド",
        "ja",
        "つばめ",
        ("nationwide",),
        "claimed",
        ("h-saas-audit", "h-ztna", "h-mail-auth"),
    ),
    HoldoutVendor(
        "株式会社かなめトラスト",
        "ja",
        "かなめ",
        ("nationwide",),
        "effectiveness",
        ("h-ztna", "h-usb-control"),
    ),
    HoldoutVendor("ひまわり損害保険株式会社", "ja", "ひまわり", ("nationwide",), "none", ("h-insurance",)),
    HoldoutVendor(
        "株式会社ひびき入退室システム", "ja", "ひびき", ("nationwide",), "claimed", ("h-x-access-gate",)
    ),
    HoldoutVendor("株式会社おおぞら電設", "ja", "おおぞら", ("chubu",), "none", ("h-x-lan-work",)),
    HoldoutVendor(
        "株式会社そらみ点検", "ja", "そらみ", ("kyushu-okinawa", "chugoku"), "none", ("h-x-drone",)
    ),
    HoldoutVendor("株式会社みらいDXパートナーズ", "ja", "みらいDX", ("nationwide",), "none", ("h-x-dx",)),
    HoldoutVendor(
        "Obsidian Labs Japan K.K.",
        "en",
        "Obsidian",
        ("nationwide",),
        "attack",
        ("h-redteam", "h-threat-intel"),
    ),
    HoldoutVendor(
        "Halcyon Response Group",
        "en",
        "Halcyon",
        ("kanto", "chubu", "kinki"),
        "effectiveness",
        ("h-emergency", "h-tabletop"),
    ),
    HoldoutVendor(
        "Lanternfish Security K.K.",
        "en",
        "Lanternfish",
        ("nationwide",),
        "trial",
        ("h-mdr-endpoint", "h-threat-intel"),
    ),
    HoldoutVendor(
        "Meridian Endpoint K.K.",
        "en",
        "Meridian",
        ("nationwide",),
        "effectiveness",
        ("h-mdr-endpoint", "h-usb-control"),
    ),
    HoldoutVendor(
        "Graniteworks OT G.K.",
        "en",
        "Graniteworks",
        ("nationwide",),
        "attack",
        ("h-ot-visibility", "h-ot-segmentation", "h-medical"),
    ),
    HoldoutVendor(
        "Copperleaf Software Assurance",
        "en",
        "Copperleaf",
        ("nationwide",),
        "registered",
        ("h-sbom", "h-web-diag"),
    ),
    HoldoutVendor(
        "Silverpine Identity K.K.",
        "en",
        "Silverpine",
        ("nationwide",),
        "effectiveness",
        ("h-ztna", "h-saas-audit"),
    ),
    HoldoutVendor("Ironbark Backup G.K.", "en", "Ironbark", ("nationwide",), "trial", ("h-offline-backup",)),
    HoldoutVendor(
        "Mistral Edge Networks", "en", "Mistral", ("kinki", "chubu"), "claimed", ("h-ddos", "h-fw-router")
    ),
    HoldoutVendor(
        "Albatross Mail Security", "en", "Albatross", ("nationwide",), "registered", ("h-mail-auth",)
    ),
    HoldoutVendor("Fjord Silicon Trust", "en", "Fjord", ("nationwide",), "trial", ("h-chip-id",)),
    HoldoutVendor("Beacon Mutual Cyber", "en", "Beacon", ("nationwide",), "none", ("h-insurance",)),
    HoldoutVendor("Saffron CTF Events", "en", "Saffron", ("kanto",), "none", ("h-x-ctf",)),
    HoldoutVendor("Kite Aerial Inspection", "en", "Kite", ("chubu", "kinki"), "none", ("h-x-drone",)),
    HoldoutVendor(
        "Vantage Compliance Partners", "en", "Vantage", ("nationwide",), "registered", ("h-pmark", "h-log")
    ),
    HoldoutVendor("Tern Digital Advisory", "en", "Tern", ("nationwide",), "none", ("h-x-dx", "h-x-ctf")),
)


def _f(ja: tuple[str, ...], en: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {"ja": ja, "en": en}


FAMILIES = (
    Family(
        topic="h-mdr-endpoint",
        count=7,
        categories=("endpoint-protection", "siem-soc"),
        layers=(3,),
        components=("things", "system", "people"),
        titles=_f(
            ("{v} 端末見守りサービス", "{v} XDR マネージドプラン"),
            ("{v} Managed Endpoint Defense", "{v} MXDR"),
        ),
        taglines=_f(
            (
                "端末の怪しい動きを専門チームが常時見張り、見つけたらすぐ止めます。",
                "パソコンとサーバーを丸ごと見守るマネージド型の端末防御。",
            ),
            (
                "Our analysts watch every laptop and server and stop attacks as they start.",
                "Endpoint protection with a human team behind it.",
            ),
        ),
        overviews=_f(
            (
                "エージェントを入れた端末の挙動を収集し、当社の解析チームが常時分析する、XDR型のマネージドサービスです。",
            ),
            (
                "An extended detection and response (XDR) agent on every endpoint, monitored around the clock by our analysts.",
            ),
        ),
        features=_f(
            (
                "不審なプロセスの自動停止",
                "攻撃の経路を時系列で表示",
                "深夜・休日も解析チームが対応",
                "月例の報告会",
            ),
            (
                "Automatic kill of malicious processes",
                "Attack storyline view",
                "Analysts on shift at night and weekends",
                "Monthly review call",
            ),
        ),
        targets=_f(("端末10台以上の企業",), ("Companies with 10 or more devices",)),
        prices=(200_000, 400_000, 800_000, 1_500_000),
        sizes=("small", "medium", "large"),
    ),
    Family(
        topic="h-fw-router",
        count=7,
        categories=("network-security",),
        layers=(3,),
        components=("things",),
        titles=_f(
            ("{v} セキュリティルーター", "次世代ファイアウォール「{v}ゲート」"),
            ("{v} Security Router", "{v} NGFW Box"),
        ),
        taglines=_f(
            (
                "いつものルーターを置き換えるだけで、社内への不正な通信と危ないサイトをブロック。",
                "小さな事務所向けのゲートウェイセキュリティ。",
            ),
            (
                "Replace your office router and block intrusions and malicious sites at the gateway.",
                "Next-generation firewall sized for small offices.",
            ),
        ),
        overviews=_f(
            ("ルーター、ファイアウォール、侵入防止、Webフィルタを1台にまとめたセキュリティ機器です。",),
            ("Router, next-generation firewall, intrusion prevention and web filtering in a single box.",),
        ),
        features=_f(
            (
                "設定済みで届き、差し替えるだけ",
                "アプリで通信状況を確認",
                "ファームウェアは自動更新",
                "故障時は翌営業日に交換",
            ),
            (
                "Arrives pre-configured; just swap it in",
                "See blocked threats in a phone app",
                "Automatic firmware updates",
                "Next-business-day replacement",
            ),
        ),
        targets=_f(("従業員50名までの事務所・店舗",), ("Offices and shops up to 50 people",)),
        prices=(40_000, 80_000, 150_000, 300_000),
        remote=False,
        sizes=SME,
    ),
    Family(
        topic="h-redteam",
        count=6,
        categories=("penetration-testing",),
        layers=(1, 3),
        components=("system", "people", "organization"),
        titles=_f(
            ("{v} 疑似攻撃診断", "{v} 攻撃シミュレーション演習"),
            ("{v} Adversary Emulation", "{v} Ethical Hacking Engagement"),
        ),
        taglines=_f(
            (
                "本物の攻撃者と同じ手口で、御社の守りを実際に試します。",
                "疑似攻撃で『侵入されたらどこまで行かれるか』を明らかにします。",
            ),
            (
                "We attack you the way real criminals would, so you learn before they do.",
                "Ethical hackers emulate the threat actors targeting your sector.",
            ),
        ),
        overviews=_f(
            (
                "脅威情報にもとづくシナリオで、外部からの侵入、内部での横展開、重要データへの到達までを検証する疑似攻撃診断です。",
            ),
            (
                "Threat-intelligence-led adversary emulation: initial access, lateral movement and reaching your crown jewels.",
            ),
        ),
        features=_f(
            (
                "業界ごとの攻撃者像にあわせたシナリオ",
                "検知・対応チームの評価も実施",
                "経営層向け報告会",
                "改善後の再検証",
            ),
            (
                "Scenarios modelled on real threat groups",
                "Measures how your SOC detects and responds",
                "Board-level debrief",
                "Re-test after remediation",
            ),
        ),
        targets=_f(
            ("重要なデータやシステムを持つ企業・団体",), ("Organisations with critical data or services",)
        ),
        prices=(1_500_000, 3_000_000, 6_000_000, None),
    ),
    Family(
        topic="h-web-diag",
        count=7,
        categories=("vulnerability-assessment", "web-security"),
        layers=(3,),
        components=("system",),
        titles=_f(
            ("{v} ウェブ診断", "{v} Webセキュリティ検査"),
            ("{v} Application Security Testing", "{v} DAST Service"),
        ),
        taglines=_f(
            (
                "ウェブサイトやWebシステムの弱点を、公開前・改修後に検査します。",
                "ツール検査と技術者による手作業の検査を組み合わせたウェブ診断。",
            ),
            (
                "Find the holes in your web apps and APIs before attackers do.",
                "Dynamic application security testing with expert manual review.",
            ),
        ),
        overviews=_f(
            ("Webアプリケーションや公開APIを対象に、不正な入力や認証の不備がないかを検査します。",),
            (
                "Black-box and grey-box testing of web applications and public APIs for injection and access-control flaws.",
            ),
        ),
        features=_f(
            (
                "入力値検証・認証・セッション管理を確認",
                "API仕様書からの自動検査",
                "修正確認の再検査つき",
                "検査結果の説明会",
            ),
            (
                "Checks input handling, authentication and sessions",
                "Automated tests generated from your API spec",
                "Retest included",
                "Walk-through of findings",
            ),
        ),
        targets=_f(
            ("Webサービス・ECサイト・大学や自治体のWebシステム",),
            ("Web services, online shops and public portals",),
        ),
        prices=(300_000, 600_000, 1_200_000),
    ),
    Family(
        topic="h-saas-audit",
        count=5,
        categories=("cloud-security",),
        layers=(3,),
        components=("system", "data"),
        titles=_f(
            ("{v} SaaS設定監査", "{v} SSPM"), ("{v} SaaS Security Posture", "{v} Workspace Settings Audit")
        ),
        taglines=_f(
            (
                "Google WorkspaceやSlackなどの設定の抜け漏れを洗い出します。",
                "SaaSの共有設定・外部連携・管理者権限を継続的に点検。",
            ),
            (
                "Continuous checks of Google Workspace, Slack and Salesforce settings.",
                "SaaS security posture management: sharing, apps and admins.",
            ),
        ),
        overviews=_f(
            ("業務で使う複数のSaaSの設定をAPI経由で収集し、危険な設定を指摘します。",),
            ("Connects to your SaaS tenants via API and flags risky settings.",),
        ),
        features=_f(
            ("外部共有されたファイルの一覧化", "不要な外部アプリ連携の検出", "管理者権限の棚卸し"),
            ("Lists files shared publicly", "Detects risky third-party app grants", "Reviews admin roles"),
        ),
        targets=_f(("SaaSを業務の中心に使う企業",), ("Companies running on SaaS",)),
        prices=(100_000, 250_000, 500_000),
    ),
    Family(
        topic="h-ot-visibility",
        count=6,
        categories=("iot-ot-security",),
        layers=(2,),
        components=("system", "things"),
        titles=_f(
            ("{v} OT資産可視化", "{v} 制御系ネットワーク見える化・異常検知"),
            ("{v} OT Visibility", "{v} Industrial Threat Detection"),
        ),
        taglines=_f(
            (
                "工場・プラントにどんな機器があり、どう通信しているかを見える化し、いつもと違う動きを知らせます。",
            ),
            ("See every asset on your industrial network and get alerted to anything unusual.",),
        ),
        overviews=_f(
            ("制御系ネットワークの通信を受動的に解析し、資産台帳の作成と異常通信の検知を行います。",),
            (
                "Passive analysis of industrial traffic builds an asset register and detects anomalous behaviour.",
            ),
        ),
        features=_f(
            (
                "制御機器に負荷をかけない受動型",
                "産業用プロトコルの解析",
                "資産台帳の自動作成",
                "変電所・工場での導入実績",
            ),
            (
                "Passive, no load on controllers",
                "Deep industrial protocol decoding",
                "Automatic asset register",
                "Deployed in substations and factories",
            ),
        ),
        targets=_f(("工場、プラント、電力・ガス・水道",), ("Factories, plants and utilities",)),
        prices=(2_000_000, 4_000_000, 7_000_000, None),
        industries=("manufacturing", "energy", "public-sector"),
        sector_specific=True,
    ),
    Family(
        topic="h-ot-segmentation",
        count=6,
        categories=("iot-ot-security", "network-security"),
        layers=(2,),
        components=("things", "system"),
        titles=_f(
            ("{v} 制御LANセグメント分割", "{v} ホワイトリスト型産業用スイッチ"),
            ("{v} Industrial Firewall", "{v} OT Segmentation Kit"),
        ),
        taglines=_f(
            ("情報系と制御系のネットワークを分け、決められた通信だけを通します。",),
            ("Separate IT from OT and allow only the traffic your process needs.",),
        ),
        overviews=_f(
            (
                "生産ラインごとにネットワークを区切り、許可した機器・通信だけを通す産業用ファイアウォールと設計支援です。",
            ),
            ("Industrial firewalls and zone design so that each line or cell only talks to what it must.",),
        ),
        features=_f(
            (
                "MESとPLCの間の通信を許可リストで制御",
                "工場の停止時間にあわせた工事",
                "ゾーン設計の支援",
                "耐環境型ハードウェア",
            ),
            (
                "Allow-list between MES and PLC networks",
                "Installed during planned shutdowns",
                "Zone and conduit design",
                "Ruggedised hardware",
            ),
        ),
        targets=_f(
            ("生産設備を持つ製造業・インフラ事業者",), ("Manufacturers and infrastructure operators",)
        ),
        prices=(1_000_000, 2_500_000, 5_000_000),
        remote=False,
        industries=("manufacturing", "energy"),
        sector_specific=True,
    ),
    Family(
        topic="h-medical",
        count=5,
        categories=("iot-ot-security", "consulting-governance"),
        layers=(2, 1),
        components=("things", "system", "organization"),
        titles=_f(
            ("{v} 医療機器ネットワーク保護", "{v} 病院向けセキュリティ対策パック"),
            ("{v} Medical Device Security", "{v} Hospital Cyber Program"),
        ),
        taglines=_f(
            ("電子カルテと医療機器のネットワークを守り、診療を止めない病院づくりを支援します。",),
            ("Keep clinical systems and medical devices running through a cyber attack.",),
        ),
        overviews=_f(
            (
                "医療情報システムの安全管理ガイドラインに沿って、医療機器の洗い出し、ネットワーク分離、監視を行います。",
            ),
            (
                "Aligned with Japan's medical information security guidelines: device inventory, segmentation and monitoring.",
            ),
        ),
        features=_f(
            ("医療機器の台帳づくり", "電子カルテ系との分離", "ベンダー保守回線の点検", "診療継続計画の作成"),
            (
                "Medical device inventory",
                "Segmentation from the EMR network",
                "Review of vendor maintenance lines",
                "Clinical continuity planning",
            ),
        ),
        targets=_f(("病院・クリニック",), ("Hospitals and clinics",)),
        prices=(500_000, 1_500_000, 3_000_000),
        industries=("healthcare",),
        sector_specific=True,
    ),
    Family(
        topic="h-bas",
        count=4,
        categories=("iot-ot-security",),
        layers=(2,),
        components=("things", "system"),
        titles=_f(("{v} ビル管理システムセキュリティ", "{v} BAS診断"), ("{v} Building Systems Security",)),
        taglines=_f(
            ("空調・照明・エレベーターを制御するビル管理システムの弱点を診断し、守ります。",),
            ("Assess and protect the building automation that runs HVAC, lighting and lifts.",),
        ),
        overviews=_f(
            ("BACnetなどで動くビル管理システム（BAS）のネットワーク調査と対策をワンストップで行います。",),
            ("Survey and hardening of building automation systems (BACnet, Modbus) in offices and hotels.",),
        ),
        features=_f(
            ("外部から到達できる管理画面の確認", "保守業者の接続経路の整理", "テナント網との分離"),
            (
                "Finds internet-exposed controllers",
                "Maps contractor remote access",
                "Separates tenant networks",
            ),
        ),
        targets=_f(("ビルオーナー、ホテル、商業施設",), ("Building owners, hotels and malls",)),
        prices=(600_000, 1_200_000, 2_500_000),
        remote=False,
        industries=("construction", "other", "retail"),
        sector_specific=True,
    ),
    Family(
        topic="h-sbom",
        count=5,
        categories=("vulnerability-assessment",),
        layers=(3, 2),
        components=("things", "procedure"),
        titles=_f(
            ("{v} SBOM作成・脆弱性管理", "{v} ソフトウェア構成分析"),
            ("{v} SBOM Manager", "{v} Software Composition Analysis"),
        ),
        taglines=_f(
            ("製品に含まれるオープンソースを一覧化し、脆弱性の影響を素早く判断します。",),
            ("Know every open-source component in your product and which vulnerabilities affect it.",),
        ),
        overviews=_f(
            (
                "ソースコードやファームウェアからSBOM（ソフトウェア部品表）を作成し、脆弱性情報と突き合わせます。",
            ),
            ("Generates SBOMs from source or firmware and matches them against vulnerability feeds.",),
        ),
        features=_f(
            (
                "SPDX・CycloneDX形式で出力",
                "ファームウェアバイナリにも対応",
                "新しい脆弱性の通知",
                "ライセンス違反の検出",
            ),
            (
                "SPDX and CycloneDX export",
                "Works on firmware binaries",
                "Alerts on new CVEs",
                "Licence compliance checks",
            ),
        ),
        targets=_f(("機器メーカー、ソフトウェア開発会社",), ("Device makers and software vendors",)),
        prices=(300_000, 800_000, 1_800_000),
    ),
    Family(
        topic="h-chip-id",
        count=5,
        categories=("hardware-security",),
        layers=(2,),
        components=("things",),
        titles=_f(
            ("{v} チップ固有ID認証", "{v} 真贋判定モジュール"),
            ("{v} Silicon Fingerprint", "{v} Genuine Part Verification"),
        ),
        taglines=_f(
            ("半導体ごとの個体差から作る固有IDで、部品や機器の真贋を判定します。",),
            (
                "Each chip's physical fingerprint proves the part is genuine and the device is who it says it is.",
            ),
        ),
        overviews=_f(
            ("複製できないチップ固有の特徴量を鍵として使い、正規品かどうかを判定する認証モジュールです。",),
            (
                "Uses chip-level physical variation as an unclonable key for device authentication and anti-counterfeiting.",
            ),
        ),
        features=_f(
            ("鍵を保存しない構造", "既存の基板に実装可能", "クラウドでの照合サービス"),
            ("No stored secret to steal", "Fits existing boards", "Cloud verification service"),
        ),
        targets=_f(("部品メーカー、産業機器メーカー",), ("Component and equipment makers",)),
        prices=(500_000, 1_500_000, None),
    ),
    Family(
        topic="h-emergency",
        count=8,
        categories=("incident-response",),
        layers=(1, 3),
        components=("people", "procedure", "system"),
        titles=_f(
            ("{v} サイバー110番 出動サービス", "{v} 緊急出動・初動対応"),
            ("{v} Rapid Response Team", "{v} Breach Hotline & Dispatch"),
        ),
        taglines=_f(
            ("『おかしい』と思ったらすぐ電話。技術者が現場へ急行し、被害の拡大を止めます。",),
            ("Call us the moment something is wrong; responders come to you and stop the damage.",),
        ),
        overviews=_f(
            (
                "ウイルス感染や不正アクセスの疑いがあるとき、電話受付から現地での初動対応、復旧の助言までを行います。",
            ),
            (
                "Hotline triage, on-site containment and recovery advice when you suspect malware or an intrusion.",
            ),
        ),
        features=_f(
            (
                "24時間365日の電話受付",
                "原則当日中に現地到着",
                "感染端末の切り離しと証拠保全",
                "警察・保険会社への届出支援",
            ),
            (
                "24/7 hotline",
                "On site the same day in our area",
                "Containment and evidence preservation",
                "Help with police and insurance claims",
            ),
        ),
        targets=_f(("地域の中小企業・医療機関・自治体",), ("Local businesses, clinics and municipalities",)),
        prices=(100_000, 300_000, 500_000, None),
        remote=False,
    ),
    Family(
        topic="h-offline-backup",
        count=6,
        categories=("backup-recovery",),
        layers=(3,),
        components=("data",),
        titles=_f(
            ("{v} オフライン世代バックアップ", "{v} 隔離型バックアップ"),
            ("{v} Air-Gapped Backup", "{v} Offline Vault"),
        ),
        taglines=_f(
            ("ネットワークから切り離した保管庫に世代ごとにデータを残し、ランサムウェアから守ります。",),
            ("Copies kept offline and versioned, out of reach of ransomware.",),
        ),
        overviews=_f(
            ("普段はネットワークから切り離した保管先に、日次でデータを世代管理して保存します。",),
            ("Daily versioned copies written to storage that is disconnected between jobs.",),
        ),
        features=_f(
            ("保管先は自動で切り離し", "30世代まで保持", "年1回の復元テスト"),
            ("Automatic disconnection", "Up to 30 versions", "Annual restore test"),
        ),
        targets=_f(("NASやファイルサーバーを使う中小企業",), ("Small businesses with a NAS or file server",)),
        prices=(60_000, 150_000, 400_000),
        sizes=SME,
    ),
    Family(
        topic="h-moral-training",
        count=6,
        categories=("training-awareness",),
        layers=(1,),
        components=("people",),
        titles=_f(
            ("{v} 情報モラル研修", "{v} 新入社員向けセキュリティ講座"),
            ("{v} Security & Ethics Onboarding", "{v} Staff Cyber Hygiene Course"),
        ),
        taglines=_f(
            ("SNS、パスワード、持ち出し…社員一人ひとりの『うっかり』を防ぐ研修です。",),
            ("Practical cyber hygiene and information ethics for every new hire.",),
        ),
        overviews=_f(
            ("新入社員から管理職まで、立場にあわせた情報セキュリティと情報モラルの研修を行います。",),
            (
                "Role-based training on passwords, social media, information handling and reporting incidents.",
            ),
        ),
        features=_f(
            ("講師派遣またはオンライン", "理解度テストつき", "やさしい日本語版あり"),
            ("On site or online", "Quiz and certificate", "Plain-Japanese and English versions"),
        ),
        targets=_f(("全業種の従業員",), ("Employees in any sector",)),
        prices=(50_000, 120_000, 300_000),
    ),
    Family(
        topic="h-tabletop",
        count=5,
        categories=("training-awareness", "incident-response"),
        layers=(1,),
        components=("organization", "people", "procedure"),
        titles=_f(
            ("{v} サイバー攻撃対応演習", "{v} 幹部向け机上訓練"),
            ("{v} Cyber Crisis Exercise", "{v} Incident Simulation Workshop"),
        ),
        taglines=_f(
            ("ランサムウェア被害を想定した演習で、判断と連絡の流れを確かめます。",),
            ("Rehearse a ransomware crisis with your executives before it happens.",),
        ),
        overviews=_f(
            (
                "実際の被害事例をもとにしたシナリオで、経営層・広報・情報システムが参加する演習を企画・運営します。",
            ),
            (
                "Scenario-based exercises for executives, communications and IT teams, built from real incidents.",
            ),
        ),
        features=_f(
            ("シナリオは組織にあわせて作成", "演習後の改善提案", "実機を使うハンズオン演習も可能"),
            ("Tailored scenarios", "After-action report", "Optional hands-on technical exercise"),
        ),
        targets=_f(
            ("自治体、病院、企業の経営層・CSIRT",), ("Executives and CSIRTs in public and private sectors",)
        ),
        prices=(500_000, 1_000_000, 2_000_000),
    ),
    Family(
        topic="h-pmark",
        count=5,
        categories=("consulting-governance",),
        layers=(1,),
        components=("organization", "procedure"),
        titles=_f(
            ("{v} Pマーク・ISMS伴走支援", "{v} プライバシーマーク取得サポート"),
            ("{v} Privacy Mark & ISMS Coaching", "{v} Certification Readiness"),
        ),
        taglines=_f(
            ("書類づくりから審査当日まで、認証取得に伴走します。",),
            ("We walk you through Privacy Mark or ISMS certification step by step.",),
        ),
        overviews=_f(
            ("プライバシーマークやISMSの取得・更新に必要な規程、記録、運用を一緒に整えます。",),
            ("Policies, records and routines needed for Privacy Mark or ISO 27001, built with your team.",),
        ),
        features=_f(
            ("規程ひな形の提供", "個人情報の洗い出し支援", "審査の模擬面談"),
            ("Policy templates", "Personal data inventory", "Mock audit"),
        ),
        targets=_f(("個人情報を扱う中小企業",), ("SMEs handling personal data",)),
        prices=(400_000, 800_000, 1_500_000),
        sizes=SME,
    ),
    Family(
        topic="h-otasuke",
        count=8,
        categories=("sme-help-package",),
        layers=(1, 3),
        components=("organization", "system"),
        titles=_f(
            ("{v} 地域お助け隊", "{v} 中小企業サイバー見守りパック"),
            ("{v} Local SME Cyber Support", "{v} Otasuketai Package"),
        ),
        taglines=_f(
            ("相談・見守り・駆けつけ・保険をひとまとめ。地元の中小企業を支えるお助け隊です。",),
            (
                "Help desk, monitoring, on-site help and insurance for local small businesses in one monthly plan.",
            ),
        ),
        overviews=_f(
            (
                "国のお助け隊サービス基準に沿い、セキュリティ機器による見守り、電話相談、緊急時の駆けつけ、簡易保険をセットにしています。",
            ),
            (
                "A package meeting the national SME help-service standard: device monitoring, phone help, on-site response and basic insurance.",
            ),
        ),
        features=_f(
            ("月額定額", "異常時は電話でお知らせ", "地元の技術者が駆けつけ", "簡易サイバー保険つき"),
            (
                "Flat monthly fee",
                "Phone alert when something is detected",
                "Local engineers come on site",
                "Basic cyber insurance included",
            ),
        ),
        targets=_f(("IT担当者のいない小規模事業者",), ("Small firms without IT staff",)),
        prices=(5_000, 10_000, 20_000),
        remote=False,
        sizes=("micro", "small"),
        bundled=("h-fw-router", "h-emergency", "h-insurance", "h-mdr-endpoint"),
    ),
    Family(
        topic="h-usb-control",
        count=5,
        categories=("data-protection", "endpoint-protection"),
        layers=(3,),
        components=("data", "things"),
        titles=_f(
            ("{v} デバイス制御", "{v} USB持ち出し管理"), ("{v} Device Control", "{v} Removable Media Guard")
        ),
        taglines=_f(
            ("USBメモリやスマートフォンへのデータのコピーを制御し、記録します。",),
            ("Control and log copying to USB sticks and phones.",),
        ),
        overviews=_f(
            ("パソコンに接続される外部記憶装置を許可制にし、持ち出しの操作ログを残します。",),
            ("Allow-list removable devices per user and keep an audit trail of file copies.",),
        ),
        features=_f(
            ("許可したUSBメモリだけ使用可能", "コピーしたファイル名を記録", "オフライン端末にも対応"),
            ("Approved USB devices only", "Logs copied file names", "Works offline"),
        ),
        targets=_f(("顧客情報や図面を扱う企業",), ("Companies handling customer data or drawings",)),
        prices=(30_000, 90_000, 250_000),
    ),
    Family(
        topic="h-ztna",
        count=6,
        categories=("identity-access", "network-security"),
        layers=(3,),
        components=("people", "system"),
        titles=_f(
            ("{v} ゼロトラスト接続", "{v} VPNリプレース"),
            ("{v} Zero Trust Network Access", "{v} VPN Replacement"),
        ),
        taglines=_f(
            ("VPN装置をやめて、人と端末を確認してから必要なシステムだけにつなぎます。",),
            ("Retire the VPN: verify user and device, then connect only to the app they need.",),
        ),
        overviews=_f(
            (
                "利用者の認証と端末の状態確認を組み合わせ、業務システムごとに接続を許可するゼロトラスト型のリモートアクセスです。",
            ),
            ("Identity- and device-aware access to internal apps without exposing a VPN gateway.",),
        ),
        features=_f(
            ("VPN機器の脆弱性リスクを解消", "多要素認証と端末チェック", "アプリ単位のアクセス制御"),
            ("No exposed VPN appliance", "MFA and device posture checks", "Per-application access policies"),
        ),
        targets=_f(("テレワークを行う企業",), ("Companies with remote workers",)),
        prices=(150_000, 400_000, 900_000),
    ),
    Family(
        topic="h-ddos",
        count=3,
        categories=("web-security", "network-security"),
        layers=(3,),
        components=("system",),
        titles=_f(("{v} DDoS対策サービス",), ("{v} DDoS Shield", "{v} Edge Protection CDN")),
        taglines=_f(
            ("大量アクセスによるサイト停止を防ぎます。",),
            ("Keeps your site up under volumetric and application-layer DDoS.",),
        ),
        overviews=_f(
            ("世界中の配信拠点で攻撃トラフィックを吸収し、正常なアクセスだけをサイトに届けます。",),
            ("A global edge network absorbs attack traffic and forwards only clean requests.",),
        ),
        features=_f(
            ("DNS切り替えで導入", "セール時のアクセス集中にも対応"),
            ("Onboard by changing DNS", "Handles flash-sale traffic too", "Bot mitigation"),
        ),
        targets=_f(("ECサイト・オンラインサービス",), ("Online shops and services",)),
        prices=(50_000, 200_000, 600_000),
    ),
    Family(
        topic="h-threat-intel",
        count=5,
        categories=("siem-soc",),
        layers=(3,),
        components=("data", "organization"),
        titles=_f(
            ("{v} ダークウェブ監視", "{v} 漏えいアカウント監視"),
            ("{v} Threat Intelligence Feed", "{v} Dark Web Monitoring"),
        ),
        taglines=_f(
            ("自社のアカウントや情報がダークウェブで売られていないかを監視します。",),
            ("Know when your credentials or data show up on criminal forums.",),
        ),
        overviews=_f(
            ("攻撃者のフォーラムや流出データを監視し、自社に関係する情報を見つけたら通知します。",),
            ("Monitors criminal forums, paste sites and leak dumps for your domains and brands.",),
        ),
        features=_f(
            ("流出したID・パスワードの検知", "なりすましドメインの検出", "月次の脅威レポート"),
            ("Leaked credential alerts", "Look-alike domain detection", "Monthly threat briefing"),
        ),
        targets=_f(("金融機関、EC事業者、大企業",), ("Banks, e-commerce and large enterprises",)),
        prices=(300_000, 800_000, 2_000_000),
        sizes=ENTERPRISE,
    ),
    Family(
        topic="h-insurance",
        count=5,
        categories=("cyber-insurance",),
        layers=(1,),
        components=("organization",),
        titles=_f(
            ("{v} サイバー保険 事故対応サービスつき", "{v} 情報セキュリティ賠償保険"),
            ("{v} Cyber Cover with Response", "{v} Cyber Policy for Clinics & Shops"),
        ),
        taglines=_f(
            ("事故時の調査・復旧費用と賠償を補償し、対応事業者の手配まで行います。",),
            ("Covers investigation, recovery and liability, and arranges responders when you call.",),
        ),
        overviews=_f(
            ("サイバー攻撃や情報漏えいによる損害を補償する保険に、緊急時の相談窓口をセットにしました。",),
            ("Insurance against cyber losses bundled with an incident hotline.",),
        ),
        features=_f(
            ("事故対応費用の補償", "24時間の事故受付", "中小企業向けの簡単な申込み"),
            ("Pays incident response costs", "24-hour claims line", "Simple application for small firms"),
        ),
        targets=_f(("中小企業、医療機関",), ("Small businesses and clinics",)),
        prices=(30_000, 80_000, 200_000),
    ),
    Family(
        topic="h-log",
        count=5,
        categories=("siem-soc",),
        layers=(3,),
        components=("data", "procedure"),
        titles=_f(
            ("{v} 監査ログ長期保管", "{v} ログ管理クラウド"),
            ("{v} Audit Log Vault", "{v} Compliance Log Management"),
        ),
        taglines=_f(
            ("監査や調査に必要なログを改ざんできない形で長期保管します。",),
            ("Tamper-evident, long-term log retention for audits and investigations.",),
        ),
        overviews=_f(
            ("サーバーやネットワーク機器のログを集約し、改ざん防止の仕組みで最長10年間保管します。",),
            ("Collects logs from servers and devices and keeps them tamper-evident for up to ten years.",),
        ),
        features=_f(
            ("改ざん検知つき保管", "監査向けレポート", "検索の高速化"),
            ("Tamper-evident storage", "Audit reports", "Fast search"),
        ),
        targets=_f(
            ("金融機関、上場企業、自治体",), ("Financial institutions, listed companies, municipalities",)
        ),
        prices=(200_000, 600_000, 1_500_000),
    ),
    Family(
        topic="h-mail-auth",
        count=5,
        categories=("email-security",),
        layers=(3,),
        components=("system", "data"),
        titles=_f(
            ("{v} DMARC導入支援", "{v} 送信ドメイン認証サービス"),
            ("{v} DMARC Enforcement", "{v} Domain Spoofing Protection"),
        ),
        taglines=_f(
            ("自社ドメインを騙るメールを止めるため、SPF・DKIM・DMARCの設定と監視を支援します。",),
            ("Stop criminals sending mail as your domain: SPF, DKIM and DMARC done right.",),
        ),
        overviews=_f(
            ("DMARCレポートを分析し、正規の送信元を整理したうえで段階的にポリシーを強化します。",),
            ("We analyse DMARC reports, fix your legitimate senders and move you safely to enforcement.",),
        ),
        features=_f(
            ("DMARCレポートの可視化", "設定代行", "なりすまし送信の検知通知"),
            ("DMARC report dashboard", "Done-for-you DNS changes", "Spoofing alerts"),
        ),
        targets=_f(("独自ドメインでメールを送る全企業",), ("Any company sending mail from its own domain",)),
        prices=(20_000, 60_000, 150_000),
    ),
    # --- Distractors ---
    Family(
        topic="h-x-access-gate",
        count=3,
        categories=("identity-access",),
        layers=(2,),
        components=("things", "people"),
        titles=_f(("{v} 顔認証入退室管理",), ("{v} Smart Door Access",)),
        taglines=_f(
            ("ICカードや顔認証で、オフィスや工場への入退室を管理します。",),
            ("Face and card access control for doors, with visitor logs.",),
        ),
        overviews=_f(
            ("扉に認証端末を設置し、なりすまし入室を防ぎます。",),
            ("Door readers with liveness detection stop tailgating and borrowed badges.",),
        ),
        features=_f(("共連れ防止", "来訪者の事前登録"), ("Anti-tailgating", "Visitor pre-registration")),
        targets=_f(("オフィス・工場・倉庫",), ("Offices, factories and warehouses",)),
        prices=(300_000, 800_000),
        remote=False,
    ),
    Family(
        topic="h-x-lan-work",
        count=3,
        categories=("network-security",),
        layers=(3,),
        components=("things",),
        titles=_f(("{v} LAN配線・ネットワーク構築工事",), ("{v} Office Network Installation",)),
        taglines=_f(
            ("事務所や工場のLAN配線、Wi-Fi、ルーター設置工事を行います。",),
            ("Cabling, Wi-Fi and router installation for offices and plants.",),
        ),
        overviews=_f(
            ("移転や増設にあわせたネットワークの設計と配線工事をお引き受けします。",),
            ("Network design and cabling for moves and expansions.",),
        ),
        features=_f(
            ("工場内の配線工事にも対応", "工事後の通信テスト"),
            ("Plant-floor cabling", "Post-install testing"),
        ),
        targets=_f(("事務所・店舗・工場",), ("Offices, shops and plants",)),
        prices=(50_000, 200_000),
        remote=False,
    ),
    Family(
        topic="h-x-ctf",
        count=3,
        categories=("training-awareness",),
        layers=(1,),
        components=("people",),
        titles=_f(("{v} CTF大会企画運営",), ("{v} Capture-the-Flag Events", "{v} Hacking Contest Hosting")),
        taglines=_f(
            ("社内外向けのハッキングコンテスト（CTF）を企画・運営します。",),
            ("We design and host capture-the-flag hacking competitions.",),
        ),
        overviews=_f(
            ("攻撃技術を競うCTF大会で、技術者の採用や技術広報を支援します。",),
            ("CTF competitions for recruiting and developer relations.",),
        ),
        features=_f(
            ("問題作成から当日運営まで",), ("Challenge design and scoring platform", "Live event hosting")
        ),
        targets=_f(("技術者採用を強化したい企業",), ("Tech companies hiring security engineers",)),
        prices=(800_000, 2_000_000),
    ),
    Family(
        topic="h-x-drone",
        count=3,
        categories=("iot-ot-security",),
        layers=(2,),
        components=("things",),
        titles=_f(("{v} ドローンによるプラント点検",), ("{v} Drone Plant Inspection",)),
        taglines=_f(
            ("ドローンで煙突やタンク、送電設備を安全に点検・診断します。",),
            ("Drones inspect stacks, tanks and power lines without scaffolding.",),
        ),
        overviews=_f(
            ("高所や危険箇所の設備点検をドローン撮影とAI解析で行います。",),
            ("Aerial imaging and AI defect detection for industrial assets.",),
        ),
        features=_f(("赤外線カメラによる診断",), ("Thermal imaging", "Defect report within a week")),
        targets=_f(("プラント、電力、インフラ事業者",), ("Plants, utilities and infrastructure owners",)),
        prices=(300_000, 900_000),
        remote=False,
    ),
    Family(
        topic="h-x-dx",
        count=3,
        categories=("consulting-governance",),
        layers=(1,),
        components=("organization",),
        titles=_f(("{v} 中小企業DX推進支援",), ("{v} SME Digital Transformation",)),
        taglines=_f(
            ("業務のデジタル化を、診断から補助金申請まで支援します。",),
            ("From paper to cloud: DX diagnosis and subsidy applications for SMEs.",),
        ),
        overviews=_f(
            ("IT導入補助金を活用した業務システムの導入を支援するコンサルティングです。",),
            ("Consulting on business apps and IT subsidies for small firms.",),
        ),
        features=_f(
            ("無料のDX診断", "補助金申請の代行"), ("Free digital maturity check", "Subsidy paperwork")
        ),
        targets=_f(("中小企業",), ("Small and medium-sized businesses",)),
        prices=(100_000, 500_000),
    ),
)

NEIGHBOURS = {
    "h-mdr-endpoint": ("h-threat-intel", "h-usb-control"),
    "h-fw-router": ("h-otasuke", "h-ddos"),
    "h-redteam": ("h-web-diag", "h-tabletop"),
    "h-web-diag": ("h-redteam", "h-sbom", "h-ddos"),
    "h-saas-audit": ("h-ztna",),
    "h-ot-visibility": ("h-ot-segmentation", "h-medical", "h-bas"),
    "h-ot-segmentation": ("h-ot-visibility", "h-bas"),
    "h-medical": ("h-ot-visibility",),
    "h-bas": ("h-ot-visibility", "h-ot-segmentation"),
    "h-sbom": ("h-web-diag",),
    "h-emergency": ("h-otasuke", "h-insurance"),
    "h-offline-backup": ("h-emergency",),
    "h-moral-training": ("h-tabletop",),
    "h-tabletop": ("h-moral-training", "h-emergency"),
    "h-pmark": ("h-log",),
    "h-otasuke": ("h-fw-router", "h-emergency", "h-insurance"),
    "h-usb-control": ("h-mdr-endpoint",),
    "h-ztna": ("h-saas-audit", "h-fw-router"),
    "h-ddos": ("h-web-diag", "h-fw-router"),
    "h-threat-intel": ("h-mdr-endpoint", "h-log"),
    "h-insurance": ("h-otasuke", "h-emergency"),
    "h-log": ("h-threat-intel", "h-pmark"),
    "h-mail-auth": ("h-moral-training",),
}
