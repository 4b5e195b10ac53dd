"""Holdout set, needs side: thirty requests written one at a time, each with the judge's reading of what fits.

Unlike the development needs these are not templates: each is one organisation's own words (long stories from
owners, terse requirement lists from engineers, translated-sounding English from foreign-owned firms), with its own
circumstances fixed by hand. ``fit`` uses the holdout families of ``holdout_catalogue.py``.
"""

from __future__ import annotations

from tests.data.holdout_catalogue import HoldoutNeed

URGENT = {
    "h-emergency": 3,
    "h-otasuke": 3,
    "h-insurance": 1,
    "h-offline-backup": 1,
    "h-x-dx": 0,
    "h-x-lan-work": 0,
}

NEEDS = (
    HoldoutNeed(
        title="店のパソコンに英語の画面が出て何もできません",
        description=(
            "鹿児島で雑貨店を営んでいます（家族とパート3名）。朝、レジ横のパソコンを立ち上げたら英語で『お前のファイルは"
            "ロックした』という画面が出て、売上の記録も顧客名簿も開けません。息子に聞いてもわからず困っています。"
            "今日来てくれる人はいませんか。"
        ),
        language="ja",
        fit=URGENT,
        industry="retail",
        company_size="micro",
        region="kyushu-okinawa",
        urgent=True,
    ),
    HoldoutNeed(
        title="Adversary emulation against our payments platform",
        description=(
            "Regional bank, ~2,000 staff. Regulator expects a threat-led test (TLPT-style) this fiscal year. Scope: "
            "internet perimeter, staff phishing, lateral movement to the payments environment, and whether our "
            "outsourced monitoring notices. Provider must have independently evaluated capability."
        ),
        language="en",
        fit={"h-redteam": 3, "h-web-diag": 2, "h-threat-intel": 1, "h-tabletop": 1, "h-x-ctf": 0},
        categories=("penetration-testing",),
        components=("system", "people", "organization"),
        industry="finance",
        company_size="large",
        region="kanto",
        budget_max=10_000_000,
        min_verification="effectiveness",
    ),
    HoldoutNeed(
        title="制御LANと事務所LANを分けたい（射出成形工場）",
        description=(
            "事務所のネットワークと成形機・PLCのネットワークが一つのスイッチでつながっています。ウイルスが事務所から"
            "工場に広がるのが怖いので、ネットワークを分けて、生産管理システム（MES）から必要な通信だけ通すようにしたい。"
            "工事は夏季休業中を希望。"
        ),
        language="ja",
        fit={"h-ot-segmentation": 3, "h-ot-visibility": 2, "h-fw-router": 1, "h-x-lan-work": 0},
        categories=("iot-ot-security", "network-security"),
        components=("things", "system"),
        industry="manufacturing",
        company_size="medium",
        region="chubu",
        budget_max=6_000_000,
    ),
    HoldoutNeed(
        title="医療機器がウイルスに感染しないか心配です",
        description=(
            "200床の病院です。CTや検体検査装置などの医療機器が古いWindowsのまま院内ネットワークにつながっており、"
            "メーカーの保守回線もあります。他院の被害報道を受け、医療機器を含めた対策を相談できる会社を探しています。"
        ),
        language="ja",
        fit={
            "h-medical": 3,
            "h-ot-visibility": 2,
            "h-ot-segmentation": 1,
            "h-mdr-endpoint": 1,
            "h-tabletop": 1,
        },
        categories=("iot-ot-security",),
        components=("things", "system", "organization"),
        industry="healthcare",
        company_size="medium",
        region="kinki",
        budget_max=5_000_000,
    ),
    HoldoutNeed(
        title="Our building management system is reachable from the internet",
        description=(
            "We own two office towers in Yokohama. A researcher told us the HVAC controllers' web interface is exposed. "
            "We need someone to survey the building automation network, close the exposure and sort out how the "
            "maintenance contractors connect."
        ),
        language="en",
        fit={
            "h-bas": 3,
            "h-ot-segmentation": 2,
            "h-ot-visibility": 2,
            "h-x-access-gate": 0,
            "h-x-lan-work": 0,
        },
        components=("things", "system"),
        industry="construction",
        company_size="medium",
        region="kanto",
    ),
    HoldoutNeed(
        title="製品に入っているオープンソースの脆弱性を管理したい",
        description=(
            "産業用通信機器を作っています。取引先からSBOMの提出を求められましたが、ファームウェアにどのOSSが入っているか"
            "正確に把握できていません。部品表の作成と、新しい脆弱性が出たときに影響を判断できる仕組みがほしいです。"
        ),
        language="ja",
        fit={"h-sbom": 3, "h-web-diag": 1},
        categories=("vulnerability-assessment",),
        components=("things", "procedure"),
        industry="manufacturing",
        company_size="small",
        region="kinki",
        budget_max=2_000_000,
    ),
    HoldoutNeed(
        title="Proving our sensors are genuine",
        description=(
            "We make industrial pressure sensors and clones of our product are sold online with our logo. We want "
            "each unit to carry an identity that cannot be copied, checkable by our customers' controllers."
        ),
        language="en",
        fit={"h-chip-id": 3, "h-x-access-gate": 0},
        categories=("hardware-security",),
        components=("things",),
        industry="manufacturing",
        company_size="medium",
        budget_max=3_000_000,
    ),
    HoldoutNeed(
        title="NASのデータが消えたら会社が終わる",
        description=(
            "運送会社です。配車表も請求データも事務所のNASに入っていて、バックアップはNASの中に別フォルダで取っているだけ。"
            "ランサムウェアで全部やられた同業者の話を聞いて青くなりました。ネットから切り離した形で毎日バックアップを"
            "残したいです。"
        ),
        language="ja",
        fit={"h-offline-backup": 3, "h-otasuke": 1, "h-insurance": 1},
        components=("data",),
        industry="logistics",
        company_size="small",
        region="tohoku",
        budget_max=500_000,
    ),
    HoldoutNeed(
        title="月いくらかでまとめて面倒を見てほしい",
        description=(
            "旭川で設計事務所をしています（所員6名）。セキュリティのことは何もわかりません。何かあったときに電話で聞けて、"
            "必要なら来てくれて、できれば保険もついているようなサービスがあれば、月々払える範囲でお願いしたいです。"
            "国の基準を満たしているところが安心です。"
        ),
        language="ja",
        fit={"h-otasuke": 3, "h-fw-router": 2, "h-insurance": 2, "h-x-dx": 0, "h-x-lan-work": 0},
        industry="other",
        company_size="micro",
        region="hokkaido",
        budget_max=150_000,
        min_verification="registered",
    ),
    HoldoutNeed(
        title="Security and information-ethics onboarding for new hires",
        description=(
            "Software house in Osaka, about 60 people, many non-Japanese engineers. Each April we onboard 10-15 new "
            "graduates and want a short course on handling customer data, social media, passwords and reporting "
            "incidents, in Japanese and English."
        ),
        language="en",
        fit={"h-moral-training": 3, "h-tabletop": 1, "h-x-ctf": 1},
        categories=("training-awareness",),
        components=("people",),
        industry="it-services",
        company_size="small",
        region="kinki",
        budget_max=300_000,
    ),
    HoldoutNeed(
        title="幹部職員向けのサイバー攻撃対応演習",
        description=(
            "県の情報政策課です。ランサムウェアで住民サービスが止まった場合を想定し、副知事・部長級と広報、情報部門が"
            "参加する机上演習を企画したいです。シナリオ作成から当日の進行、振り返りまでお願いできる事業者を探しています。"
        ),
        language="ja",
        fit={"h-tabletop": 3, "h-moral-training": 1, "h-redteam": 1, "h-x-ctf": 0},
        categories=("training-awareness", "incident-response"),
        components=("organization", "people", "procedure"),
        industry="public-sector",
        company_size="large",
        region="kanto",
        budget_max=3_000_000,
        min_verification="registered",
    ),
    HoldoutNeed(
        title="Pマークを取りたい",
        description=(
            "人材紹介の会社です。大手企業との取引条件にプライバシーマークが入っていました。社内に詳しい人がいないので、"
            "書類づくりから審査まで一緒に進めてくれるところを探しています。"
        ),
        language="ja",
        fit={"h-pmark": 3, "h-log": 1, "h-x-dx": 0},
        categories=("consulting-governance",),
        components=("organization", "procedure"),
        industry="other",
        company_size="small",
        region="chugoku",
        budget_max=1_500_000,
    ),
    HoldoutNeed(
        title="Staff copying customer lists to USB sticks",
        description=(
            "We are a small retailer (30 staff). A manager found the full customer list on a personal USB stick. We "
            "want to allow only company-issued drives and keep a record of what gets copied."
        ),
        language="en",
        fit={"h-usb-control": 3, "h-mdr-endpoint": 1, "h-ztna": 1},
        categories=("data-protection",),
        components=("data", "things"),
        industry="retail",
        company_size="small",
        region="chugoku",
        budget_max=200_000,
    ),
    HoldoutNeed(
        title="VPN装置をやめたい",
        description=(
            "VPN機器の脆弱性を突かれた被害が多いと聞き、常にインターネットに公開しているVPN装置をなくしたいと考えています。"
            "社員約150名がテレワークで社内システムを使っています。多要素認証と端末のチェックができる方式を希望します。"
        ),
        language="ja",
        fit={"h-ztna": 3, "h-saas-audit": 1, "h-fw-router": 1, "h-x-access-gate": 0},
        categories=("identity-access",),
        components=("people", "system"),
        industry="it-services",
        company_size="medium",
        region="kanto",
        budget_max=2_000_000,
    ),
    HoldoutNeed(
        title="Shop went down during our sale — DDoS?",
        description=(
            "Our e-commerce site was knocked offline for six hours on the first day of our seasonal sale; the host says "
            "it was a flood of traffic from abroad. We need protection in front of the site before the next campaign."
        ),
        language="en",
        fit={"h-ddos": 3, "h-web-diag": 1, "h-fw-router": 1},
        categories=("web-security",),
        components=("system",),
        industry="retail",
        company_size="medium",
        budget_max=1_000_000,
    ),
    HoldoutNeed(
        title="社員のID・パスワードが流出していないか監視したい",
        description=(
            "証券会社の情報セキュリティ担当です。他社で流出した認証情報を使った不正ログインが増えています。当社ドメインの"
            "アカウントがダークウェブ等で売買されていないか、なりすましサイトがないかを継続的に監視したいです。"
        ),
        language="ja",
        fit={"h-threat-intel": 3, "h-mdr-endpoint": 1, "h-ztna": 1, "h-mail-auth": 1},
        categories=("siem-soc",),
        components=("data", "organization"),
        industry="finance",
        company_size="large",
        region="kanto",
        budget_max=5_000_000,
    ),
    HoldoutNeed(
        title="うちの会社を名乗る偽メールが出回っている",
        description=(
            "お客様から『御社から請求書のメールが来たが本物か』と問い合わせが相次いでいます。送信元はうちのドメインに"
            "見えるそうです。DMARCというものを設定すればいいと聞きましたが、やり方がわかりません。"
        ),
        language="ja",
        fit={"h-mail-auth": 3, "h-moral-training": 1, "h-threat-intel": 1},
        components=("system",),
        industry="retail",
        company_size="small",
        region="kinki",
        budget_max=300_000,
    ),
    HoldoutNeed(
        title="Audit our Google Workspace and Slack settings",
        description=(
            "Fast-growing startup, everything in SaaS. We suspect files are shared with 'anyone with the link' and "
            "old integrations still have access. Looking for SSPM or a one-off settings audit with ongoing checks."
        ),
        language="en",
        fit={"h-saas-audit": 3, "h-ztna": 2, "h-threat-intel": 1},
        categories=("cloud-security",),
        components=("system", "data"),
        industry="it-services",
        company_size="medium",
        region="kanto",
        budget_max=1_000_000,
    ),
    HoldoutNeed(
        title="パソコン20台、ウイルス対策ソフトだけでは不安",
        description=(
            "金属加工業、社員25名。パソコンは20台ほどで市販のウイルス対策ソフトを入れています。最近の攻撃はそれだけでは"
            "防げないと聞きました。怪しい動きを誰かが常に見張っていて、何かあれば止めてくれるようなものがあれば。"
        ),
        language="ja",
        fit={"h-mdr-endpoint": 3, "h-otasuke": 2, "h-fw-router": 1, "h-usb-control": 1},
        components=("things", "system"),
        industry="manufacturing",
        company_size="small",
        region="shikoku",
        budget_max=400_000,
    ),
    HoldoutNeed(
        title="Secure router for a tiny office",
        description=(
            "Three-person accounting office in Matsuyama. We only have the router from the internet provider. We "
            "want something that blocks attacks and bad websites without needing an IT person."
        ),
        language="en",
        fit={"h-fw-router": 3, "h-otasuke": 2, "h-x-lan-work": 0},
        categories=("network-security",),
        components=("things",),
        industry="other",
        company_size="micro",
        region="shikoku",
        budget_max=100_000,
    ),
    HoldoutNeed(
        title="監査対応のためログを長期保管したい",
        description=(
            "信用金庫です。監督官庁の検査で、アクセスログの保管期間と改ざん防止策について指摘を受けました。"
            "サーバーと業務端末のログを5年以上、改ざんできない形で保管し、必要なときにすぐ検索できる仕組みを検討しています。"
        ),
        language="ja",
        fit={"h-log": 3, "h-threat-intel": 1, "h-mdr-endpoint": 1},
        categories=("siem-soc",),
        components=("data", "procedure"),
        industry="finance",
        company_size="medium",
        min_verification="registered",
    ),
    HoldoutNeed(
        title="至急！設計データが暗号化された、今日来てほしい",
        description=(
            "静岡の工務店です。CADの図面が全部開けなくなり、画面に身代金の要求が出ています。社員は12名。"
            "ネットワークのケーブルは抜きました。これからどうすればいいか、今日中に誰か来てください。"
        ),
        language="ja",
        fit=URGENT,
        industry="construction",
        company_size="small",
        region="chubu",
        urgent=True,
    ),
    HoldoutNeed(
        title="We think an attacker is inside our network right now",
        description=(
            "Our admin noticed a new domain admin account nobody created and outbound traffic at 3 a.m. We are a "
            "200-person IT services company in Tokyo. Need responders today to contain this."
        ),
        language="en",
        fit={**URGENT, "h-mdr-endpoint": 2, "h-threat-intel": 1, "h-tabletop": 0},
        categories=("incident-response",),
        components=("system", "people"),
        industry="it-services",
        company_size="medium",
        region="kanto",
        urgent=True,
    ),
    HoldoutNeed(
        title="変電所の制御ネットワークの可視化と異常検知",
        description=(
            "電力会社の制御システム部門です。変電所の制御ネットワークに接続されている機器を正確に把握し、"
            "通常と異なる通信を検知する仕組みを検討しています。実環境での導入実績があることが条件です。"
        ),
        language="ja",
        fit={"h-ot-visibility": 3, "h-ot-segmentation": 2, "h-x-drone": 0},
        categories=("iot-ot-security",),
        components=("system", "things"),
        industry="energy",
        company_size="large",
        region="tohoku",
        budget_max=10_000_000,
        min_verification="trial",
    ),
    HoldoutNeed(
        title="Cyber insurance for our clinic, with help when something happens",
        description=(
            "Dental clinic in Fukuoka, 8 staff. Our patient records are on a small server. We want insurance that "
            "pays for investigation and recovery, and a number to call if we are attacked."
        ),
        language="en",
        fit={"h-insurance": 3, "h-otasuke": 2, "h-emergency": 1},
        categories=("cyber-insurance",),
        components=("organization",),
        industry="healthcare",
        company_size="micro",
        region="kyushu-okinawa",
        budget_max=200_000,
    ),
    HoldoutNeed(
        title="学内Webシステムのセキュリティ検査",
        description=(
            "大学の情報基盤センターです。学生ポータルと研究室公開サーバーのWebアプリについて、入力値の処理や認証まわりに"
            "問題がないか、外部の専門家に検査してほしいと考えています。"
        ),
        language="ja",
        fit={"h-web-diag": 3, "h-redteam": 2, "h-sbom": 1, "h-ddos": 1},
        categories=("vulnerability-assessment",),
        components=("system",),
        industry="education-research",
        company_size="medium",
        region="kanto",
        budget_max=1_500_000,
    ),
    HoldoutNeed(
        title="外部の目で攻撃者のようにうちを試してほしい",
        description=(
            "大手の取引先の監査で、『一度、攻撃者の視点で外部から侵入を試す検証を受けておくように』と言われました。"
            "従業員80名ほどの部品メーカーです。どこまで入られてしまうのかを知りたいです。"
        ),
        language="ja",
        fit={"h-redteam": 3, "h-web-diag": 2, "h-pmark": 1, "h-x-dx": 0, "h-x-ctf": 0},
        components=("system", "organization"),
        industry="manufacturing",
        company_size="small",
        region="chubu",
        budget_max=3_000_000,
    ),
    HoldoutNeed(
        title="Allow-list firewall between MES and PLC network",
        description=(
            "Automotive parts plant near Kobe. Requirements: industrial firewall between MES and line PLC networks, "
            "allow-list policy, fail-safe, installation during the August shutdown, independently verified product."
        ),
        language="en",
        fit={"h-ot-segmentation": 3, "h-ot-visibility": 2, "h-ztna": 1, "h-x-lan-work": 0},
        categories=("iot-ot-security", "network-security"),
        components=("things", "system"),
        industry="manufacturing",
        company_size="large",
        region="kinki",
        budget_max=8_000_000,
        min_verification="effectiveness",
    ),
    HoldoutNeed(
        title="お店のWi-Fiとレジが心配",
        description=(
            "都内でカフェを2店舗やっています。お客様用のWi-Fiとレジ、予約の端末が同じルーターにつながっているようです。"
            "詳しくないので、置くだけで守ってくれる機械か、見てくれるサービスがあれば知りたいです。"
        ),
        language="ja",
        fit={"h-fw-router": 3, "h-otasuke": 3, "h-x-lan-work": 0, "h-x-access-gate": 0},
        industry="retail",
        company_size="micro",
        region="kanto",
    ),
    HoldoutNeed(
        title="Hands-on cyber exercise for municipal IT staff",
        description=(
            "City office in Sendai. We want a practical incident-response exercise for our 15 IT staff, ideally with "
            "a scenario on our own systems, followed by a short awareness session for all employees."
        ),
        language="en",
        fit={"h-tabletop": 3, "h-moral-training": 2, "h-x-ctf": 1},
        categories=("training-awareness",),
        components=("people", "procedure"),
        industry="public-sector",
        company_size="large",
        region="tohoku",
        budget_max=2_000_000,
    ),
)
