"""How the holdout set is put together from ``holdout_catalogue.py`` and ``holdout_needs.py``.

A different procedure from the development set on purpose: listings are product sheets in sections, one family's
listings go round its vendors in turn, where an offer is available is the vendor's coverage (remote offers: the
whole country), prices are the family's list prices, and verification is the vendor's track record (sometimes a
step lower for a newer product). Needs are taken as written; every one must have a listing that solves it.
"""

from __future__ import annotations

import random

from tests.data import judging
from tests.data.holdout_catalogue import FAMILIES, NEIGHBOURS, VENDORS, Family, HoldoutVendor
from tests.data.holdout_needs import NEEDS

SEED = 20190723  # the second collaboration-platform session

AREA_JA = {
    "hokkaido": "北海道",
    "tohoku": "東北6県",
    "kanto": "首都圏・関東",
    "chubu": "中部・北陸",
    "kinki": "関西",
    "chugoku": "中国地方",
    "shikoku": "四国4県",
    "kyushu-okinawa": "九州・沖縄",
}
AREA_EN = {
    "hokkaido": "Hokkaido",
    "tohoku": "the Tohoku region",
    "kanto": "Greater Tokyo",
    "chubu": "Chubu and Hokuriku",
    "kinki": "the Kansai area",
    "chugoku": "the Chugoku region",
    "shikoku": "Shikoku",
    "kyushu-okinawa": "Kyushu and Okinawa",
}
RECORD_JA = {
    "none": "なし",
    "claimed": "自社検証済み（第三者評価なし）",
    "registered": "情報セキュリティサービス審査登録制度に登録",
    "effectiveness": "検証機関による有効性評価を取得",
    "trial": "ユーザー組織の実環境でのトライアル実績あり",
    "attack": "実機を用いたホワイトハッカーによる攻撃検証を実施済み",
}
RECORD_EN = {
    "none": "none yet",
    "claimed": "internal testing only",
    "registered": "listed in the national security-service register",
    "effectiveness": "effectiveness evaluated by an independent lab",
    "trial": "field trial completed at a customer site",
    "attack": "attacked on real equipment by white-hat hackers",
}
EDITIONS_JA = ("スタンダード", "プレミアム", "ベーシック")
EDITIONS_EN = ("Standard", "Premium", "Basic")


def sheet(rng: random.Random, family: Family, language: str, listing: dict) -> str:
    features = rng.sample(family.features[language], k=min(3, len(family.features[language])))
    regions = listing["regions"]
    if language == "ja":
        if regions == [judging.NATIONWIDE]:
            area = "全国（リモート提供）" if family.remote else "全国"
        else:
            area = "、".join(AREA_JA[region] for region in regions) + "（訪問対応）"
        price = f"{listing['price_min']:,}円〜（税別）" if listing["price_min"] is not None else "個別見積り"
        lines = [
            f"【概要】{rng.choice(family.overviews['ja'])}",
            "【主な機能】" + "".join(f"・{feature}" for feature in features),
            f"【対象】{rng.choice(family.targets['ja'])}",
            f"【提供エリア】{area}",
            f"【価格】{price}",
            f"【第三者評価】{RECORD_JA[listing['verification']]}",
        ]
    else:
        if regions == [judging.NATIONWIDE]:
            area = "all of Japan (remote delivery)" if family.remote else "all of Japan"
        else:
            area = ", ".join(AREA_EN[region] for region in regions) + " (on-site)"
        price = (
            f"from JPY {listing['price_min']:,} excl. tax"
            if listing["price_min"] is not None
            else "on request"
        )
        lines = [
            f"Overview: {rng.choice(family.overviews['en'])}",
            "Key features: " + "; ".join(features) + ".",
            f"For: {rng.choice(family.targets['en'])}.",
            f"Coverage: {area}.",
            f"Price: {price}.",
            f"Independent evaluation: {RECORD_EN[listing['verification']]}.",
        ]
    return "\n".join(lines)


def price_range(rng: random.Random, family: Family) -> tuple[int | None, int | None]:
    price_min = rng.choice(family.prices)
    if price_min is None:
        return None, None
    higher = sorted(price for price in family.prices if price is not None and price > price_min)
    return price_min, higher[0] if higher else price_min * 2


def verification(rng: random.Random, vendor: HoldoutVendor) -> str:
    rank = judging.verification_rank(vendor.record)
    if rank and rng.random() < 0.25:
        rank -= 1
    return judging.VERIFICATION[rank]


def make_listings(rng: random.Random) -> tuple[list[dict], dict[str, Family]]:
    drafted: list[tuple[dict, Family]] = []
    names_taken: set[str] = set()
    for family in FAMILIES:
        vendors = [vendor for vendor in VENDORS if family.topic in vendor.families]
        rng.shuffle(vendors)
        for number in range(family.count):
            vendor = vendors[number % len(vendors)]
            language = vendor.language if rng.random() < 0.7 else ("en" if vendor.language == "ja" else "ja")
            titles = [title.format(v=vendor.short_for(language)) for title in family.titles[language]]
            rng.shuffle(titles)
            editions = EDITIONS_JA if language == "ja" else EDITIONS_EN
            candidates = titles + [f"{title} {edition}" for edition in editions for title in titles]
            name = next(candidate for candidate in candidates if candidate not in names_taken)
            names_taken.add(name)
            price_min, price_max = price_range(rng, family)
            remote_or_everywhere = family.remote or vendor.coverage == (judging.NATIONWIDE,)
            listing = {
                "id": "",
                "vendor": vendor.name,
                "name": name,
                "summary": rng.choice(family.taglines[language]),
                "description": "",
                "language": language,
                "categories": list(family.categories),
                "cpsf_layers": sorted(family.layers),
                "cpsf_components": list(family.components),
                "industries": list(family.industries),
                "company_sizes": list(family.sizes),
                "regions": [judging.NATIONWIDE] if remote_or_everywhere else list(vendor.coverage),
                "price_min": price_min,
                "price_max": price_max,
                "verification": verification(rng, vendor),
            }
            listing["description"] = sheet(rng, family, language, listing)
            drafted.append((listing, family))
    rng.shuffle(drafted)
    family_of: dict[str, Family] = {}
    for number, (listing, family) in enumerate(drafted, start=1):
        listing["id"] = f"ho-l{number:03d}"
        family_of[listing["id"]] = family
    return [listing for listing, _ in drafted], family_of


def build(seed: int = SEED) -> tuple[list[dict], list[dict], dict[str, dict[str, int]]]:
    rng = random.Random(seed)
    listings, family_of = make_listings(rng)
    categories_of = {family.topic: set(family.categories) for family in FAMILIES}
    needs: list[dict] = []
    qrels: dict[str, dict[str, int]] = {}
    for number, written in enumerate(NEEDS, start=1):
        need = {
            "id": f"ho-n{number:02d}",
            "title": written.title,
            "description": written.description,
            "language": written.language,
            "categories": list(written.categories),
            "cpsf_components": list(written.components),
            "industry": written.industry,
            "company_size": written.company_size,
            "region": written.region,
            "budget_max": written.budget_max,
            "min_verification": written.min_verification,
            "urgent": written.urgent,
        }
        fit = judging.expand_fit(written.fit, NEIGHBOURS)
        judged_categories = set(written.categories).union(
            *(categories_of[topic] for topic, level in written.fit.items() if level == 3)
        )
        grades = {}
        for listing in listings:
            family = family_of[listing["id"]]
            value = judging.grade(
                need,
                listing,
                fit=fit,
                topic=family.topic,
                bundled=family.bundled,
                sector_specific=family.sector_specific,
                pooled_by_category=bool(judged_categories & set(listing["categories"])),
            )
            if value is not None:
                grades[listing["id"]] = value
        if 3 not in grades.values():
            raise RuntimeError(f"holdout need {need['id']} ({written.title}) has no grade-3 listing")
        needs.append(need)
        qrels[need["id"]] = grades
    return listings, needs, qrels
