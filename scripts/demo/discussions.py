"""Demo discussions (``python -m scripts.demo``, ORDER 70): a channel of every kind with a realistic, bilingual conversation —
policy Q&A, vendors teaming up, SMEs sharing worries, a matched vendor–user pair, an event, a private working group
and a direct conversation. It uses the demo organisations and people of ``scripts.demo.organisations``.

Idempotent: channels are keyed (``demo:…``) and every message carries a fixed ``client_ref``, so a second run finds
what the first one made and posts nothing twice.
"""

from cpsplatform.accounts.models import User
from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind, MemberRole
from cpsplatform.organisations.models import Organisation

ORDER = 70

CHANNELS = [
    {
        "key": "demo:policy-qa",
        "kind": ChannelKind.POLICY,
        "name": "政策Q&A / Policy Q&A",
        "slug": "policy-qa",
        "description": "サイバー・フィジカル・セキュリティ政策について、政策担当者がお答えします。 / Policy staff answer "
        "questions about cyber-physical security policy.",
        "creator": "inoue@icsp-agency.example",
        "messages": [
            (
                "inoue@icsp-agency.example",
                "CPSF",
                "第6回セッションで多かったご質問にお答えします。まず「CPSFの三層構造は中小企業にも必要か」について。",
            ),
            (
                "inoue@icsp-agency.example",
                "CPSF",
                "結論から言うと、必要です。ただし全てを一度に行う必要はありません。第1層（企業間のつながり）の取引先管理から始めることをお勧めします。",
            ),
            (
                "inoue@icsp-agency.example",
                "CPSF",
                "English summary: start with Layer 1 (trust between companies) — supplier management — and grow from there. The guideline draft is here: https://www.meti.go.jp/policy/netsecurity/wg1/CPSF_ver1.0.pdf",
            ),
            (
                "inoue@icsp-agency.example",
                "お助け隊",
                "サイバーセキュリティお助け隊は全国8地域で実証中です。相談窓口の連絡先は各地域のページをご覧ください。",
            ),
        ],
        "reactions": [("ito@tokai-precision.example", 1, "👍"), ("nakamura@setouchi-logi.example", 2, "🙏")],
    },
    {
        "key": "demo:cpsf-practice",
        "kind": ChannelKind.PUBLIC,
        "name": "CPSFを現場で使う / Putting the CPSF into practice",
        "slug": "cpsf-practice",
        "description": "フレームワークを実務にどう落とし込むか、会員同士で話し合う場です。 / Members discuss how to apply "
        "the framework in practice.",
        "creator": "prof.yamada@cps.toto-tech.example",
        "messages": [
            (
                "prof.yamada@cps.toto-tech.example",
                "第2層: 転写",
                "第2層の「転写」の信頼性について、センサーの真正性をどう確認しているか皆さんの事例を教えてください。",
            ),
            (
                "yamamoto@naniwa-cs.example",
                "第2層: 転写",
                "弊社ではPLCとセンサーに証明書を持たせ、ゲートウェイで検証しています。古い機器には後付けのモジュールを使います。",
            ),
            (
                "ito@tokai-precision.example",
                "第2層: 転写",
                "後付けモジュールの費用感はどのくらいでしょうか。ライン1本あたりの目安があれば助かります。",
            ),
            (
                "partner@freelance-consult.example",
                "Layer 2",
                "For brownfield plants we usually see inline monitoring first, then device identity when equipment is renewed. Happy to share a checklist.",
            ),
        ],
        "reply": (
            "yamamoto@naniwa-cs.example",
            3,
            "第2層: 転写",
            "構成によりますが、1ラインあたり数十万円からです。詳しくは個別にご相談ください。",
        ),
        "reactions": [("prof.yamada@cps.toto-tech.example", 2, "👀")],
    },
    {
        "key": "demo:vendor-teaming",
        "kind": ChannelKind.VENDORS,
        "name": "ベンダー連携 / Vendor teaming",
        "slug": "vendor-teaming",
        "description": "ベンダー同士で組んで、より大きなソリューションを提案するための場です。 / Vendors team up to offer "
        "bigger solutions.",
        "creator": "tanaka@sakura-secure.example",
        "messages": [
            (
                "tanaka@sakura-secure.example",
                "工場向け共同提案",
                "工場向けに「異常検知＋機器認証＋個体識別」をまとめた提案を作りませんか。単独では大手SIerに勝てません。",
            ),
            (
                "sato@hokuto-iot.example",
                "工場向け共同提案",
                "ぜひ。PUFによる個体識別は部品の偽造対策にも使えるので、サプライチェーンの話とも相性が良いです。",
            ),
            (
                "yamamoto@naniwa-cs.example",
                "工場向け共同提案",
                "賛成です。検証センターでの有効性検証を共同で受ければ「Checked by Japan」の取得も早まりそうです。",
            ),
            (
                "tanaka@sakura-secure.example",
                "工場向け共同提案",
                "@**山本 健** さん、検証センターの日程を確認していただけますか。 / Could you check dates with the verification center?",
            ),
        ],
        "reactions": [("sato@hokuto-iot.example", 1, "🎉"), ("yamamoto@naniwa-cs.example", 1, "👍")],
    },
    {
        "key": "demo:sme-worries",
        "kind": ChannelKind.USERS,
        "name": "中小企業の悩み共有 / SMEs sharing worries",
        "slug": "sme-worries",
        "description": "「相談できる相手がいない」をなくすための、ユーザー企業・大学の場です。ベンダーは参加できません。 / "
        "A place for user companies and universities only — no vendors.",
        "creator": "ito@tokai-precision.example",
        "messages": [
            (
                "ito@tokai-precision.example",
                "取引先からの要求",
                "大手の取引先からセキュリティ対策のチェックシートが届きました。全部に「はい」と答えられる中小企業はあるのでしょうか…",
            ),
            (
                "nakamura@setouchi-logi.example",
                "取引先からの要求",
                "うちも同じです。倉庫管理システムの委託先の対策状況まで聞かれて困っています。",
            ),
            (
                "kato@kyushu-medical.example",
                "取引先からの要求",
                "We answered honestly with an improvement plan and dates. The customer accepted that — a plan counts more than a perfect score.",
            ),
            (
                "watanabe@tokai-precision.example",
                "予算",
                "セキュリティ予算を経営層に説明するとき、皆さんは何を根拠にしていますか。",
            ),
            (
                "prof.yamada@cps.toto-tech.example",
                "予算",
                "被害想定額と、取引停止のリスクを並べると伝わりやすいです。大学で使っている試算シートを共有します。",
            ),
        ],
        "reply": (
            "ito@tokai-precision.example",
            3,
            "取引先からの要求",
            "改善計画で受け入れてもらえるのは心強いです。ありがとうございます。",
        ),
        "reactions": [("nakamura@setouchi-logi.example", 3, "🙏"), ("ito@tokai-precision.example", 5, "❤️")],
    },
    {
        "key": "demo:joint-proposal-wg",
        "kind": ChannelKind.PRIVATE,
        "name": "共同提案WG（非公開） / Joint proposal WG (private)",
        "slug": "joint-proposal-wg",
        "description": "招待したメンバーだけの作業部会です。 / Invited members only.",
        "creator": "tanaka@sakura-secure.example",
        "members": ["yamamoto@naniwa-cs.example", "sato@hokuto-iot.example"],
        "messages": [
            (
                "tanaka@sakura-secure.example",
                "価格",
                "共同提案の価格案です。初期費用は3社で按分、保守は各社の製品ごとにしましょう。",
            ),
            ("sato@hokuto-iot.example", "価格", "了解です。PUFモジュールの量産価格は来月確定します。"),
        ],
    },
    {
        "key": "demo:private:tokai-sakura-followup",
        # A private channel, not an introduction channel: introduction channels belong to an accepted
        # introduction in the marketplace (which opens them), and this pair met at a session instead.
        "kind": ChannelKind.PRIVATE,
        "name": "個別相談: 東海精密工業 × サクラセキュア / Follow-up: Tokai Precision × Sakura Secure",
        "slug": "tokai-sakura-followup",
        "description": "セッション後の個別相談です。招待したメンバーだけが参加できます。 / A follow-up after a "
        "session: invited members only.",
        "creator": "tanaka@sakura-secure.example",
        "members": ["ito@tokai-precision.example", "suzuki@sakura-secure.example"],
        "messages": [
            (
                "ito@tokai-precision.example",
                "初回打ち合わせ",
                "ご紹介ありがとうございます。工場のネットワーク分離について相談させてください。",
            ),
            (
                "tanaka@sakura-secure.example",
                "初回打ち合わせ",
                "こちらこそありがとうございます。来週火曜か木曜の午後はいかがでしょうか。現地を拝見できれば幸いです。",
            ),
            (
                "ito@tokai-precision.example",
                "初回打ち合わせ",
                "木曜14時でお願いします。導入事例は公開できませんが、トライアルなら前向きに検討します。",
            ),
            (
                "suzuki@sakura-secure.example",
                "初回打ち合わせ",
                "Thank you! I will bring the trial agreement template (English and Japanese).",
            ),
        ],
        "reactions": [("tanaka@sakura-secure.example", 3, "✅")],
    },
    {
        "key": "demo:event:sme-session",
        "kind": ChannelKind.EVENT,
        "name": "第4回セッション「中小企業のセキュリティ」 / Session 4: SME security",
        "slug": "session-4-sme-security",
        "description": "参加登録者のためのチャンネルです。 / For registered participants.",
        "creator": "kimura@cps-meetup.example",
        "members": [
            "ito@tokai-precision.example",
            "nakamura@setouchi-logi.example",
            "tanaka@sakura-secure.example",
            "inoue@icsp-agency.example",
        ],
        "messages": [
            (
                "kimura@cps-meetup.example",
                "会場案内",
                "ご登録ありがとうございます。会場は3階の大会議室です。交流会は18時からです。",
            ),
            (
                "nakamura@setouchi-logi.example",
                "質問",
                "グループディスカッションのテーマは事前に決まっていますか？",
            ),
            (
                "kimura@cps-meetup.example",
                "質問",
                "当日、取引先対応・予算・人材の3テーマから選んでいただきます。 / You will choose from three themes on the day.",
            ),
        ],
    },
]

DIRECT = {
    "people": ["ito@tokai-precision.example", "tanaka@sakura-secure.example"],
    "messages": [
        ("tanaka@sakura-secure.example", "木曜はよろしくお願いします。駐車場はありますか？"),
        ("ito@tokai-precision.example", "はい、正門の来客用駐車場をお使いください。"),
    ],
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _post(channel, author: User, topic: str, body: str, ref: str, reply_to_seq: int | None = None):
    return services.do_send_message(
        channel, author, body=body, topic=topic, client_ref=ref, reply_to_seq=reply_to_seq
    )


def seed(stdout) -> None:
    if not Organisation.objects.filter(slug="sakura-secure").exists():
        stdout.write("  skipped: the demo organisations (scripts.demo.organisations) are missing")
        return
    policy_staff = _user("inoue@icsp-agency.example")
    if policy_staff and not policy_staff.is_policy_staff:
        policy_staff.is_policy_staff = True
        policy_staff.save(update_fields=["is_policy_staff"])
    posted = 0
    for spec in CHANNELS:
        channel = services.do_create_channel(
            kind=spec["kind"],
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            created_by=_user(spec["creator"]) if spec.get("creator") else None,
            organisations=Organisation.objects.filter(slug__in=spec.get("organisations", [])),
            key=spec["key"],
        )
        for email in spec.get("members", []):
            person = _user(email)
            if person:
                services.do_add_member(channel, person, role=MemberRole.MEMBER)
        for n, (email, topic, body) in enumerate(spec["messages"], start=1):
            author = _user(email)
            if author:
                _post(channel, author, topic, body, ref=f"demo-{n}")
                posted += 1
        if "reply" in spec:
            email, seq, topic, body = spec["reply"]
            author = _user(email)
            if author:
                _post(channel, author, topic, body, ref="demo-reply", reply_to_seq=seq)
                posted += 1
        for email, seq, emoji in spec.get("reactions", []):
            person = _user(email)
            message = channel.messages.filter(seq=seq).first()
            if person and message:
                services.do_react(message, person, emoji=emoji)
    people = [person for person in map(_user, DIRECT["people"]) if person]
    if len(people) == 2:
        channel = services.do_open_direct(people[0], people[1:])
        for n, (email, body) in enumerate(DIRECT["messages"], start=1):
            _post(channel, _user(email), "", body, ref=f"demo-dm-{n}")
            posted += 1
    stdout.write(f"  {len(CHANNELS) + 1} discussion channels of every kind, {posted} messages")
