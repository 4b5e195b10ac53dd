"""How the development set is put together from its catalogues (``dev_products.py``, ``dev_needs.py``).

Listings: every product template yields ``count`` listings, each from a vendor of the template's group, written in
the vendor's language (sometimes the other one), with a name, a summary and three description points drawn from the
template, then the vendor's own lines on coverage, audience, price and verification, so that the structured fields
and the text agree. Needs: every need template yields one need per entry of ``languages``, each in the next
phrasing of that language, with region, size, industry, budget and minimum verification drawn from the template's
options. A draw that leaves a need without any grade-3 listing is drawn again (a judge would not ship such a need).
"""

from __future__ import annotations

import math
import random
from collections import Counter

from tests.data import judging
from tests.data.dev_needs import NEEDS, PLACES, NeedTemplate
from tests.data.dev_products import NEIGHBOURS, PRODUCTS, VENDORS, Product, Vendor

SEED = 20190613  # the first collaboration-platform session

REGION_JA = {
    "hokkaido": "北海道",
    "tohoku": "東北",
    "kanto": "関東",
    "chubu": "中部",
    "kinki": "近畿",
    "chugoku": "中国",
    "shikoku": "四国",
    "kyushu-okinawa": "九州・沖縄",
}
REGION_EN = {
    "hokkaido": "Hokkaido",
    "tohoku": "Tohoku",
    "kanto": "Kanto",
    "chubu": "Chubu",
    "kinki": "Kansai",
    "chugoku": "Chugoku",
    "shikoku": "Shikoku",
    "kyushu-okinawa": "Kyushu and Okinawa",
}
ADJACENT = {
    "hokkaido": ("tohoku",),
    "tohoku": ("hokkaido", "kanto"),
    "kanto": ("tohoku", "chubu"),
    "chubu": ("kanto", "kinki"),
    "kinki": ("chubu", "chugoku", "shikoku"),
    "chugoku": ("kinki", "shikoku", "kyushu-okinawa"),
    "shikoku": ("kinki", "chugoku"),
    "kyushu-okinawa": ("chugoku",),
}
REGION_WEIGHTS = {
    "hokkaido": 7,
    "tohoku": 8,
    "kanto": 24,
    "chubu": 15,
    "kinki": 16,
    "chugoku": 9,
    "shikoku": 7,
    "kyushu-okinawa": 10,
}
EMPLOYEES = {"micro": (4, 20), "small": (21, 100), "medium": (101, 300), "large": (500, 5000)}

COVERAGE_JA = {
    "nationwide": (
        "全国対応です。",
        "リモートで提供するため、全国どこからでもご利用いただけます。",
        "全国の拠点から対応します。",
    ),
    "regional": (
        "{areas}のお客様を中心に対応しています。",
        "{areas}に拠点があり、訪問での対応が可能です。",
        "対応エリアは{areas}です。",
    ),
}
COVERAGE_EN = {
    "nationwide": ("Available nationwide.", "Delivered remotely to customers anywhere in Japan."),
    "regional": ("We serve customers in {areas}.", "Based in {areas}; our engineers can visit you on site."),
}
PRICE_JA = ("料金は{min}から（税別）。", "参考価格：{min}〜{max}（税別）。", "費用の目安は{min}〜{max}です。")
PRICE_EN = ("Pricing starts at JPY {min}.", "Indicative price: JPY {min} to {max}.")
QUOTE_JA = ("料金は規模や内容に応じてお見積りします。", "費用は個別にお見積りいたします。")
QUOTE_EN = ("Priced per engagement; contact us for a quote.", "Quoted individually.")
VERIFIED_JA = {
    "claimed": ("主要な攻撃手法への対応を自社で検証しています。",),
    "registered": (
        "情報セキュリティサービス基準に適合し、審査登録を受けています。",
        "お助け隊サービス基準の審査に合格しています。",
    ),
    "effectiveness": ("第三者の検証機関による性能評価で有効性が確認されています。",),
    "trial": ("実際のユーザー企業の環境で実証導入を行い、信頼性を確認しました。",),
    "attack": ("ホワイトハッカーによる実機への攻撃検証を受けています。",),
}
VERIFIED_EN = {
    "claimed": ("Self-tested against common attack techniques.",),
    "registered": ("Registered under the national information security service standards.",),
    "effectiveness": ("Effectiveness confirmed by an independent verification body.",),
    "trial": ("Proven in a trial deployment at a real user organisation.",),
    "attack": ("Attack-tested on real equipment by white-hat hackers.",),
}
AUDIENCE_JA = {
    ("micro", "small", "medium"): (
        "IT担当者がいない中小企業でも使いやすいサービスです。",
        "中小企業向けの料金体系です。",
    ),
    ("medium", "large"): ("中堅・大企業の複数拠点にも対応します。", "大規模な組織での導入実績があります。"),
    ("small", "medium", "large"): ("従業員20名以上の企業を対象としています。",),
}
AUDIENCE_EN = {
    ("micro", "small", "medium"): ("Designed for small businesses without IT staff.",),
    ("medium", "large"): ("Built for mid-size and large organisations with several sites.",),
    ("small", "medium", "large"): ("For companies with more than 20 employees.",),
}
CLOSING_JA = (
    "まずはお気軽にご相談ください。",
    "無料のオンライン説明会を毎月開催しています。",
    "導入前の無料トライアルも可能です。",
    "",
)
CLOSING_EN = ("Talk to us for a free consultation.", "Free trial available.", "")
NAME_SUFFIX_JA = (" プラス", " プロ", " ライト", " エンタープライズ")
NAME_SUFFIX_EN = (" Plus", " Pro", " Lite", " Enterprise")
SIZE_CHOICES = ((), ("micro", "small", "medium", "large"), ("small", "medium", "large"), ("medium", "large"))


def yen_ja(amount: int) -> str:
    if amount >= 10_000 and amount % 10_000 == 0:
        return f"{amount // 10_000:,}万円"
    return f"{amount:,}円"


def round_price(value: float) -> int:
    """Two significant figures, as price lists are written."""
    digits = max(int(math.log10(value)) - 1, 0)
    return int(round(value / 10**digits) * 10**digits)


def draw_price(rng: random.Random, product: Product) -> tuple[int | None, int | None]:
    if product.price is None or rng.random() < 0.12:
        return None, None
    low, high = product.price
    price_min = round_price(math.exp(rng.uniform(math.log(low), math.log(high))))
    price_max = round_price(price_min * rng.choice((1.0, 1.5, 2.0, 3.0, 5.0)))
    return price_min, price_max


def draw_regions(rng: random.Random, product: Product, vendor: Vendor) -> list[str]:
    if rng.random() < product.nationwide:
        return [judging.NATIONWIDE]
    regions = [vendor.home]
    if rng.random() < 0.4:
        regions.append(rng.choice(ADJACENT[vendor.home]))
    return regions


def describe(
    rng: random.Random, product: Product, language: str, listing: dict, *, sizes: tuple[str, ...]
) -> str:
    ja = language == "ja"
    points = list(product.points_ja if ja else product.points_en)
    sentences = rng.sample(points, k=min(3, len(points)))
    regions = listing["regions"]
    if regions == [judging.NATIONWIDE]:
        sentences.append(rng.choice((COVERAGE_JA if ja else COVERAGE_EN)["nationwide"]))
    else:
        names = REGION_JA if ja else REGION_EN
        areas = ("・" if ja else " and ").join(names[region] for region in regions)
        sentences.append(rng.choice((COVERAGE_JA if ja else COVERAGE_EN)["regional"]).format(areas=areas))
    audience = (AUDIENCE_JA if ja else AUDIENCE_EN).get(sizes)
    if audience:
        sentences.append(rng.choice(audience))
    if listing["price_min"] is None:
        sentences.append(rng.choice(QUOTE_JA if ja else QUOTE_EN))
    elif ja:
        template = rng.choice(PRICE_JA)
        sentences.append(template.format(min=yen_ja(listing["price_min"]), max=yen_ja(listing["price_max"])))
    else:
        template = rng.choice(PRICE_EN)
        sentences.append(template.format(min=f"{listing['price_min']:,}", max=f"{listing['price_max']:,}"))
    if listing["verification"] != "none":
        sentences.append(rng.choice((VERIFIED_JA if ja else VERIFIED_EN)[listing["verification"]]))
    sentences.append(rng.choice(CLOSING_JA if ja else CLOSING_EN))
    return ("" if ja else " ").join(sentence for sentence in sentences if sentence)


def make_listings(rng: random.Random) -> tuple[list[dict], dict[str, Product]]:
    drafted: list[tuple[dict, Product]] = []
    product_of: dict[str, Product] = {}
    load: Counter[str] = Counter()
    names_taken: set[str] = set()
    for product in PRODUCTS:
        candidates = [vendor for vendor in VENDORS if product.group in vendor.groups]
        used: set[str] = set()
        for _ in range(product.count):
            fresh = [vendor for vendor in candidates if vendor.name not in used] or candidates
            fewest = min(load[vendor.name] for vendor in fresh)
            vendor = rng.choice([vendor for vendor in fresh if load[vendor.name] == fewest])
            used.add(vendor.name)
            load[vendor.name] += 1
            language = vendor.language if rng.random() < 0.85 else ("en" if vendor.language == "ja" else "ja")
            ja = language == "ja"
            name_options = [
                template.format(b=vendor.brand_for(language))
                for template in (product.names_ja if ja else product.names_en)
            ]
            rng.shuffle(name_options)
            name = next((option for option in name_options if option not in names_taken), None)
            if name is None:
                suffixes = NAME_SUFFIX_JA if ja else NAME_SUFFIX_EN
                name = next(
                    base + suffix
                    for suffix in suffixes
                    for base in name_options
                    if base + suffix not in names_taken
                )
            names_taken.add(name)
            sizes = product.sizes if product.sizes is not None else rng.choice(SIZE_CHOICES)
            if product.industries:
                industries = list(product.industries)
            elif rng.random() < 0.35:
                industries = sorted(rng.sample(judging.INDUSTRIES[:-1], k=rng.randint(1, 3)))
            else:
                industries = []
            price_min, price_max = draw_price(rng, product)
            listing = {
                "id": "",
                "vendor": vendor.name,
                "name": name,
                "summary": rng.choice(product.summaries_ja if ja else product.summaries_en),
                "description": "",
                "language": language,
                "categories": list(product.categories),
                "cpsf_layers": list(product.layers),
                "cpsf_components": list(product.components),
                "industries": industries,
                "company_sizes": list(sizes),
                "regions": draw_regions(rng, product, vendor),
                "price_min": price_min,
                "price_max": price_max,
                "verification": rng.choices(judging.VERIFICATION, weights=product.verification)[0],
            }
            listing["description"] = describe(rng, product, language, listing, sizes=tuple(sizes))
            drafted.append((listing, product))
    rng.shuffle(drafted)
    for number, (listing, product) in enumerate(drafted, start=1):
        listing["id"] = f"dev-l{number:04d}"
        product_of[listing["id"]] = product
    return [listing for listing, _ in drafted], product_of


def write_need(rng: random.Random, template: NeedTemplate, language: str, occurrence: int) -> dict:
    phrasings = template.ja if language == "ja" else template.en
    title, description = phrasings[occurrence % len(phrasings)]
    placeless = "{place}" not in title + description
    region = (
        None
        if placeless and rng.random() < 0.08
        else rng.choices(*zip(*REGION_WEIGHTS.items(), strict=True))[0]
    )
    size = rng.choice(template.sizes)
    place_ja, place_en = rng.choice(PLACES[region]) if region else ("", "")
    low, high = EMPLOYEES[size]
    fill = {"place": place_ja if language == "ja" else place_en, "emp": rng.randint(low, high)}
    return {
        "id": "",
        "title": title.format(**fill),
        "description": description.format(**fill),
        "language": language,
        "categories": [] if rng.random() < template.no_categories else list(template.categories),
        "cpsf_components": list(template.components),
        "industry": rng.choice(template.industries),
        "company_size": size,
        "region": region,
        "budget_max": rng.choice(template.budgets),
        "min_verification": rng.choice(template.min_verification),
        "urgent": template.urgent,
    }


def judge_need(
    need: dict, template: NeedTemplate, listings: list[dict], product_of: dict[str, Product]
) -> dict:
    fit = judging.expand_fit(template.fit, NEIGHBOURS)
    grades = {}
    for listing in listings:
        product = product_of[listing["id"]]
        value = judging.grade(
            need,
            listing,
            fit=fit,
            topic=product.topic,
            bundled=product.bundled,
            sector_specific=product.sector_specific,
            pooled_by_category=bool(set(template.categories) & set(listing["categories"])),
        )
        if value is not None:
            grades[listing["id"]] = value
    return grades


def draw_judgeable_need(
    rng: random.Random,
    template: NeedTemplate,
    language: str,
    occurrence: int,
    listings: list[dict],
    product_of: dict[str, Product],
) -> tuple[dict, dict[str, int]]:
    """Draw the need's circumstances until at least two listings (at worst one) solve it outright."""
    best: tuple[int, dict, dict[str, int]] | None = None
    for _attempt in range(200):
        need = write_need(rng, template, language, occurrence)
        grades = judge_need(need, template, listings, product_of)
        solved = sum(1 for value in grades.values() if value == 3)
        if solved >= 2:
            return need, grades
        if best is None or solved > best[0]:
            best = (solved, need, grades)
    if best is None or best[0] == 0:
        raise RuntimeError(f"need template {template.key!r} found no grade-3 listing in 200 draws")
    return best[1], best[2]


def make_needs(
    rng: random.Random, listings: list[dict], product_of: dict[str, Product]
) -> tuple[list[dict], dict[str, dict[str, int]]]:
    drafted: list[tuple[dict, dict[str, int]]] = []
    for template in NEEDS:
        seen: Counter[str] = Counter()
        for language in template.languages:
            need, grades = draw_judgeable_need(rng, template, language, seen[language], listings, product_of)
            seen[language] += 1
            drafted.append((need, grades))
    rng.shuffle(drafted)
    qrels: dict[str, dict[str, int]] = {}
    for number, (need, grades) in enumerate(drafted, start=1):
        need["id"] = f"dev-n{number:03d}"
        qrels[need["id"]] = grades
    return [need for need, _ in drafted], qrels


def build(seed: int = SEED) -> tuple[list[dict], list[dict], dict[str, dict[str, int]]]:
    rng = random.Random(seed)
    listings, product_of = make_listings(rng)
    needs, qrels = make_needs(rng, listings, product_of)
    return listings, needs, qrels
