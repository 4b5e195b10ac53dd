"""Demo organisations of every kind, their people and the platform staff account (``python -m scripts.demo``, ORDER 10).

Every demo user logs in with ``DEMO_PASSWORD``; their e-mail addresses are verified. ``admin@example.com`` is a
staff superuser for the Wagtail admin (/cms/), the one staff admin. Rows are keyed by slug and e-mail, so running
the seeder again changes nothing; passwords are only set when a user is first created. Other apps' seeders find
these organisations by the slugs in ``ORGANISATIONS`` (e.g. ``Organisation.objects.get(slug="sakura-secure")``).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings

from cpsplatform.accounts.models import User
from cpsplatform.organisations.models import Membership, Organisation
from cpsplatform.organisations.validators import corporate_number_from_base

ORDER = 10
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented in the README for the demo site
STAFF_EMAIL = "admin@example.com"
#: Fixed TOTP secrets (base32) of the demo accounts whose work needs a second factor, so the README tour can sign
#: them in: add the secret to an authenticator app or run ``python -m scripts.totp SECRET``. Published here, so
#: they are set up outside production only (``ensure_demo_totp``).
DEMO_TOTP_SECRETS = {
    STAFF_EMAIL: "MNYHGLLEMVWW6LLTORQWMZRNGJTGCIJB",
    "verifier@demo.cps-platform.example": "MNYHGLLEMVWW6LLWMVZGSZTJMVZC2MTG",
}

ORGANISATIONS = [
    {
        "slug": "sakura-secure",
        "name_ja": "株式会社サクラセキュア",
        "name_en": "Sakura Secure Inc.",
        "kind": "vendor",
        "industry": "it-services",
        "size": "medium",
        "is_sme": True,
        "region": "kanto",
        "website": "https://www.sakura-secure.example",
        "base": "010401123456",
        "description": "制御システム向けの異常検知とネットワーク分離製品を提供しています。 / Anomaly detection and "
        "network segmentation for industrial control systems.",
        "confirmed_by_staff": True,
    },
    {
        "slug": "naniwa-control-security",
        "name_ja": "浪速制御セキュリティ株式会社",
        "name_en": "Naniwa Control Security Co., Ltd.",
        "kind": "vendor",
        "industry": "it-services",
        "size": "small",
        "is_sme": True,
        "region": "kinki",
        "website": "https://naniwa-cs.example",
        "base": "120001234567",
        "description": "工場の PLC とセンサーの真正性を確認する機器を開発しています。 / Devices that verify the "
        "authenticity of PLCs and sensors on the factory floor.",
        "confirmed_by_staff": False,
    },
    {
        "slug": "hokuto-iot-lab",
        "name_ja": "北斗IoTラボ合同会社",
        "name_en": "Hokuto IoT Lab LLC",
        "kind": "vendor",
        "industry": "it-services",
        "size": "micro",
        "is_sme": True,
        "region": "hokkaido",
        "website": "https://hokuto-iot.example",
        "base": "430003456789",
        "description": "PUF を使った IoT 機器の個体識別と偽造防止。 / Device identity and anti-counterfeiting with "
        "physically unclonable functions.",
        "confirmed_by_staff": False,
    },
    {
        "slug": "tokai-precision",
        "name_ja": "東海精密工業株式会社",
        "name_en": "Tokai Precision Industries Co., Ltd.",
        "kind": "user_company",
        "industry": "manufacturing",
        "size": "medium",
        "is_sme": True,
        "region": "chubu",
        "website": "https://tokai-precision.example",
        "base": "180001122334",
        "description": "自動車部品の精密加工。工場の IoT 化に伴うセキュリティ対策を探しています。 / Precision parts "
        "for cars; looking for security measures as the factory goes IoT.",
        "confirmed_by_staff": True,
    },
    {
        "slug": "setouchi-logistics",
        "name_ja": "瀬戸内ロジスティクス株式会社",
        "name_en": "Setouchi Logistics Co., Ltd.",
        "kind": "user_company",
        "industry": "logistics",
        "size": "small",
        "is_sme": True,
        "region": "chugoku",
        "website": "https://setouchi-logi.example",
        "base": "240002233445",
        "description": "倉庫管理システムとサプライチェーンのセキュリティが課題です。 / Warehouse systems and "
        "supply-chain security are our concern.",
        "confirmed_by_staff": False,
    },
    {
        "slug": "kyushu-medical-net",
        "name_ja": "九州メディカルネット株式会社",
        "name_en": "Kyushu Medical Net Co., Ltd.",
        "kind": "user_company",
        "industry": "healthcare",
        "size": "large",
        "is_sme": False,
        "region": "kyushu-okinawa",
        "website": "https://kyushu-medical.example",
        "base": "290003344556",
        "description": "医療機器ネットワークの運用会社。 / Operates networks of medical devices.",
        "confirmed_by_staff": False,
    },
    {
        "slug": "toto-tech-cps-center",
        "name_ja": "東都工業大学 サイバーフィジカル研究センター",
        "name_en": "Toto Institute of Technology, Cyber-Physical Research Center",
        "kind": "university",
        "industry": "education-research",
        "size": "large",
        "is_sme": False,
        "region": "kanto",
        "website": "https://cps.toto-tech.example",
        "base": "050005566778",
        "description": "高機能暗号と計測セキュリティの研究。 / Research on high-function cryptography and "
        "measurement security.",
        "confirmed_by_staff": True,
    },
    {
        "slug": "ics-verification-center",
        "name_ja": "一般社団法人 制御システム検証センター",
        "name_en": "Industrial Control System Verification Center",
        "kind": "verification_body",
        "industry": "it-services",
        "size": "small",
        "is_sme": False,
        "region": "tohoku",
        "website": "https://ics-verify.example",
        "base": "370006677889",
        "description": "模擬プラントでセキュリティ製品の有効性を検証します。 / Tests the effectiveness of security "
        "products on a model plant.",
        "confirmed_by_staff": True,
    },
    {
        "slug": "industrial-cyber-agency",
        "name_ja": "産業サイバーセキュリティ推進機構（デモ）",
        "name_en": "Industrial Cyber Security Promotion Agency (demo)",
        "kind": "public_agency",
        "industry": "public-sector",
        "size": "large",
        "is_sme": False,
        "region": "kanto",
        "website": "https://icsp-agency.example",
        "base": "000012345678",
        "description": "政策と現場をつなぐ公的機関（架空）。 / A fictional public agency connecting policy and "
        "practice.",
        "confirmed_by_staff": True,
    },
    {
        "slug": "cps-meetup-committee",
        "name_ja": "CPSセキュリティ交流会実行委員会",
        "name_en": "CPS Security Meetup Committee",
        "kind": "event_organiser",
        "industry": "other",
        "size": "micro",
        "is_sme": False,
        "region": "kinki",
        "website": "https://cps-meetup.example",
        "base": "270007788990",
        "description": "テーマ別セッションと交流会を企画しています。 / Organises themed sessions and meetups.",
        "confirmed_by_staff": True,
    },
]

#: (organisation slug, e-mail, display name, role). External addresses show members without the domain badge.
MEMBERS = [
    ("sakura-secure", "tanaka@sakura-secure.example", "田中 一郎", "owner"),
    ("sakura-secure", "suzuki@sakura-secure.example", "鈴木 花子", "admin"),
    ("sakura-secure", "partner@freelance-consult.example", "Alex Morgan", "member"),
    ("naniwa-control-security", "yamamoto@naniwa-cs.example", "山本 健", "owner"),
    ("naniwa-control-security", "kobayashi@naniwa-cs.example", "小林 美咲", "member"),
    ("hokuto-iot-lab", "sato@hokuto-iot.example", "佐藤 大輔", "owner"),
    ("tokai-precision", "ito@tokai-precision.example", "伊藤 誠", "owner"),
    ("tokai-precision", "watanabe@tokai-precision.example", "渡辺 由美", "member"),
    ("setouchi-logistics", "nakamura@setouchi-logi.example", "中村 翔", "owner"),
    ("kyushu-medical-net", "kato@kyushu-medical.example", "加藤 恵", "owner"),
    ("kyushu-medical-net", "yoshida@kyushu-medical.example", "吉田 拓也", "admin"),
    ("toto-tech-cps-center", "prof.yamada@cps.toto-tech.example", "山田 恭子", "owner"),
    ("ics-verification-center", "matsumoto@ics-verify.example", "松本 亮", "owner"),
    ("industrial-cyber-agency", "inoue@icsp-agency.example", "井上 直子", "owner"),
    ("cps-meetup-committee", "kimura@cps-meetup.example", "木村 さくら", "owner"),
    # One person in two organisations, to try switching the active organisation.
    ("cps-meetup-committee", "tanaka@sakura-secure.example", "田中 一郎", "member"),
]


def ensure_user(email: str, display_name: str, **flags) -> User:
    """A demo login with a realistic public name (the seed restores it if it was changed or left empty)."""
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": display_name, **flags})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    elif user.display_name != display_name:
        user.display_name = display_name
        user.save(update_fields=["display_name"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_demo_totp(user: User, stdout) -> None:
    """Give a demo account of ``DEMO_TOTP_SECRETS`` its TOTP authenticator (and recovery codes) and say how to
    sign in with it. A secret printed in a README protects nothing, so production gets none: staff and the
    verifier set up their own second factor at their first guarded action."""
    secret = DEMO_TOTP_SECRETS[user.email]
    if settings.PLATFORM_ENV == "production":
        stdout.write(f"  {user.email}: no demo second factor in production; set one up at the first sign-in")
        return
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is None or decrypt(existing.data.get("secret", "")) != secret:
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    stdout.write(
        f"  {user.email}: second factor TOTP secret {secret} (development only; "
        f"current code: python -m scripts.totp {secret})"
    )


def seed(stdout) -> None:
    staff = ensure_user(STAFF_EMAIL, "Emily Carter", is_staff=True, is_superuser=True)
    ensure_demo_totp(staff, stdout)
    organisations = {}
    for spec in ORGANISATIONS:
        fields = {key: value for key, value in spec.items() if key not in {"slug", "base"}}
        fields["corporate_number"] = corporate_number_from_base(spec["base"])
        organisations[spec["slug"]], _ = Organisation.objects.update_or_create(
            slug=spec["slug"], defaults=fields
        )
    for slug, email, name, role in MEMBERS:
        organisation = organisations[slug]
        user = ensure_user(email, name)
        Membership.objects.update_or_create(
            organisation=organisation,
            user=user,
            defaults={"role": role, "email_domain_matches": organisation.matches_email_domain(email)},
        )
    stdout.write(
        f"  {len(ORGANISATIONS)} organisations, {len(MEMBERS)} memberships; "
        f"log in as {STAFF_EMAIL} or any member with password {DEMO_PASSWORD!r}"
    )
