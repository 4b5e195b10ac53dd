"""Development needs of the meaning-judged set, written one by one as users of the platform write them.

Mostly owners and office staff of Japanese SMEs describing what happened or what they were asked for, in their own
words; some IT managers; a few English-speaking subsidiaries. Most name no category. Some ask for two or three
things at once; some state a region, a budget or a minimum level of third-party verification; a few are urgent.
They were written without looking at any system's results.
"""

from __future__ import annotations

from tests.data.meaning.needs_common import need

DEV_NEEDS = [
    need(
        "取引先からセキュリティチェックシートが届いた",
        "自動車部品の二次下請けです。元請けから100問以上のセキュリティチェックシートが届き、来月末までに回答して"
        "くださいと言われました。社内にITがわかる人がおらず、質問の意味もよくわかりません。",
        "ja",
        region="chubu",
        size="small",
        industry="manufacturing",
        components=("organization", "procedure"),
    ),
    need(
        "工場のPLCが勝手に止まることがある",
        "ここ数か月、夜間にラインのPLCが停止していることが何度かありました。機械メーカーは故障ではないと言っています。"
        "保守業者がリモートでつないでいると聞いたことがあり、誰かが操作しているのではないかと不安です。何が起きて"
        "いるのか調べてほしい。",
        "ja",
        region="tohoku",
        size="medium",
        industry="manufacturing",
        components=("things", "system"),
    ),
    need(
        "社員がフィッシングメールを開いてしまった",
        "昨日、経理の社員が宅配業者を名乗るメールのリンクを開き、Microsoftのログイン画面にパスワードを入れてしまった"
        "ようです。今のところ変わったことはありませんが、何を確認すればいいのか、このあと何をすべきか教えてほしい。",
        "ja",
        region="kanto",
        size="small",
        industry="retail",
        urgent=True,
        components=("people", "system"),
    ),
    need(
        "パソコンの画面に英語の脅迫文、ファイルが開けない",
        "朝来たら事務所のパソコン3台とNASのファイルが全部開けなくなっていて、英語で「お金を払え」と書かれたファイルが"
        "あります。熊本の小さな設計事務所です。すぐに来てくれるところを探しています。",
        "ja",
        region="kyushu-okinawa",
        size="micro",
        industry="construction",
        urgent=True,
        components=("system", "data"),
    ),
    need(
        "社員に怪しいメールを見分けられるようになってほしい",
        "最近、取引先を装ったメールや請求書のメールが増えています。事務員さんはパソコンが得意ではないので、"
        "わかりやすく教えてもらえる研修か、実際に訓練できるものを探しています。社員は25名です。",
        "ja",
        region="kinki",
        size="small",
        industry="logistics",
        budget=300000,
        components=("people",),
    ),
    need(
        "ホームページが改ざんされたみたい",
        "会社のホームページを開くと、知らない通販サイトに飛ばされるとお客さんから電話がありました。"
        "WordPressで作ってもらったサイトで、作った業者とは連絡がつきません。直してほしいのと、今後同じことが"
        "起きないようにしたい。",
        "ja",
        size="micro",
        industry="retail",
        urgent=True,
        components=("system",),
    ),
    need(
        "退職した社員が顧客リストを持ち出したかもしれない",
        "先月退職した営業担当が、競合他社に転職して、うちの顧客に営業をかけているようです。退職前にUSBメモリや"
        "個人のメールにデータを送っていないか調べたい。裁判になるかもしれないので証拠として使える形で調べてほしい。",
        "ja",
        region="kanto",
        size="small",
        industry="it-services",
        components=("data", "people"),
    ),
    need(
        "バックアップを取っているつもりだったが、戻せるか不安",
        "外付けハードディスクに毎週コピーしていますが、常につなぎっぱなしです。ニュースでランサムウェアでバックアップ"
        "ごと暗号化されたと聞き、心配になりました。安くて、ウイルスにやられても消されないバックアップの方法はありますか。",
        "ja",
        region="hokkaido",
        size="micro",
        industry="other",
        budget=50000,
        components=("data",),
    ),
    need(
        "Our Japanese plant needs someone to watch the control network",
        "We run a plastics moulding plant in Aichi for a European group. Head office requires continuous monitoring "
        "of the OT network and a list of all connected assets by next year. We cannot install software on the PLCs "
        "or interrupt production.",
        "en",
        region="chubu",
        size="medium",
        industry="manufacturing",
        min_verification="effectiveness",
        components=("things", "system"),
    ),
    need(
        "Pマークを取りたいが、何から始めればいいか",
        "人材派遣の会社で、社員12名です。大手の取引先からプライバシーマークを取ってほしいと言われました。"
        "専任の担当者は置けないので、書類づくりから手伝ってくれるところを探しています。広島です。",
        "ja",
        region="chugoku",
        size="micro",
        industry="other",
        budget=1000000,
        components=("organization", "procedure"),
    ),
    need(
        "取引先に自分の名前で変なメールが送られている",
        "何社かの取引先から「御社から怪しい添付ファイル付きのメールが来た」と連絡がありました。送信者名は私の名前で、"
        "過去のメールのやりとりが引用されています。うちのパソコンが感染しているのでしょうか。調べてもらいたいのと、"
        "今後どうやって防げばいいかも知りたいです。",
        "ja",
        region="kinki",
        size="small",
        industry="manufacturing",
        components=("system", "people"),
    ),
    need(
        "ITに詳しい人がいないので、まるごと任せたい",
        "社員8名の不動産会社です。パソコンやWi-Fi、ウイルス対策など、全部自己流でやってきました。何かあったときに"
        "電話で相談できて、必要なら来てくれるところと月額で契約したいです。愛媛県内です。",
        "ja",
        region="shikoku",
        size="micro",
        industry="other",
        budget=30000,
        components=("organization", "things"),
    ),
    need(
        "保守業者のリモート接続をやめさせたい",
        "工場の設備にメーカーが保守用のルーターを勝手に付けていて、いつでもインターネットから入れるようになっています。"
        "全部止めると保守ができないので、必要なときだけ使えるようにしたい。",
        "ja",
        region="kanto",
        size="medium",
        industry="manufacturing",
        components=("things", "system"),
    ),
    need(
        "Microsoft 365のアカウントが乗っ取られないようにしたい",
        "同業者がメールアカウントを乗っ取られて、取引先に偽の請求書を送られたと聞きました。うちもMicrosoft 365を"
        "使っていますが、設定は導入した時のままです。何をすればいいか、設定まで代わりにやってほしい。",
        "ja",
        size="small",
        industry="finance",
        budget=300000,
        components=("system", "people"),
    ),
    need(
        "We received a questionnaire from a Japanese automaker",
        "We are a 40-person software supplier with an office in Nagoya. A Japanese automaker sent us a security "
        "self-assessment based on the industry guideline and wants evidence for every answer. We need help "
        "understanding what is expected and closing gaps quickly.",
        "en",
        region="chubu",
        size="small",
        industry="it-services",
        components=("organization", "procedure"),
    ),
    need(
        "夜中でもパソコンの異常に気づける仕組みがほしい",
        "ウイルス対策ソフトは入れていますが、最近のランサムウェアはそれでは防げないと聞きました。社員60名、"
        "IT担当は1人で夜間や休日は誰も見ていません。怪しい動きを見つけて止めてくれるサービスを探しています。",
        "ja",
        region="chubu",
        size="small",
        industry="manufacturing",
        min_verification="registered",
        components=("things", "system"),
    ),
    need(
        "サイバー攻撃の被害に備えて保険に入りたい、あと何か対策も",
        "取引先に保険に入っているか聞かれました。年間の保険料があまり高くないものを探しています。ついでに、"
        "保険に入るときに今のうちの対策が十分かどうか見てもらえるとありがたいです。",
        "ja",
        size="micro",
        industry="retail",
        budget=100000,
        components=("organization",),
    ),
    need(
        "病院の電子カルテが止まったときの備え",
        "地方の中規模病院です。他の病院がランサムウェアで電子カルテが使えなくなったニュースを見て、うちも対策を"
        "しなければと考えています。国のガイドラインに沿った点検と、止まったときの手順づくり、職員の訓練をお願い"
        "したい。",
        "ja",
        region="tohoku",
        size="medium",
        industry="healthcare",
        components=("organization", "procedure"),
    ),
    need(
        "Need a pen test before launching our customer portal",
        "We are launching a B2B ordering portal next quarter. Customers log in and see only their own orders and "
        "prices. Our customer requires an independent penetration test report before go-live, including access "
        "control between customer accounts.",
        "en",
        size="medium",
        industry="logistics",
        min_verification="registered",
        budget=3000000,
        components=("system", "data"),
    ),
    need(
        "うちの会社がネットからどう見えているか知りたい",
        "VPN機器の脆弱性を突かれて被害にあった会社の話を聞きました。うちもテレワーク用にVPNを入れていますが、"
        "何年も更新していません。外から攻撃されそうなところがないか調べてほしい。",
        "ja",
        region="kinki",
        size="small",
        industry="construction",
        components=("system",),
    ),
    need(
        "防犯カメラやレコーダーがネットにつながっていて心配",
        "店舗に防犯カメラとレコーダー、事務所に複合機があります。どれも業者が設置したままでパスワードもわかりません。"
        "外から覗かれたりしていないか確認したい。",
        "ja",
        region="kanto",
        size="micro",
        industry="retail",
        budget=150000,
        components=("things",),
    ),
    need(
        "自社製品（ネット接続する機器）のセキュリティを確認したい",
        "家庭用の見守りセンサーを開発している小さなメーカーです。来年から発売しますが、海外の取引先から"
        "セキュリティ評価の結果を求められています。ファームウェアやアプリまで含めて調べてもらえるところを"
        "探しています。",
        "ja",
        size="small",
        industry="manufacturing",
        min_verification="effectiveness",
        components=("things",),
    ),
    need(
        "Someone is logging into our cloud storage from abroad",
        "Our Google Workspace admin console shows sign-ins to two staff accounts from countries where we have no "
        "one. We changed the passwords. We want to know whether any files were taken, and to stop this happening "
        "again.",
        "en",
        region="kanto",
        size="small",
        industry="it-services",
        urgent=True,
        components=("data", "people"),
    ),
    need(
        "振込先変更のメールにだまされそうになった",
        "取引先から「振込先が変わりました」というメールが来て、危うく振り込むところでした。相手のメールアドレスは"
        "一文字だけ違っていました。経理が気づけるような仕組みや社内のルールを作りたいです。",
        "ja",
        region="kinki",
        size="small",
        industry="manufacturing",
        components=("people", "procedure"),
    ),
    need(
        "辞めた人のアカウントが残っている気がする",
        "社員の入れ替わりが多い会社で、退職した人のメールや社内システムのアカウントが消されずに残っていると思います。"
        "全部洗い出して、今後は辞めたときにきちんと止められるようにしたい。",
        "ja",
        region="chubu",
        size="medium",
        industry="retail",
        components=("people", "procedure"),
    ),
    need(
        "ファイルをパスワード付きZIPで送るのをやめたい",
        "取引先から、パスワード付きZIPをメールで送るのはやめてほしいと言われました。図面など大きなファイルを"
        "安全に送る方法に切り替えたいです。",
        "ja",
        size="small",
        industry="construction",
        budget=30000,
        components=("data",),
    ),
    need(
        "工場の古いWindowsパソコンをどうにかしたい",
        "生産設備の操作用にWindows 7のパソコンが何台も残っています。設備メーカーのソフトが新しいOSで動かないので"
        "更新できません。ネットワークから切り離すべきなのか、何か守る方法があるのか相談したいです。",
        "ja",
        region="chugoku",
        size="small",
        industry="manufacturing",
        components=("things", "system"),
    ),
    need(
        "ランサムウェアで暗号化されたデータを取り戻したい",
        "先週被害にあい、警察には届けました。業務は紙で何とか回していますが、顧客データと過去の見積もりが全部"
        "暗号化されています。身代金は払いたくありません。大阪の会社です。",
        "ja",
        region="kinki",
        size="small",
        industry="other",
        urgent=True,
        components=("data",),
    ),
    need(
        "Staff keep reusing the same password everywhere",
        "After a breach at a supplier we found that many of our staff use one password for everything, including "
        "work email. We want to move to single sign-on with something stronger than passwords, without making life "
        "hard for people who are not technical.",
        "en",
        size="small",
        industry="finance",
        components=("people", "system"),
    ),
    need(
        "社長にサイバー攻撃のときの判断を練習してもらいたい",
        "経営会議で「うちがランサムウェアにやられたら誰が何を決めるのか」という話になりました。経営陣と部門長で"
        "実際に近い状況を想定した演習をやってみたい。",
        "ja",
        size="medium",
        industry="logistics",
        components=("organization", "people"),
    ),
    need(
        "お客様の個人情報が漏れたかもしれない、何をどこに報告すれば",
        "ネットショップの注文データが外部から見られる状態になっていたことがわかりました。何件漏れたかはまだ"
        "わかりません。個人情報保護委員会への報告やお客様へのお知らせをどうすればいいのか、調査も含めて助けて"
        "ほしいです。",
        "ja",
        region="kanto",
        size="micro",
        industry="retail",
        urgent=True,
        components=("data", "organization"),
    ),
    need(
        "太陽光発電所の遠隔監視装置が乗っ取られるニュースを見た",
        "県内に小規模な太陽光発電所を6か所持っています。遠隔監視の装置がインターネット経由で乗っ取られたという"
        "報道を見ました。うちの機器が大丈夫か点検して、必要なら対策をしてほしい。",
        "ja",
        region="kyushu-okinawa",
        size="small",
        industry="energy",
        components=("things",),
    ),
    need(
        "Looking for an affordable firewall for a 15-person office",
        "Small design studio in Osaka. Our internet router is the one the ISP gave us. We would like a proper "
        "firewall with web filtering and a VPN for people working from home, managed by someone else.",
        "en",
        region="kinki",
        size="micro",
        industry="other",
        budget=20000,
        components=("system",),
    ),
    need(
        "セキュリティの相談相手がほしい",
        "社員20名の食品卸です。ニュースを見るたびに不安になりますが、何が必要で何が不要なのか判断できません。"
        "定期的に相談に乗ってくれる専門家を探しています。静岡です。",
        "ja",
        region="chubu",
        size="small",
        industry="retail",
        budget=60000,
        components=("organization",),
    ),
    need(
        "クラウドの設定ミスで情報が公開されていないか確認したい",
        "開発会社に作ってもらったシステムをAWSで動かしています。ストレージの公開設定ミスで情報漏えいした事件を"
        "見て、うちの設定も確認したくなりました。社内にAWSがわかる人はいません。",
        "ja",
        size="small",
        industry="it-services",
        components=("system", "data"),
    ),
    need(
        "ネットショップのクレジットカード情報が盗まれないか心配",
        "自社でECサイトを運営しています。カード会社から、決済画面を改ざんされてカード情報が盗まれる事件が"
        "増えていると注意喚起がありました。サイトに弱いところがないか診断してほしいのと、改ざんにすぐ気づける"
        "仕組みもほしい。",
        "ja",
        size="small",
        industry="retail",
        budget=500000,
        components=("system", "data"),
    ),
    need(
        "社員のUSBメモリの使用を制限したい",
        "社員が私物のUSBメモリで図面を持ち帰っていることがわかりました。禁止するだけでは守られないので、"
        "パソコン側で制御したり、持ち出しの記録を残したりしたいです。",
        "ja",
        region="chubu",
        size="medium",
        industry="manufacturing",
        components=("data", "things"),
    ),
    need(
        "We need 24/7 monitoring but cannot hire a SOC team",
        "Mid-size logistics company, about 400 PCs and a few servers, Microsoft 365. Our insurer asks for 24/7 "
        "detection and response. We want a provider that watches alerts at night and can isolate a machine "
        "without waiting for us.",
        "en",
        size="medium",
        industry="logistics",
        min_verification="registered",
        components=("system",),
    ),
    need(
        "ビルの空調や入退室の設備がネットにつながっているらしい",
        "テナントビルを3棟管理しています。設備業者から、ビル管理システムがインターネット経由で保守されていると"
        "聞きました。乗っ取られたら入居者に迷惑がかかるので、安全かどうか診てもらいたい。",
        "ja",
        size="small",
        industry="construction",
        components=("things", "system"),
    ),
    need(
        "製品の偽物が出回っている",
        "当社の産業用センサーの偽物が海外の通販サイトで売られています。見た目では区別がつきません。"
        "本物かどうかを機器自体で証明できるような仕組みを次の製品から入れたいです。",
        "ja",
        size="medium",
        industry="manufacturing",
        components=("things",),
    ),
    need(
        "新しく事務所を開くので、最初から安全にしておきたい",
        "福岡に支店を出します。社員は10名ほど。パソコン、Wi-Fi、複合機を入れる予定で、セキュリティも最初から"
        "ちゃんとしておきたいです。機器の設置から相談できるところだとうれしい。",
        "ja",
        region="kyushu-okinawa",
        size="micro",
        industry="finance",
        components=("things", "system"),
    ),
    need(
        "Our developers have never had security training",
        "We are a 30-person web agency. Two of our client sites had SQL injection issues found by an external test. "
        "We would like a hands-on course for developers and, separately, an assessment of the sites we maintain.",
        "en",
        size="small",
        industry="it-services",
        components=("people", "system"),
    ),
    need(
        "ISMSの認証を取りたい。審査まで伴走してほしい",
        "システム開発会社（社員45名）です。官公庁の入札でISMS認証が条件になることが増えてきました。1年以内の"
        "取得を目指しています。",
        "ja",
        region="kinki",
        size="small",
        industry="it-services",
        budget=1500000,
        components=("organization", "procedure"),
    ),
    need(
        "工場の制御システムの担当者に勉強させたい",
        "制御盤や設備ネットワークを担当している保全課のメンバーに、制御システムへのサイバー攻撃と対策を実機で"
        "学ばせたいです。座学だけの研修は受けたことがあります。",
        "ja",
        region="kinki",
        size="large",
        industry="manufacturing",
        components=("people", "things"),
    ),
    need(
        "メールの添付ファイルでウイルスに感染するのを防ぎたい",
        "取引先を装ったメールのWordファイルを開いて感染した、という話を同業者から聞きました。"
        "メールの段階で危ないものを止められないでしょうか。使っているのはGoogle Workspaceです。",
        "ja",
        size="small",
        industry="construction",
        budget=100000,
        components=("system", "people"),
    ),
    need(
        "Ransomware hit our branch office — need help now",
        "Our Sapporo branch reports that file shares are encrypted and a ransom note is on every PC. The head office "
        "is in Tokyo. We need someone on site in Sapporo today and remote help to check whether other sites are "
        "affected.",
        "en",
        region="hokkaido",
        size="medium",
        industry="retail",
        urgent=True,
        components=("system", "data"),
    ),
    need(
        "消したはずのメールやファイルを後から戻せるようにしたい",
        "社員が誤って共有フォルダのファイルを消してしまい、Microsoft 365のごみ箱からも消えていました。"
        "クラウドのデータも別の場所にバックアップしておきたいです。",
        "ja",
        size="micro",
        industry="other",
        budget=20000,
        components=("data",),
    ),
    need(
        "取引先のガイドラインに合わせて工場も事務所も対策したい",
        "自動車部品の加工をしています（社員35名）。取引先のセキュリティガイドラインのレベル1を満たすよう言われました。"
        "工場の機械とつながっているパソコンもあります。名古屋近郊です。補助金が使えるならそれも相談したい。",
        "ja",
        region="chubu",
        size="small",
        industry="manufacturing",
        components=("organization", "things"),
    ),
    need(
        "VPNをやめて、もっと安全に社外から社内システムを使いたい",
        "テレワーク用のVPN機器の脆弱性がニュースになるたびに不安になります。社員150名。VPN機器そのものを"
        "なくす方法があると聞きました。",
        "ja",
        size="medium",
        industry="finance",
        min_verification="effectiveness",
        components=("system", "people"),
    ),
    need(
        "ダークウェブにうちの情報が出ていないか知りたい",
        "同業他社のデータが闇サイトに掲載されたという話を聞きました。うちの社員のIDやパスワード、顧客情報が"
        "流出していないか定期的に確認してもらえるサービスはありますか。",
        "ja",
        size="medium",
        industry="finance",
        components=("data",),
    ),
    need(
        "Want to check whether our web shop is vulnerable, small budget",
        "We sell handmade goods online from Kyoto. The site has a contact form and customer accounts. A friend said "
        "we should have it checked for vulnerabilities. We can spend maybe 200,000 yen.",
        "en",
        size="micro",
        industry="retail",
        budget=200000,
        components=("system",),
    ),
    need(
        "FAXの誤送信や書類の置き忘れが多い",
        "社会保険労務士事務所です。FAXの送り間違いや、顧客の書類を電車に置き忘れる事故が続きました。"
        "紙の扱いも含めて、情報が漏れないように見直したいです。東京です。",
        "ja",
        region="kanto",
        size="micro",
        industry="other",
        components=("data", "procedure"),
    ),
    need(
        "サーバーが止まったときに業務を続ける計画を作りたい",
        "受発注システムが止まったら出荷ができません。システムが使えないときに何で代わりをするか、どの順番で"
        "復旧するかを決めておきたい。高知の会社で、地震のBCPはあります。",
        "ja",
        region="shikoku",
        size="small",
        industry="logistics",
        components=("organization", "procedure"),
    ),
    need(
        "病院内の医療機器がネットワークにつながっている",
        "輸液ポンプや検査機器、画像診断装置が院内ネットワークにつながっています。どの機器に脆弱性があるのか"
        "誰も把握していません。全部見つけて、事務系のパソコンから切り離したい。",
        "ja",
        size="large",
        industry="healthcare",
        components=("things",),
    ),
    need(
        "We ship our controller firmware with open-source libraries",
        "Our customers now ask for an SBOM and how we handle vulnerabilities in third-party components. We have "
        "never produced one. Looking for tooling plus someone who can tell us what customers expect.",
        "en",
        size="medium",
        industry="manufacturing",
        components=("system", "things"),
    ),
    need(
        "社員10人の会社にちょうどいいウイルス対策",
        "パソコン10台、ウイルス対策はフリーソフトです。ちゃんとしたものに変えたいけれど、管理の手間はかけたくない。"
        "月々の費用は抑えたいです。",
        "ja",
        region="tohoku",
        size="micro",
        industry="construction",
        budget=10000,
        components=("things",),
    ),
    need(
        "Wi-Fiを業者に入れてもらったが、安全かわからない",
        "事務所のWi-Fiを来客にも使わせています。社内のパソコンや複合機と同じネットワークです。"
        "分けた方がいいと言われたのですが、どこに頼めばいいのか。",
        "ja",
        region="kanto",
        size="micro",
        industry="other",
        components=("system", "things"),
    ),
    need(
        "Need a Japanese-speaking partner for breach notification and legal advice",
        "Personal data of Japanese customers may have been exposed through a misconfigured API at our Tokyo "
        "subsidiary. We need advice on reporting duties in Japan and help drafting notices, alongside a forensic "
        "investigation.",
        "en",
        region="kanto",
        size="large",
        industry="it-services",
        urgent=True,
        components=("data", "organization"),
    ),
    need(
        "セキュリティ診断と、見つかった問題の修正までお願いしたい",
        "数年前に作った会員サイトがあり、作った会社はもうありません。診断してもらうだけでなく、問題があれば直して"
        "ほしい。WordPressです。",
        "ja",
        size="small",
        industry="education-research",
        components=("system",),
    ),
    need(
        "倉庫の端末やハンディが乗っ取られないか",
        "物流倉庫でハンディターミナルとWi-Fi、倉庫管理システムを使っています。取引先の物流会社がランサムウェアで"
        "出荷が止まったと聞き、うちの倉庫の現場の機器も含めて弱いところを点検してほしいです。",
        "ja",
        region="kanto",
        size="medium",
        industry="logistics",
        components=("things", "system"),
    ),
    need(
        "三つお願いしたい：UTM、バックアップ、社員教育",
        "社員30名の印刷会社です。①事務所の出入口にUTMのような機器を入れたい ②顧客データのバックアップを"
        "社外にも置きたい ③社員向けに年1回の研修をしたい。まとめて相談できるとありがたいです。新潟です。",
        "ja",
        region="tohoku",
        size="small",
        industry="manufacturing",
        components=("system", "data", "people"),
    ),
    need(
        "パスワードの使い回しをやめさせたい、あと多要素認証も",
        "社員にパスワードを複雑にしろと言っても付箋に書いて貼るだけです。パスワードを覚えなくてよい仕組みと、"
        "スマホで本人確認するような仕組みを入れたいです。",
        "ja",
        size="small",
        industry="healthcare",
        components=("people", "system"),
    ),
    need(
        "電力会社のガイドラインに沿った点検を受けたい",
        "地域の小売電気事業者で、小規模な蓄電池設備も運用しています。監督官庁から電力分野のセキュリティ"
        "ガイドラインへの対応状況を聞かれました。遠隔監視や保守回線も含めて点検してもらいたい。",
        "ja",
        size="medium",
        industry="energy",
        min_verification="trial",
        components=("things", "system"),
    ),
    need(
        "Cheap way to stop people spoofing our email domain",
        "Customers received fake invoices that looked like they came from our domain. Our IT provider mentioned "
        "SPF, DKIM and DMARC but nobody here knows how to set them up.",
        "en",
        size="micro",
        industry="retail",
        budget=50000,
        components=("system",),
    ),
    need(
        "毎月の見守りと、何かあったら駆けつけてくれるところ",
        "北海道の旭川で飲食店を5店舗経営しています。各店舗にPOSレジとWi-Fiがあります。異常があったら知らせて"
        "くれて、必要なら来てくれるサービスを月額で探しています。",
        "ja",
        region="hokkaido",
        size="small",
        industry="retail",
        budget=40000,
        components=("system", "organization"),
    ),
    need(
        "会社のスマホを落としたときの対策",
        "営業社員に会社のスマホを配っていて、顧客の連絡先やメールが入っています。先日1台紛失しました。"
        "遠隔でロックやデータ消去ができるようにしたい。",
        "ja",
        size="small",
        industry="other",
        components=("things", "data"),
    ),
    need(
        "Third-party assessment of our OT security for the board",
        "Group audit asked every plant to get an independent assessment of control-system security against IEC "
        "62443 and to produce a remediation roadmap. Two plants in Japan (Hyogo and Okayama). The assessor must "
        "have attack-tested credentials or equivalent.",
        "en",
        size="large",
        industry="manufacturing",
        min_verification="attack",
        components=("things", "system", "organization"),
    ),
    need(
        "サイトが急に重くなって、つながらなくなる",
        "予約サイトが夜になると極端に重くなり、何度か完全に止まりました。サーバー会社からは大量のアクセスが"
        "来ていると言われました。攻撃なのでしょうか。止まらないようにしたい。",
        "ja",
        size="small",
        industry="other",
        urgent=True,
        components=("system",),
    ),
    need(
        "製造した機器にセキュリティの部品を組み込みたい",
        "産業用の通信機器を作っています。機器ごとに固有の鍵を持たせて、クラウドへの接続時に本物の機器だと"
        "証明したい。鍵を工場で安全に書き込む方法も含めて相談したいです。",
        "ja",
        size="medium",
        industry="manufacturing",
        components=("things", "data"),
    ),
    need(
        "暗号化の鍵の管理がバラバラ",
        "データベースやバックアップを暗号化していますが、鍵がサーバーのファイルに置いてあったり、担当者しか"
        "知らなかったりします。監査で指摘されたので一元管理したいです。",
        "ja",
        size="large",
        industry="finance",
        components=("data",),
    ),
    need(
        "A customer asked if we are ISO 27001 certified — we are not",
        "We are a 20-person translation agency. One large client wants ISO 27001 or at least evidence of a "
        "managed security programme. We want someone senior to lead this part-time, in English if possible.",
        "en",
        size="micro",
        industry="other",
        components=("organization",),
    ),
    need(
        "共有フォルダの中身を誰でも見られる",
        "社内のファイルサーバーに給与や人事評価のファイルがあり、誰でも開けてしまう状態でした。アクセス権の"
        "整理と、重要なファイルが外に持ち出されない仕組みを考えたい。",
        "ja",
        region="kyushu-okinawa",
        size="small",
        industry="construction",
        components=("data", "people"),
    ),
    need(
        "学校の生徒用タブレットと職員のパソコンを守りたい",
        "私立の中高一貫校です。生徒1人1台のタブレットと職員室のパソコンがあります。成績データを狙った不正"
        "アクセスのニュースを見て心配です。どんな対策が必要か一緒に考えてくれるところを探しています。",
        "ja",
        region="kinki",
        size="medium",
        industry="education-research",
        components=("organization", "things"),
    ),
    need(
        "セキュリティ診断をしてほしい（Webとネットワーク）",
        "年に一度の診断を外部に依頼しています。今年はWebアプリとネットワーク機器の両方をお願いしたい。"
        "情報セキュリティサービス基準に登録されている会社が条件です。",
        "ja",
        size="medium",
        industry="finance",
        min_verification="registered",
        categories=("vulnerability-assessment",),
        components=("system",),
    ),
    need(
        "EDRを入れたい",
        "社員200名、Windows端末250台。既存のウイルス対策ソフトからEDRへの切り替えを検討中です。運用も"
        "ある程度任せたい。",
        "ja",
        size="medium",
        industry="manufacturing",
        categories=("endpoint-protection",),
        components=("things",),
    ),
    need(
        "Penetration test of our internal network",
        "We want a penetration test of the office network and Active Directory, assuming an attacker already has "
        "a foothold on one PC. Report in English please.",
        "en",
        size="medium",
        industry="finance",
        categories=("penetration-testing",),
        components=("system",),
    ),
    need(
        "サイバー保険を比較したい",
        "中小企業向けのサイバー保険を探しています。事故のときに調査会社も手配してくれるものがいいです。",
        "ja",
        size="small",
        industry="logistics",
        categories=("cyber-insurance",),
        components=("organization",),
    ),
    need(
        "中小企業向けのお助けパッケージを探しています",
        "鹿児島の建設会社です。UTMと駆けつけがセットになった中小企業向けサービスを探しています。",
        "ja",
        region="kyushu-okinawa",
        size="small",
        industry="construction",
        budget=30000,
        categories=("sme-help-package",),
        components=("system",),
    ),
    need(
        "SIEMを導入してログを監視したい",
        "ファイアウォール、サーバー、Active Directoryのログを集めて相関分析したい。運用はアウトソースも検討。",
        "ja",
        size="large",
        industry="public-sector",
        categories=("siem-soc",),
        components=("system",),
    ),
    need(
        "Cloud security posture review for AWS",
        "We run about 20 AWS accounts. Looking for a continuous posture management tool or service with CIS "
        "mappings.",
        "en",
        size="medium",
        industry="it-services",
        categories=("cloud-security",),
        components=("system",),
    ),
    need(
        "IoT機器の脆弱性診断",
        "自社開発のスマートロックの脆弱性診断を依頼したい。ハードウェア解析も含めてお願いしたい。",
        "ja",
        size="small",
        industry="manufacturing",
        categories=("iot-ot-security", "vulnerability-assessment"),
        components=("things",),
    ),
    need(
        "標的型メール訓練を実施したい",
        "全社員800名を対象に、年2回の標的型メール訓練と結果の分析をお願いしたい。",
        "ja",
        size="large",
        industry="public-sector",
        categories=("training-awareness",),
        components=("people",),
    ),
    need(
        "情報漏えい対策（DLP）の導入",
        "顧客情報の持ち出し対策としてDLP製品を比較検討しています。USB、Webメール、クラウドストレージへの"
        "アップロードを制御したい。",
        "ja",
        size="medium",
        industry="finance",
        categories=("data-protection",),
        components=("data",),
    ),
    need(
        "ネットワークの出入口対策と社内ルールの整備",
        "事務所の出入口の防御（ファイアウォールかUTM）を見直したいのと、社内の情報セキュリティ規程を作りたい。"
        "社員40名、大阪。",
        "ja",
        region="kinki",
        size="small",
        industry="other",
        categories=("network-security", "consulting-governance"),
        components=("system", "organization"),
    ),
    need(
        "Incident response retainer",
        "Looking for an incident response retainer with guaranteed response times and on-site support in Kansai.",
        "en",
        region="kinki",
        size="large",
        industry="manufacturing",
        categories=("incident-response",),
        components=("system",),
    ),
    need(
        "センサーのデータが改ざんされていないか証明したい",
        "水処理施設の遠隔監視で集めている水質センサーの値を、後から改ざんされていないと証明できるようにしたい。"
        "通信途中の改ざんやなりすましも防ぎたいです。",
        "ja",
        size="medium",
        industry="public-sector",
        components=("things", "data"),
    ),
    need(
        "在宅勤務の社員のパソコンが心配",
        "在宅勤務の社員が自宅のWi-Fiから会社のパソコンを使っています。ウイルスに感染しても気づけないのでは"
        "ないかと心配です。あと、社外から社内のファイルサーバーに安全につなぐ方法も知りたい。",
        "ja",
        region="kanto",
        size="small",
        industry="it-services",
        components=("things", "system"),
    ),
    need(
        "IT化を進めたいが、セキュリティも同時に考えたい",
        "紙とFAX中心の会社です。会計ソフトや在庫管理をクラウドに移そうと思っていますが、情報が漏れないか心配"
        "です。クラウドを使うときに気をつける設定や、データのバックアップも相談したい。",
        "ja",
        region="chugoku",
        size="micro",
        industry="logistics",
        components=("data", "system"),
    ),
    need(
        "Our factory network and office network are the same",
        "A consultant told us our production machines and office PCs share one flat network, so ransomware on an "
        "office laptop could stop the line. We want an assessment and a design for separating them, and someone "
        "to watch the boundary afterwards.",
        "en",
        region="kanto",
        size="medium",
        industry="manufacturing",
        components=("things", "system"),
    ),
]

#: Needs that ask for two or three distinct things (counted in the set's statistics).
DEV_MULTI_PART = frozenset(
    {
        "取引先に自分の名前で変なメールが送られている",
        "サイバー攻撃の被害に備えて保険に入りたい、あと何か対策も",
        "病院の電子カルテが止まったときの備え",
        "ネットショップのクレジットカード情報が盗まれないか心配",
        "ホームページが改ざんされたみたい",
        "辞めた人のアカウントが残っている気がする",
        "Our developers have never had security training",
        "三つお願いしたい：UTM、バックアップ、社員教育",
        "パスワードの使い回しをやめさせたい、あと多要素認証も",
        "在宅勤務の社員のパソコンが心配",
        "IT化を進めたいが、セキュリティも同時に考えたい",
        "Our factory network and office network are the same",
        "共有フォルダの中身を誰でも見られる",
        "ネットワークの出入口対策と社内ルールの整備",
        "Someone is logging into our cloud storage from abroad",
        "Need a Japanese-speaking partner for breach notification and legal advice",
        "お客様の個人情報が漏れたかもしれない、何をどこに報告すれば",
        "セキュリティ診断と、見つかった問題の修正までお願いしたい",
        "取引先のガイドラインに合わせて工場も事務所も対策したい",
        "毎月の見守りと、何かあったら駆けつけてくれるところ",
        "セキュリティ診断をしてほしい（Webとネットワーク）",
    }
)
