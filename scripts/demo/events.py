"""Demo data: the seven sessions of the platform's first year, with the registrant and meetup figures IPA
reported (179 (99), 104 (74), 132 (69), 151 (56), 98 (40), 108 (48), 100+ planned), run by a demo event-organiser
organisation.

Dates keep the original rhythm but are shifted so that sessions 1-5 are past and 6-7 upcoming: session 6 falls 45
days after the first day of the current month. So the data is the same on every run within a month (idempotent,
deterministic), and still looks current next year.

Past history (checked in, no-shows, cancellations, waitlist that never got in) is written directly: it is a record of
what happened, not something to re-run through the services (which would e-mail hundreds of demo people).
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cpsplatform.organisations.models import (
    APPROVAL_REQUIRED_KINDS,
    Membership,
    Organisation,
    OrganisationKind,
)
from cpsplatform.taxonomy import CompanySize, CpsfComponent, Industry, Region
from events.models import (
    AllocationMode,
    Event,
    Meetup,
    ProgrammeItem,
    Question,
    Registration,
    RegistrationStatus,
)
from scripts.demo.organisations import DEMO_PASSWORD

ORDER = 50
JST = ZoneInfo("Asia/Tokyo")
Status = RegistrationStatus
ORGANISER_EMAIL = "events.organiser@demo.cps-platform.example"
PARTICIPANTS = 240


@dataclass(frozen=True)
class Session:
    number: int
    day_offset: int  # days after session 1, as in 2018-19
    title_ja: str
    title_en: str
    theme: str
    registered: int
    meetup: int
    capacity: int
    meetup_capacity: int
    allocation: str
    programme: tuple[tuple[str, str, str], ...]  # (kind, title, speakers)


SESSIONS = (
    Session(
        1,
        0,
        "経済産業省のサイバーセキュリティ政策の動向",
        "METI's cyber security policy trends",
        "Policy trends",
        179,
        99,
        180,
        100,
        AllocationMode.FIRST_COME,
        (
            (
                "talk",
                "サイバー・フィジカル・セキュリティ対策の全体像",
                "山本 健一, 経済産業省 サイバーセキュリティ課",
            ),
            (
                "talk",
                "コラボレーション・プラットフォームの狙い",
                "佐々木 美穂, IPA 産業サイバーセキュリティセンター",
            ),
            ("group_discussion", "参加者の課題共有", ""),
        ),
    ),
    Session(
        2,
        40,
        "サプライチェーン対策・人材・コネクテッドな世界の脅威",
        "Supply-chain measures, human resources and threats in a connected world",
        "Supply chain, people, threats",
        104,
        74,
        110,
        80,
        AllocationMode.FIRST_COME,
        (
            (
                "talk",
                "サプライチェーン・サイバーセキュリティの現状",
                "中村 聡, 自動車部品メーカー 情報セキュリティ室",
            ),
            (
                "panel",
                "セキュリティ人材をどう育てるか",
                "高橋 由紀, 大学 情報学研究科\n伊藤 翔, セキュリティベンダー",
            ),
        ),
    ),
    Session(
        3,
        82,
        "分野別の対策・検証基盤・セキュリティマネジメント",
        "Sector-specific measures, the verification base and security management",
        "Sector measures, verification",
        132,
        69,
        140,
        80,
        AllocationMode.FIRST_COME,
        (
            ("talk", "製品検証基盤「Checked by Japan」の構想", "小林 大輔, IPA"),
            ("talk", "ビル分野のセキュリティガイドライン", "渡辺 恵, ビルシステム事業者"),
            ("panel", "検証結果をどう活かすか", "加藤 誠, 検証事業者\n吉田 彩, ユーザー企業"),
        ),
    ),
    Session(
        4,
        125,
        "中小企業のセキュリティ",
        "Security for small and medium-sized enterprises",
        "SME security",
        151,
        56,
        160,
        60,
        AllocationMode.LOTTERY,
        (
            ("talk", "サイバーセキュリティお助け隊の取組", "山田 浩二, 地域SME支援機関"),
            ("group_discussion", "中小企業の悩みを共有する", ""),
        ),
    ),
    Session(
        5,
        170,
        "IoT技術と標準",
        "IoT technology and standards",
        "IoT technology and standards",
        98,
        40,
        100,
        50,
        AllocationMode.FIRST_COME,
        (
            ("talk", "IoT機器のセキュリティ標準化動向", "松本 隆, 標準化団体"),
            ("talk", "PUFによる機器の真正性確認", "井上 千尋, 大学 先端研究所"),
        ),
    ),
    Session(
        6,
        226,
        "サイバー・フィジカル・セキュリティ対策フレームワーク",
        "The Cyber/Physical Security Framework",
        "CPSF",
        108,
        48,
        110,
        60,
        AllocationMode.APPROVAL,
        (
            ("talk", "CPSFの三層構造と六つの構成要素", "木村 和也, 経済産業省"),
            ("panel", "フレームワークを現場で使う", "林 真理子, 製造業\n清水 拓也, セキュリティベンダー"),
        ),
    ),
    Session(
        7,
        264,
        "IoT導入時のセキュリティ",
        "Security when introducing IoT",
        "IoT adoption",
        0,
        0,
        100,
        60,
        AllocationMode.LOTTERY,
        (
            ("talk", "IoT導入企業が押さえるべきポイント", "森 健太, ユーザー企業"),
            ("group_discussion", "導入事例と課題", ""),
        ),
    ),
)
#: Applications for session 7 so far (100+ seats planned, more applicants than seats as every time).
SESSION_7_APPLICATIONS = 137

ORGANISATIONS = (
    # (slug, name_ja, name_en, kind, industry, size, region)
    (
        "ev-hokuto-seiki",
        "北斗精機工業",
        "Hokuto Precision Industries",
        "user_company",
        "manufacturing",
        "small",
        "hokkaido",
    ),
    ("ev-aoba-foods", "青葉食品", "Aoba Foods", "user_company", "manufacturing", "medium", "tohoku"),
    (
        "ev-musashi-logi",
        "武蔵ロジスティクス",
        "Musashi Logistics",
        "user_company",
        "logistics",
        "medium",
        "kanto",
    ),
    (
        "ev-sakura-clinic",
        "さくら総合クリニック",
        "Sakura General Clinic",
        "user_company",
        "healthcare",
        "small",
        "kanto",
    ),
    (
        "ev-tokai-parts",
        "東海部品製作所",
        "Tokai Parts Works",
        "user_company",
        "manufacturing",
        "small",
        "chubu",
    ),
    ("ev-naniwa-retail", "なにわリテール", "Naniwa Retail", "user_company", "retail", "medium", "kinki"),
    ("ev-setouchi-energy", "瀬戸内エナジー", "Setouchi Energy", "user_company", "energy", "large", "chugoku"),
    (
        "ev-shikoku-kensetsu",
        "四国建設工業",
        "Shikoku Construction",
        "user_company",
        "construction",
        "small",
        "shikoku",
    ),
    (
        "ev-hakata-bank",
        "博多信用金庫",
        "Hakata Shinkin Bank",
        "user_company",
        "finance",
        "medium",
        "kyushu-okinawa",
    ),
    (
        "ev-kanto-motors",
        "関東モーター部品",
        "Kanto Motor Components",
        "user_company",
        "manufacturing",
        "large",
        "kanto",
    ),
    ("ev-chubu-chem", "中部化成", "Chubu Chemicals", "user_company", "manufacturing", "large", "chubu"),
    (
        "ev-kinki-building",
        "近畿ビルサービス",
        "Kinki Building Services",
        "user_company",
        "construction",
        "medium",
        "kinki",
    ),
    (
        "ev-tohoku-water",
        "東北水道サービス",
        "Tohoku Water Services",
        "user_company",
        "public-sector",
        "medium",
        "tohoku",
    ),
    (
        "ev-yokohama-port",
        "横浜港湾運輸",
        "Yokohama Port Transport",
        "user_company",
        "logistics",
        "large",
        "kanto",
    ),
    (
        "ev-nagoya-textile",
        "名古屋テキスタイル",
        "Nagoya Textiles",
        "user_company",
        "manufacturing",
        "micro",
        "chubu",
    ),
    (
        "ev-kobe-medical",
        "神戸メディカル機器",
        "Kobe Medical Devices",
        "user_company",
        "healthcare",
        "medium",
        "kinki",
    ),
    ("ev-sendai-print", "仙台印刷", "Sendai Printing", "user_company", "other", "micro", "tohoku"),
    ("ev-okayama-agri", "岡山アグリテック", "Okayama Agritech", "user_company", "other", "small", "chugoku"),
    ("ev-secure-gate", "セキュアゲート", "SecureGate", "vendor", "it-services", "small", "kanto"),
    ("ev-puf-labs", "ピーユーエフ・ラボ", "PUF Labs", "vendor", "it-services", "micro", "kanto"),
    ("ev-ot-shield", "OTシールド", "OT Shield", "vendor", "it-services", "medium", "kinki"),
    ("ev-cyber-kaname", "サイバー要", "Cyber Kaname", "vendor", "it-services", "small", "chubu"),
    ("ev-soc-nihon", "日本SOCサービス", "Nihon SOC Services", "vendor", "it-services", "large", "kanto"),
    ("ev-kagi-crypto", "鍵暗号システムズ", "Kagi Crypto Systems", "vendor", "it-services", "small", "kanto"),
    ("ev-mamori-net", "まもりネット", "Mamori Net", "vendor", "it-services", "micro", "kyushu-okinawa"),
    ("ev-sensor-trust", "センサートラスト", "Sensor Trust", "vendor", "it-services", "small", "tohoku"),
    (
        "ev-white-hat-works",
        "ホワイトハット・ワークス",
        "White Hat Works",
        "vendor",
        "it-services",
        "small",
        "kanto",
    ),
    (
        "ev-insure-cyber",
        "サイバー保険パートナーズ",
        "Cyber Insurance Partners",
        "vendor",
        "finance",
        "medium",
        "kanto",
    ),
    (
        "ev-univ-kanto-tech",
        "関東工科大学",
        "Kanto Institute of Technology",
        "university",
        "education-research",
        "",
        "kanto",
    ),
    (
        "ev-univ-kinki-info",
        "近畿情報大学",
        "Kinki University of Informatics",
        "university",
        "education-research",
        "",
        "kinki",
    ),
    (
        "ev-univ-kyushu-sys",
        "九州システム大学院大学",
        "Kyushu Graduate School of Systems",
        "university",
        "education-research",
        "",
        "kyushu-okinawa",
    ),
    (
        "ev-pref-aichi",
        "愛知県産業振興課",
        "Aichi Prefecture Industry Promotion",
        "public_agency",
        "public-sector",
        "",
        "chubu",
    ),
    (
        "ev-chamber-osaka",
        "大阪商工会議所 IT支援室",
        "Osaka Chamber of Commerce IT Desk",
        "public_agency",
        "public-sector",
        "",
        "kinki",
    ),
)

FAMILY = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "清水",
    "山崎",
)
GIVEN = (
    "翔太",
    "美咲",
    "健太",
    "陽菜",
    "大輔",
    "彩",
    "拓也",
    "真由",
    "誠",
    "恵",
    "浩二",
    "千尋",
    "隆",
    "由紀",
    "和也",
    "麻衣",
)

#: Public names of the people who represent marketplace organisations at the sessions (Japanese and English, as
#: on a real attendee list).
REPRESENTATIVES = (
    "石井 直人",
    "Sarah Mitchell",
    "前田 香織",
    "藤田 光",
    "James Walker",
    "岡本 奈々",
    "長谷川 亮",
    "小川 舞",
    "Priya Raman",
    "村上 俊介",
    "近藤 彩花",
    "坂本 航",
    "Lucas Bernard",
    "遠藤 智子",
    "青木 大和",
    "西村 友里",
)


def session_start(session: Session, now: datetime) -> datetime:
    local_now = timezone.localtime(now, JST)
    month_start = local_now.date().replace(day=1)
    session_6 = month_start + timedelta(days=45)
    day = session_6 + timedelta(days=session.day_offset - SESSIONS[5].day_offset)
    return datetime.combine(day, time(14, 0), tzinfo=JST)


def _organisation(slug: str, name_ja: str, name_en: str, **fields) -> Organisation:
    """By slug; else an organisation another app's demo already made under the same name; else a new one."""
    existing = (
        Organisation.objects.filter(slug=slug).first()
        or Organisation.objects.filter(Q(name_ja__iexact=name_ja) | Q(name_en__iexact=name_en)).first()
    )
    if existing is not None:
        return existing
    return Organisation.objects.create(slug=slug, name_ja=name_ja, name_en=name_en, **fields)


def _user(email: str, display_name: str, organisation: Organisation, *, role: str = "member", password=None):
    User = get_user_model()
    user, created = User.objects.update_or_create(
        email=email, defaults={"display_name": display_name, "preferred_language": "ja"}
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Membership.objects.update_or_create(organisation=organisation, user=user, defaults={"role": role})
    return user


def _participants() -> list:
    organisations = []
    for slug, name_ja, name_en, kind, industry, size, region in ORGANISATIONS:
        organisations.append(
            _organisation(
                slug,
                name_ja,
                name_en,
                kind=kind,
                industry=industry if industry in Industry.values else "",
                size=size if size in CompanySize.values else "",
                is_sme=size in ("micro", "small", "medium") and kind == "user_company",
                region=region if region in Region.values else "",
                confirmed_by_staff=kind in APPROVAL_REQUIRED_KINDS,
            )
        )
    people = []
    for n in range(PARTICIPANTS):
        organisation = organisations[n % len(organisations)]
        name = f"{FAMILY[n % len(FAMILY)]} {GIVEN[(n * 7) % len(GIVEN)]}"
        people.append(_user(f"participant{n:03d}@demo-events.example", name, organisation))
    return people


def _marketplace_representatives() -> list:
    """One person for each of the first marketplace demo vendors and user organisations (when the marketplace demo
    ran first), registered for the next session so that 'people to meet' shows real listing/need matches: the
    organisation's first member who can log in (the marketplace's demo logins), else a representative."""
    organisations = [
        *Organisation.objects.filter(slug__startswith="demo-v-").order_by("slug")[:8],
        *Organisation.objects.filter(slug__startswith="demo-u-").order_by("slug")[:8],
    ]
    people = []
    for n, org in enumerate(organisations):
        members = [m.user for m in org.memberships.select_related("user").order_by("pk")]
        person = next((user for user in members if user.has_usable_password()), None)
        name = REPRESENTATIVES[n % len(REPRESENTATIVES)]
        people.append(person or _user(f"events.{org.slug}@demo-events.example", name, org))
    return people


def _event(session: Session, organiser: Organisation, author, now: datetime) -> Event:
    starts = session_start(session, now)
    ends = starts + timedelta(hours=3)
    opens = starts - timedelta(days=90)
    closes = starts - timedelta(days=3)
    event, _ = Event.objects.update_or_create(
        organiser=organiser,
        number=session.number,
        defaults={
            "title_ja": session.title_ja,
            "title_en": session.title_en,
            "theme": session.theme,
            "description": (
                "コラボレーション・プラットフォームの定例会。講演とディスカッションの後、情報交換会を行います。\n"
                "A regular session of the collaboration platform: talks and discussion, then a networking meetup."
            ),
            "starts_at": starts,
            "ends_at": ends,
            "venue": "文京グリーンコート センターオフィス 13階 会議室",
            "venue_address": "東京都文京区本駒込2-28-8",
            "capacity": session.capacity,
            "registration_opens_at": opens,
            "registration_closes_at": closes,
            "allocation": session.allocation,
            "lottery_draw_at": closes + timedelta(hours=12)
            if session.allocation == AllocationMode.LOTTERY
            else None,
            "lottery_seed": f"cpsp-2019-{session.number:02d}",
            "per_organisation_limit": 8 if session.allocation == AllocationMode.LOTTERY else None,
            "is_published": True,
            "created_by": author,
        },
    )
    Meetup.objects.update_or_create(
        event=event,
        defaults={
            "capacity": session.meetup_capacity,
            "starts_at": ends + timedelta(minutes=30),
            "ends_at": ends + timedelta(hours=2, minutes=30),
            "venue": "同フロア ラウンジ",
            "fee_note": "会費 ¥3,000（当日受付）",
        },
    )
    for order, (kind, title, speakers) in enumerate(session.programme, start=1):
        ProgrammeItem.objects.update_or_create(
            event=event,
            order=order,
            defaults={
                "kind": kind,
                "title": title,
                "speakers": speakers,
                "starts_at": (starts + timedelta(minutes=50 * (order - 1))).astimezone(JST).time(),
            },
        )
    ProgrammeItem.objects.filter(event=event, order__gt=len(session.programme)).delete()
    Question.objects.update_or_create(
        event=event,
        order=1,
        defaults={
            "text": "情報交換会で話したいテーマ / What would you like to discuss at the meetup?",
            "kind": Question.Kind.LONG_TEXT,
        },
    )
    return event


def _plan(session: Session, event: Event, people: list, now: datetime, featured: list) -> dict[int, dict]:
    """Who applied and what became of them, deterministically per session. ``featured`` people (first in
    ``people``) get a seat and a meetup seat."""
    rng = random.Random(f"cpsp-events-demo-{session.number}")
    past = event.ends_at < now
    starts = event.starts_at
    plan: dict[int, dict] = {}
    if session.number == 7:
        applicants = rng.sample(people, SESSION_7_APPLICATIONS)
        for user in applicants:
            plan[user.pk] = {"status": Status.APPLIED, "wants_meetup": rng.random() < 0.55}
        return plan
    cancelled = max(3, session.registered // 25)
    left_waiting = max(4, session.registered // 12)
    pending = 9 if session.allocation == AllocationMode.APPROVAL and not past else 0
    others = [u for u in people if u not in featured]
    applicants = featured + rng.sample(
        others, session.registered + cancelled + left_waiting + pending - len(featured)
    )
    registered = applicants[: session.registered]
    meetup_people = {u.pk for u in featured} | {
        u.pk for u in rng.sample(registered[len(featured) :], session.meetup - len(featured))
    }
    no_shows = set(u.pk for u in rng.sample(registered, session.registered // 12)) if past else set()
    for user in registered:
        status = Status.CONFIRMED
        if past:
            status = Status.NO_SHOW if user.pk in no_shows else Status.CHECKED_IN
        plan[user.pk] = {
            "status": status,
            "wants_meetup": user.pk in meetup_people,
            "has_meetup_seat": user.pk in meetup_people,
            "checked_in_at": starts - timedelta(minutes=rng.randint(0, 25))
            if status == Status.CHECKED_IN
            else None,
        }
    rest = applicants[session.registered :]
    for user in rest[:cancelled]:
        plan[user.pk] = {
            "status": Status.CANCELLED,
            "cancelled_at": starts - timedelta(days=rng.randint(1, 10)),
        }
    for rank, user in enumerate(rest[cancelled : cancelled + left_waiting], start=1):
        plan[user.pk] = {
            "status": Status.WAITLISTED,
            "lottery_rank": rank if session.allocation == AllocationMode.LOTTERY else None,
        }
    for user in rest[cancelled + left_waiting :]:
        plan[user.pk] = {"status": Status.APPLIED}
    return plan


FIELDS = (
    "organisation",
    "status",
    "wants_meetup",
    "has_meetup_seat",
    "listed_publicly",
    "interest_components",
    "queued_at",
    "lottery_rank",
    "confirmed_at",
    "cancelled_at",
    "checked_in_at",
    "offer_expires_at",
)


def _registrations(session: Session, event: Event, people: list, now: datetime, featured: list) -> None:
    plan = _plan(session, event, people, now, featured)
    featured_ids = {u.pk for u in featured}
    rng = random.Random(f"cpsp-events-demo-details-{session.number}")
    memberships = dict(Membership.objects.filter(user__in=people).values_list("user_id", "organisation_id"))
    existing = {r.user_id: r for r in Registration.objects.filter(event=event)}
    to_create, to_update = [], []
    components = list(CpsfComponent.values)
    for index, user in enumerate(people):
        if user.pk not in plan:
            continue
        values = {
            "organisation_id": memberships.get(user.pk),
            "status": plan[user.pk]["status"],
            "wants_meetup": plan[user.pk].get("wants_meetup", False),
            "has_meetup_seat": plan[user.pk].get("has_meetup_seat", False),
            "listed_publicly": user.pk in featured_ids or rng.random() < 0.4,
            "interest_components": sorted(rng.sample(components, rng.randint(1, 3))),
            "queued_at": event.registration_opens_at + timedelta(minutes=7 * index),
            "lottery_rank": plan[user.pk].get("lottery_rank"),
            "confirmed_at": event.registration_opens_at + timedelta(minutes=7 * index)
            if plan[user.pk]["status"] in (Status.CONFIRMED, Status.CHECKED_IN, Status.NO_SHOW)
            else None,
            "cancelled_at": plan[user.pk].get("cancelled_at"),
            "checked_in_at": plan[user.pk].get("checked_in_at"),
            "offer_expires_at": None,
        }
        registration = existing.pop(user.pk, None)
        if registration is None:
            to_create.append(Registration(event=event, user=user, **values))
        else:
            for field, value in values.items():
                setattr(registration, field, value)
            to_update.append(registration)
    Registration.objects.bulk_create(to_create)
    Registration.objects.bulk_update(to_update, FIELDS)
    Registration.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    if event.ends_at < now:
        Event.objects.filter(pk=event.pk).update(no_shows_recorded_at=event.ends_at + timedelta(hours=12))
    if session.allocation == AllocationMode.LOTTERY and event.lottery_draw_at < now:
        Event.objects.filter(pk=event.pk).update(
            lottery_drawn_at=event.lottery_draw_at, lottery_drawn_seed=event.lottery_seed
        )
    elif session.allocation == AllocationMode.LOTTERY:
        Event.objects.filter(pk=event.pk).update(lottery_drawn_at=None, lottery_drawn_seed="")


def seed(stdout) -> None:
    now = timezone.now()
    organiser = _organisation(
        "ipa-collaboration-platform",
        "情報処理推進機構 コラボレーション・プラットフォーム事務局",
        "IPA Collaboration Platform Office",
        kind=OrganisationKind.EVENT_ORGANISER,
        industry=Industry.PUBLIC_SECTOR,
        region=Region.KANTO,
        description="産業サイバーセキュリティのコラボレーション・プラットフォームを運営する事務局（デモ）。",
        confirmed_by_staff=True,
    )
    author = _user(ORGANISER_EMAIL, "中村 真理", organiser, role="admin", password=DEMO_PASSWORD)
    representatives = _marketplace_representatives()
    people = representatives + _participants()
    for session in SESSIONS:
        event = _event(session, organiser, author, now)
        _registrations(session, event, people, now, representatives if session.number == 6 else [])
    stdout.write(
        f"  events: {len(SESSIONS)} sessions by {organiser.display_name}; organiser login {ORGANISER_EMAIL} / "
        f"{DEMO_PASSWORD}\n"
    )
