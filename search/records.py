"""Plain records of what gets indexed, independent of the site's models.

The site builds them from marketplace models (``search.sources``); the matching evaluation builds them from the
judged data set's JSON lines (``from_listing_json`` / ``from_need_json``). Both then go through the same document
builders and the same matching engine, so the evaluation measures the code the site runs.

A ``None`` (or empty list) means "unknown": it constrains nothing when matching.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from cpsplatform.taxonomy import VerificationLevel

#: The fixed category vocabulary of the platform and of the evaluation format, with bilingual names. The site's
#: ``SecurityCategory`` rows carry the same slugs (staff may add more; their names come from the database).
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "endpoint-protection": ("エンドポイント保護", "Endpoint protection"),
    "network-security": ("ネットワークセキュリティ", "Network security"),
    "email-security": ("メールセキュリティ", "Email security"),
    "web-security": ("Webセキュリティ", "Web security"),
    "identity-access": ("ID・アクセス管理", "Identity and access management"),
    "siem-soc": ("SIEM・SOC監視", "SIEM and SOC monitoring"),
    "vulnerability-assessment": ("脆弱性診断", "Vulnerability assessment"),
    "penetration-testing": ("ペネトレーションテスト", "Penetration testing"),
    "incident-response": ("インシデント対応", "Incident response"),
    "training-awareness": ("教育・訓練", "Training and awareness"),
    "consulting-governance": ("コンサルティング・ガバナンス", "Consulting and governance"),
    "iot-ot-security": ("IoT・OT/制御システムセキュリティ", "IoT and OT/ICS security"),
    "hardware-security": ("ハードウェアセキュリティ", "Hardware security"),
    "encryption-key-management": ("暗号・鍵管理", "Encryption and key management"),
    "backup-recovery": ("バックアップ・復旧", "Backup and recovery"),
    "cloud-security": ("クラウドセキュリティ", "Cloud security"),
    "data-protection": ("データ保護・情報漏えい対策", "Data protection"),
    "cyber-insurance": ("サイバー保険", "Cyber insurance"),
    "sme-help-package": ("中小企業向けお助けパッケージ", "SME help package"),
}

#: Categories whose offers count as incident help for urgent needs (with on-site delivery).
INCIDENT_CATEGORIES = frozenset({"incident-response", "sme-help-package"})


@dataclass
class ListingRecord:
    id: str
    name: str
    summary: str = ""
    description: str = ""
    vendor: str | None = None
    vendor_name: str = ""
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    #: Bilingual names of the categories, as the site shows them (defaults to ``CATEGORY_NAMES``).
    category_names: list[str] = field(default_factory=list)
    cpsf_layers: list[int] = field(default_factory=list)
    cpsf_components: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    company_sizes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    delivery_models: list[str] = field(default_factory=list)
    price_min: int | None = None
    price_max: int | None = None
    verification_level: int | None = None
    verification_kinds: list[str] = field(default_factory=list)
    status: str = "published"
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    #: What result pages show (names and summaries per language, URL); not searched.
    display: dict[str, Any] = field(default_factory=dict)


@dataclass
class NeedRecord:
    id: str
    title: str
    description: str = ""
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    category_names: list[str] = field(default_factory=list)
    cpsf_layers: list[int] = field(default_factory=list)
    cpsf_components: list[str] = field(default_factory=list)
    industry: str | None = None
    company_size: str | None = None
    region: str | None = None
    budget_max: int | None = None
    min_verification: int | None = None
    urgent: bool = False
    need_type: str | None = None
    status: str = "open"
    visibility: str = "public"
    owner_org: str | None = None
    invited_orgs: list[str] = field(default_factory=list)
    expires_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    display: dict[str, Any] = field(default_factory=dict)


@dataclass
class EventRecord:
    """A session or meetup of the platform; only published ones are searched."""

    id: str
    title: str
    description: str = ""
    theme: str = ""
    venue: str = ""
    organiser_name: str = ""
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    status: str = "published"
    updated_at: datetime.datetime | None = None
    display: dict[str, Any] = field(default_factory=dict)


def category_names(slugs: list[str]) -> list[str]:
    names: list[str] = []
    for slug in slugs:
        names.extend(CATEGORY_NAMES.get(slug, (slug.replace("-", " "),)))
    return names


# --- the evaluation format --------------------------------------------------------------------------------------


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v is not None and v != ""]
    return [value]


def _str_list(value: Any) -> list[str]:
    return [str(v).strip() for v in _list(value) if str(v).strip()]


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _level(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    try:
        return int(VerificationLevel.from_slug(str(value)))
    except KeyError:
        return None


def _layers(value: Any) -> list[int]:
    layers = []
    for item in _list(value):
        number = _int_or_none(item)
        if number in (1, 2, 3):
            layers.append(number)
    return layers


def _optional_str(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def from_listing_json(row: dict[str, Any]) -> ListingRecord:
    """A listing of the evaluation format (``listings.jsonl``); unknown keys are ignored."""
    categories = _str_list(row.get("categories"))
    return ListingRecord(
        id=str(row["id"]),
        name=_text(row.get("name")),
        summary=_text(row.get("summary")),
        description=_text(row.get("description")),
        vendor=_optional_str(row.get("vendor")),
        vendor_name=_text(row.get("vendor")),
        language=_optional_str(row.get("language")),
        categories=categories,
        category_names=category_names(categories),
        cpsf_layers=_layers(row.get("cpsf_layers")),
        cpsf_components=_str_list(row.get("cpsf_components")),
        industries=_str_list(row.get("industries")),
        company_sizes=_str_list(row.get("company_sizes")),
        regions=_str_list(row.get("regions")),
        price_min=_int_or_none(row.get("price_min")),
        price_max=_int_or_none(row.get("price_max")),
        verification_level=_level(row.get("verification")),
        verification_kinds=[str(row["verification"])] if _level(row.get("verification")) else [],
        display={"name": _text(row.get("name")), "summary": _text(row.get("summary"))},
    )


def from_need_json(row: dict[str, Any]) -> NeedRecord:
    """A need of the evaluation format (``needs.jsonl``); unknown keys are ignored."""
    categories = _str_list(row.get("categories"))
    return NeedRecord(
        id=str(row["id"]),
        title=_text(row.get("title")),
        description=_text(row.get("description")),
        language=_optional_str(row.get("language")),
        categories=categories,
        category_names=category_names(categories),
        cpsf_components=_str_list(row.get("cpsf_components")),
        industry=_optional_str(row.get("industry")),
        company_size=_optional_str(row.get("company_size")),
        region=_optional_str(row.get("region")),
        budget_max=_int_or_none(row.get("budget_max")),
        min_verification=_level(row.get("min_verification")),
        urgent=bool(row.get("urgent") or False),
        display={"title": _text(row.get("title"))},
    )
