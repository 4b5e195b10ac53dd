"""Held-out needs of the meaning-judged set: never read while tuning anything.

Written apart from the development needs, in other voices and another mix: bullet-point requirement lists as
procurement staff write them, forwarded e-mails, municipal and school offices, clinics, hotels, farms and
logistics firms, non-native English from foreign subsidiaries. As in the development part, most name no category,
some ask for several things, some carry hard constraints, a few are urgent.
"""

from __future__ import annotations

from tests.data.meaning.needs_common import need

HOLDOUT_NEEDS = [
    need(
        "【依頼】町役場の業務端末のセキュリティ強化について",
        "・対象：本庁舎および支所の業務用PC約120台\n・現状：ウイルス対策ソフトのみ、夜間休日の監視なし\n"
        "・希望：不審な挙動の検知と、異常時の連絡・隔離までを委託したい\n・条件：情報セキュリティサービス基準に"
        "登録済みの事業者であること",
        "ja",
        region="tohoku",
        size="medium",
        industry="public-sector",
        min_verification="registered",
        components=("things", "system"),
    ),
    need(
        "旅館の予約システムとWi-Fiが心配です",
        "家族経営の温泉旅館です。予約サイトの管理画面、館内のお客様用Wi-Fi、フロントのパソコンが全部同じ回線です。"
        "先日、近くの旅館で予約情報が漏れたと聞きました。専門の人に一度見てもらって、必要なものだけ入れたいです。",
        "ja",
        region="chubu",
        size="micro",
        industry="other",
        budget=200000,
        components=("system", "things"),
    ),
    need(
        "FW: 至急 サーバーに不審なログイン",
        "総務部長から転送します。\n> 今朝、ファイルサーバーに深夜3時に管理者アカウントでログインした記録がある"
        "とシステム会社から連絡がありました。誰も心当たりがありません。\n何が起きたのか調べてくれる会社を今日中に"
        "探してほしいとのことです。名古屋本社です。",
        "ja",
        region="chubu",
        size="medium",
        industry="manufacturing",
        urgent=True,
        components=("system", "data"),
    ),
    need(
        "We are subsidiary of German company, need OT network segmentation",
        "Our plant in Shiga make automotive parts. Headquarter require to separate production network from "
        "office network and to watch traffic between them. We need partner who can do design and also "
        "monitoring after. Our local staff speak Japanese, management speak English.",
        "en",
        region="kinki",
        size="medium",
        industry="manufacturing",
        components=("things", "system"),
    ),
    need(
        "診療所の電子カルテ、何をしておけばいいですか",
        "内科クリニックを開業して3年です。電子カルテはクラウド型、受付のパソコン2台、院長のノートPC。"
        "医師会からサイバー攻撃に注意するよう通知が来ました。小さいクリニックでもできることを教えてほしい。",
        "ja",
        region="kanto",
        size="micro",
        industry="healthcare",
        components=("organization", "data"),
    ),
    need(
        "Checklist: requirements for managed email protection",
        "- ~300 mailboxes on Microsoft 365\n- block phishing and malicious attachments before delivery\n"
        "- warning banner for lookalike domains\n- help with DMARC rollout\n- vendor must hold an independent "
        "effectiveness evaluation",
        "en",
        size="medium",
        industry="finance",
        min_verification="effectiveness",
        components=("system", "people"),
    ),
    need(
        "農協の直売所、POSと会員情報",
        "JAの直売所で会員（生産者）と購入者のポイント会員の情報を扱っています。POSレジの業者任せで、"
        "セキュリティのことは誰も見ていません。個人情報の扱いの点検と、最低限の対策をお願いしたい。",
        "ja",
        region="kyushu-okinawa",
        size="small",
        industry="retail",
        components=("data", "procedure"),
    ),
    need(
        "取引先から『御社のメールが迷惑メール扱いになる』と言われた",
        "最近、うちから送ったメールが相手の迷惑メールフォルダに入ってしまうと言われます。なりすましメールが"
        "出回っているせいだとも聞きました。設定を直してほしいです。",
        "ja",
        size="micro",
        industry="construction",
        budget=100000,
        components=("system",),
    ),
    need(
        "冷凍倉庫の温度管理システムが外から見られる？",
        "冷凍・冷蔵倉庫の温度を遠隔監視するシステムを入れています。先日、設定画面がインターネットから誰でも"
        "開ける状態だったと指摘を受けました。他にもこういう機器がないか調べ、安全に遠隔監視できるようにしたい。",
        "ja",
        region="hokkaido",
        size="small",
        industry="logistics",
        components=("things", "system"),
    ),
    need(
        "Looking for security awareness e-learning in English and Japanese",
        "Mixed workforce, about 150 people, half do not read Japanese well. Need short monthly modules and phishing "
        "tests in both languages, with reports per department.",
        "en",
        size="medium",
        industry="it-services",
        budget=1000000,
        components=("people",),
    ),
    need(
        "市の水道施設の遠隔監視、点検を受けたい",
        "浄水場とポンプ場を遠隔で監視・制御しています。国から水道分野の対策強化の通知があり、外部の専門家に"
        "制御系ネットワークの点検を依頼したい。実機での攻撃検証の実績がある事業者が望ましい。",
        "ja",
        size="medium",
        industry="public-sector",
        min_verification="attack",
        components=("things", "system"),
    ),
    need(
        "大学の研究室のサーバーが踏み台にされた",
        "学内の情報センターから、研究室のサーバーが外部に攻撃通信を出していると連絡があり、ネットワークから"
        "切り離されました。何が起きたのか調べてほしいのと、研究室の学生向けに基本的な教育もしてほしい。",
        "ja",
        region="kinki",
        size="large",
        industry="education-research",
        urgent=True,
        components=("system", "people"),
    ),
    need(
        "SaaSがいっぱいあって管理しきれない",
        "社員70名で、チャット、ファイル共有、経費精算、CRMなど15個くらいのクラウドサービスを使っています。"
        "誰が管理者なのか、どのファイルが社外に共有されているのか、誰も把握していません。",
        "ja",
        size="small",
        industry="it-services",
        components=("system", "data"),
    ),
    need(
        "We make medical devices — regulators ask about cybersecurity",
        "Our infusion pump software must meet premarket cybersecurity expectations in the US and Japan: threat "
        "model, SBOM, vulnerability management plan, penetration test. We need support for the documentation "
        "and the testing.",
        "en",
        size="medium",
        industry="healthcare",
        components=("things", "system"),
    ),
    need(
        "新店舗オープン、防犯とネットワーク両方",
        "ドラッグストアを新規出店します。\n・店内の防犯カメラ\n・POSとWi-Fiの安全な設定\n・本部とのVPN\n"
        "をまとめて任せられるところを探しています。神奈川県。",
        "ja",
        region="kanto",
        size="medium",
        industry="retail",
        components=("things", "system"),
    ),
    need(
        "社外秘の設計データを暗号化して共同研究先と共有したい",
        "大学や他社との共同研究で、設計データや実験データをやりとりします。相手に渡したあとも、誰が見たか、"
        "いつまで見られるかを管理したい。鍵の管理もきちんとしたい。",
        "ja",
        size="large",
        industry="education-research",
        components=("data",),
    ),
    need(
        "ECサイトのセール時にサイトが落ちる、攻撃かも",
        "毎回セールの開始直後にサイトがつながらなくなります。アクセス集中なのか攻撃なのかわかりません。"
        "どちらでも止まらないようにしたい。",
        "ja",
        size="small",
        industry="retail",
        components=("system",),
    ),
    need(
        "Insurance requirement: MFA, EDR, offline backup",
        "Our cyber insurer will not renew unless we show multi-factor authentication on all remote access, EDR on "
        "every endpoint and an offline or immutable backup. 60 staff in Fukuoka. We need all three in place within "
        "three months.",
        "en",
        region="kyushu-okinawa",
        size="small",
        industry="logistics",
        components=("system", "data", "things"),
    ),
    need(
        "うちの工場、どこから手をつければいいかわからない",
        "金属加工、従業員18名。NC旋盤が10台、CADのパソコンが3台、事務所は別棟。取引先から「セキュリティ対策を"
        "進めてください」と言われましたが、具体的に何をすればいいのかわかりません。費用はなるべく抑えたい。",
        "ja",
        region="kinki",
        size="micro",
        industry="manufacturing",
        budget=500000,
        components=("organization", "things"),
    ),
    need(
        "老人ホームの見守りセンサーとタブレット",
        "介護施設で、入居者の見守りセンサーと職員用タブレットを導入しました。機器の設定は業者任せで、"
        "入居者の情報が漏れたり、センサーが止められたりしないか不安です。",
        "ja",
        region="chugoku",
        size="small",
        industry="healthcare",
        components=("things", "data"),
    ),
    need(
        "Red team exercise for a financial group",
        "We want a realistic adversary simulation including social engineering and physical intrusion against our "
        "head office, to test our SOC. Budget is not the main constraint; the team must be attack-tested and "
        "experienced with financial institutions.",
        "en",
        region="kanto",
        size="large",
        industry="finance",
        min_verification="attack",
        components=("organization", "system"),
    ),
    need(
        "経理のパソコンだけでも守りたい",
        "ネットバンキングを使う経理のパソコン2台だけでも、しっかり守りたいです。不正送金の被害が怖い。"
        "社員5名の会社なので大がかりなものは無理です。",
        "ja",
        size="micro",
        industry="other",
        budget=20000,
        components=("things",),
    ),
    need(
        "ランサムウェアの被害、保険と調査会社の手配を",
        "昨夜からサーバーが暗号化されています。サイバー保険には入っていません。調査と復旧を頼める会社を"
        "探しています。広島市内です。",
        "ja",
        region="chugoku",
        size="small",
        industry="construction",
        urgent=True,
        components=("system", "data"),
    ),
    need(
        "卸売業、受発注のEDIとVPNが古い",
        "取引先との受発注に古いEDIとVPN装置を使っています。メーカーのサポートが終わると聞きました。"
        "入れ替えのときに、外部から攻撃されにくい構成にしたい。",
        "ja",
        size="small",
        industry="logistics",
        components=("system",),
    ),
    need(
        "Evaluate our smart meter gateway hardware",
        "We design a gateway that sits between smart meters and the utility's head-end. We need hardware-level "
        "testing (side channels, debug ports, key extraction) and advice on using a secure element.",
        "en",
        size="medium",
        industry="energy",
        components=("things", "data"),
    ),
    need(
        "社員にセキュリティを意識させたい、でも研修は嫌がられる",
        "年1回の集合研修は寝ている人が多いです。短い時間で、実際に引っかかりやすいメールを体験できるような"
        "ものはないでしょうか。パートさんも含めて80名です。",
        "ja",
        size="small",
        industry="retail",
        components=("people",),
    ),
    need(
        "建設現場のドローンとカメラのデータ",
        "測量用のドローンと現場のネットワークカメラを使っています。撮影データをクラウドに上げていますが、"
        "機器の乗っ取りやデータの改ざんが心配です。機器の安全性の確認と、データの保管方法を相談したい。",
        "ja",
        region="tohoku",
        size="medium",
        industry="construction",
        components=("things", "data"),
    ),
    need(
        "ISMSは取ったが、運用が回っていない",
        "3年前にISMSを取得しましたが、担当者が辞めてから内部監査もリスク評価も形だけになっています。"
        "次の更新審査までに立て直したいです。",
        "ja",
        region="kanto",
        size="small",
        industry="it-services",
        components=("organization", "procedure"),
    ),
    need(
        "Dev team pushes secrets to GitHub",
        "We found AWS keys committed in two repositories. We need a review of our cloud accounts for anything that "
        "was exposed, and training for the developers so it does not happen again.",
        "en",
        size="small",
        industry="it-services",
        components=("system", "people"),
    ),
    need(
        "市役所の職員向けに標的型攻撃メールの訓練",
        "本市では毎年、標的型攻撃メール訓練を外部委託しています。今年度の委託先を探しています。"
        "職員約900名、結果の分析報告書が必要です。",
        "ja",
        size="large",
        industry="public-sector",
        categories=("training-awareness",),
        components=("people",),
    ),
    need(
        "UTMの入れ替え",
        "現在のUTMが来年保守切れになります。入れ替え先を検討中。拠点は広島と岡山の2か所。",
        "ja",
        region="chugoku",
        size="small",
        industry="manufacturing",
        categories=("network-security",),
        components=("system",),
    ),
    need(
        "脆弱性診断（Webアプリケーション）",
        "新規に構築した会員向けWebアプリケーションの脆弱性診断を依頼したい。予算200万円以内。",
        "ja",
        size="medium",
        industry="finance",
        budget=2000000,
        categories=("vulnerability-assessment", "web-security"),
        components=("system",),
    ),
    need(
        "Forensic investigation of insider data theft",
        "A departing engineer may have copied design files to a personal cloud account. We need a forensically sound "
        "investigation of his laptop and our logs, in Osaka.",
        "en",
        region="kinki",
        size="medium",
        industry="manufacturing",
        categories=("incident-response",),
        components=("data",),
    ),
    need(
        "バックアップの見直し",
        "NASへのバックアップのみ。ランサムウェア対策として、書き換えできないバックアップを検討中。",
        "ja",
        size="small",
        industry="finance",
        categories=("backup-recovery",),
        components=("data",),
    ),
    need(
        "ホテルの客室タブレットとスマートロック",
        "ビジネスホテルで客室にタブレットとスマートロックを導入予定です。導入前に、機器の脆弱性と、"
        "ホテルのネットワークとの分け方を確認してもらいたい。",
        "ja",
        region="kyushu-okinawa",
        size="small",
        industry="other",
        components=("things", "system"),
    ),
    need(
        "サプライヤーのセキュリティ状況を把握したい",
        "当社は部品メーカーで、取引先200社のセキュリティ対策状況を確認する立場になりました。質問票の作り方や"
        "評価の仕方について助言がほしい。",
        "ja",
        size="large",
        industry="manufacturing",
        components=("organization", "procedure"),
    ),
]

#: Needs that ask for two or three distinct things (counted in the set's statistics).
HOLDOUT_MULTI_PART = frozenset(
    {
        "旅館の予約システムとWi-Fiが心配です",
        "大学の研究室のサーバーが踏み台にされた",
        "新店舗オープン、防犯とネットワーク両方",
        "Insurance requirement: MFA, EDR, offline backup",
        "We make medical devices — regulators ask about cybersecurity",
        "Dev team pushes secrets to GitHub",
        "建設現場のドローンとカメラのデータ",
        "ランサムウェアの被害、保険と調査会社の手配を",
        "冷凍倉庫の温度管理システムが外から見られる？",
        "We are subsidiary of German company, need OT network segmentation",
    }
)
