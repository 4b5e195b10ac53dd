"""Synthetic listings and needs for benchmarks: bilingual, security vocabulary, fast, standard library only.

    python bench/synthetic.py listings 100000 > listings.jsonl
    python bench/synthetic.py needs 1000 --seed 7 > needs.jsonl

Records have the fields of the judged-set format (``tests/data/README.md``), so the same loaders index them. Text is
put together from phrase fragments per offer topic (several wordings each, Japanese and English, including the
glossary variants an engine must bridge: EDR / エンドポイント検知・対応 / 振る舞い検知, UTM / 統合脅威管理,
SOC / 監視, ペネトレーションテスト / 侵入テスト / pen test, PUF / 複製困難, OT / ICS / 制御システム...). These
records carry no relevance judgements: they measure speed and memory, never quality.

From another script: ``sys.path.insert(0, "bench")`` (or run it from ``bench/``), then
``from synthetic import generate_listings, generate_needs``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterator

REGIONS = ("hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu-okinawa")
REGION_WEIGHTS = (6, 8, 28, 15, 17, 9, 6, 11)
REGION_JA = ("北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄")
REGION_EN = ("Hokkaido", "Tohoku", "Kanto", "Chubu", "Kansai", "Chugoku", "Shikoku", "Kyushu-Okinawa")
SIZES = ("micro", "small", "medium", "large")
HEADCOUNT = {"micro": (3, 20), "small": (21, 100), "medium": (101, 300), "large": (301, 5000)}
COMPONENTS = ("organization", "people", "things", "data", "procedure", "system")
INDUSTRIES = (
    "manufacturing",
    "healthcare",
    "finance",
    "retail",
    "logistics",
    "construction",
    "energy",
    "public-sector",
    "education-research",
    "it-services",
    "other",
)
VERIFICATION = ("none", "claimed", "registered", "effectiveness", "trial", "attack")
VERIFICATION_WEIGHTS = (25, 30, 20, 13, 8, 4)

# Each topic: categories, CPSF layers, components, price range (JPY),
# names (ja, en), features (ja, en), problems as a need would describe them (ja, en).
TOPICS: tuple[dict, ...] = (
    {
        "categories": ("endpoint-protection",),
        "layers": (3,),
        "components": ("things", "system"),
        "price": (200_000, 3_000_000),
        "name_ja": ("EDR", "エンドポイント検知・対応", "振る舞い検知エンドポイント防御", "端末防御クラウド"),
        "name_en": ("EDR", "Endpoint Detection & Response", "Behavioural Endpoint Protection", "XDR Agent"),
        "feat_ja": (
            "端末の不審な挙動を振る舞い検知で見つけます",
            "感染した端末を自動でネットワークから隔離します",
            "ランサムウェアの暗号化の動きを検知します",
            "攻撃の流れを時系列で可視化します",
            "Windows・Mac・Linuxに対応します",
        ),
        "feat_en": (
            "detects suspicious process behaviour on laptops and servers",
            "isolates compromised endpoints automatically",
            "stops ransomware encryption in progress",
            "shows the full attack storyline",
            "supports Windows, macOS and Linux",
        ),
        "need_ja": ("ウイルス対策ソフトだけでは不安", "パソコンの不審な動きを検知したい", "EDRを導入したい"),
        "need_en": (
            "antivirus is not enough for us",
            "we want EDR on all laptops",
            "detect and isolate infected PCs",
        ),
    },
    {
        "categories": ("network-security",),
        "layers": (3,),
        "components": ("things", "system"),
        "price": (100_000, 1_500_000),
        "name_ja": (
            "UTM",
            "統合脅威管理アプライアンス",
            "次世代ファイアウォール",
            "セキュリティゲートウェイ",
        ),
        "name_en": ("UTM", "Unified Threat Management", "Next-Gen Firewall", "Security Gateway"),
        "feat_ja": (
            "ファイアウォールと侵入防止を1台で提供します",
            "危険なWebサイトへのアクセスを遮断します",
            "設置から運用監視まで代行します",
            "拠点間VPNに対応します",
        ),
        "feat_en": (
            "combines firewall and intrusion prevention in one box",
            "blocks malicious websites",
            "includes installation and remote monitoring",
            "supports site-to-site VPN",
        ),
        "need_ja": ("事務所のネットワークを守りたい", "UTMを入れたい", "ファイアウォールを見直したい"),
        "need_en": (
            "protect our office network",
            "looking for a UTM appliance",
            "replace our consumer router",
        ),
    },
    {
        "categories": ("siem-soc",),
        "layers": (1, 3),
        "components": ("system", "people", "procedure"),
        "price": (150_000, 5_000_000),
        "name_ja": ("SOCサービス", "24時間セキュリティ監視", "セキュリティ監視センター", "MDRサービス"),
        "name_en": ("Managed SOC", "24/7 Security Monitoring", "MDR Service", "Security Operations Center"),
        "feat_ja": (
            "専門アナリストが24時間365日監視します",
            "重大なアラートは電話で通報します",
            "ログを相関分析して攻撃の兆候を見つけます",
            "月次レポートを提出します",
        ),
        "feat_en": (
            "analysts monitor your environment around the clock",
            "critical alerts are escalated by phone",
            "correlates logs to find attacks early",
            "delivers monthly reports",
        ),
        "need_ja": ("夜間や休日の監視ができていない", "SOCを外部に委託したい", "ログを監視してほしい"),
        "need_en": ("need 24/7 monitoring", "outsource our SOC", "nobody watches our alerts at night"),
    },
    {
        "categories": ("vulnerability-assessment", "web-security"),
        "layers": (3,),
        "components": ("system",),
        "price": (200_000, 3_000_000),
        "name_ja": ("脆弱性診断", "Webアプリケーション診断", "脆弱性の診断サービス", "セキュリティ診断"),
        "name_en": (
            "Vulnerability Assessment",
            "Web App Security Testing",
            "Security Scan",
            "Vulnerability Scan",
        ),
        "feat_ja": (
            "SQLインジェクションなどの脆弱性を確認します",
            "診断員が手作業で検査します",
            "再診断を無料で行います",
            "報告書に修正方法を記載します",
        ),
        "feat_en": (
            "covers injection and cross-site scripting",
            "relies on manual testing by certified experts",
            "includes a free re-test after fixes",
            "ends with a report of concrete fixes",
        ),
        "need_ja": (
            "Webサイトの脆弱性診断をしたい",
            "ECサイトの弱点を調べてほしい",
            "公開前に診断を受けたい",
        ),
        "need_en": ("vulnerability assessment of our website", "web app security test before launch"),
    },
    {
        "categories": ("penetration-testing",),
        "layers": (1, 3),
        "components": ("system", "people"),
        "price": (1_000_000, 10_000_000),
        "name_ja": ("ペネトレーションテスト", "侵入テスト", "レッドチーム演習", "疑似攻撃診断"),
        "name_en": ("Penetration Testing", "Pen Test", "Red Team Engagement", "Adversary Emulation"),
        "feat_ja": (
            "攻撃者の視点で実際に侵入を試みます",
            "社内ネットワークでの横展開を検証します",
            "検知と対応の実効性を評価します",
        ),
        "feat_en": (
            "attempts real intrusion like an attacker would",
            "tests lateral movement inside the network",
            "measures whether your SOC detects us",
        ),
        "need_ja": ("侵入テストを実施したい", "ペネトレーションテストの業者を探している"),
        "need_en": (
            "pen test of our corporate network",
            "red team exercise",
            "penetration testing before audit",
        ),
    },
    {
        "categories": ("iot-ot-security",),
        "layers": (2,),
        "components": ("system", "things"),
        "price": (1_000_000, 8_000_000),
        "name_ja": ("OTセキュリティ", "制御システム異常検知", "工場ネットワーク監視", "ICSリスク評価"),
        "name_en": (
            "OT Security",
            "ICS Anomaly Detection",
            "Plant Network Monitoring",
            "ICS Risk Assessment",
        ),
        "feat_ja": (
            "制御ネットワークをパッシブに監視します",
            "PLCへの不審なコマンドを検知します",
            "工場の資産を自動で一覧化します",
            "操業を止めずに調査します",
        ),
        "feat_en": (
            "passively monitors the control network",
            "detects unexpected PLC commands",
            "builds an OT asset inventory",
            "runs with no impact on production",
        ),
        "need_ja": ("工場の制御システムがネットにつながっていて不安", "制御システムのリスクを評価したい"),
        "need_en": ("our plant's ICS is connected to the office network", "OT anomaly detection"),
    },
    {
        "categories": ("hardware-security",),
        "layers": (2,),
        "components": ("things",),
        "price": (200_000, 4_000_000),
        "name_ja": ("PUF認証チップ", "複製困難デバイスID", "偽造防止モジュール", "なりすまし防止チップ"),
        "name_en": ("PUF Chip", "Unclonable Device ID", "Anti-Counterfeit Tag", "Device Identity Module"),
        "feat_ja": (
            "複製困難な固有IDで機器のなりすましを防ぎます",
            "部品の真贋を判定できます",
            "鍵をメモリに保存しません",
        ),
        "feat_en": (
            "gives each device an unclonable identity",
            "verifies genuine parts",
            "keeps no stored key to extract",
        ),
        "need_ja": ("偽造部品を防ぎたい", "IoT機器のなりすましを防ぎたい"),
        "need_en": ("stop counterfeit parts", "device identity that cannot be cloned"),
    },
    {
        "categories": ("incident-response",),
        "layers": (1, 3),
        "components": ("people", "procedure", "system"),
        "price": (300_000, 5_000_000),
        "name_ja": ("緊急インシデント対応", "駆けつけサービス", "フォレンジック調査", "サイバー緊急対応"),
        "name_en": ("Incident Response", "Emergency Dispatch", "Digital Forensics", "Breach Response"),
        "feat_ja": (
            "最短当日に技術者が現地に駆けつけます",
            "感染拡大を防ぎ被害範囲を特定します",
            "24時間受付です",
            "報告書の作成を支援します",
        ),
        "feat_en": (
            "sends responders on site the same day",
            "contains the spread and scopes the damage",
            "runs a 24-hour hotline",
            "helps with regulator reports",
        ),
        "need_ja": ("ランサムウェアに感染したかもしれない", "不正アクセスされた、すぐ来てほしい"),
        "need_en": ("ransomware on our server, need help today", "we were breached"),
    },
    {
        "categories": ("training-awareness",),
        "layers": (1,),
        "components": ("people",),
        "price": (50_000, 800_000),
        "name_ja": ("セキュリティ教育", "標的型メール訓練", "eラーニング", "情報モラル研修"),
        "name_en": ("Security Awareness Training", "Phishing Simulation", "eLearning", "Staff Training"),
        "feat_ja": ("短い動画で学べます", "訓練メールで開封率を測ります", "日本語と英語に対応します"),
        "feat_en": (
            "teaches with short video lessons",
            "measures click rates with simulated phishing",
            "comes in Japanese and English",
        ),
        "need_ja": ("社員のセキュリティ意識を高めたい", "標的型メール訓練をしたい"),
        "need_en": ("security awareness training for staff", "phishing drills"),
    },
    {
        "categories": ("consulting-governance",),
        "layers": (1,),
        "components": ("organization", "procedure"),
        "price": (300_000, 4_000_000),
        "name_ja": ("ISMS取得支援", "セキュリティポリシー策定", "サプライチェーン評価", "リスクアセスメント"),
        "name_en": (
            "ISO 27001 Support",
            "Security Policy Consulting",
            "Supplier Assessment",
            "Risk Assessment",
        ),
        "feat_ja": (
            "規程づくりから審査まで支援します",
            "取引先の対策状況を評価します",
            "対策の優先順位を整理します",
        ),
        "feat_en": (
            "guides you from gap analysis to audit",
            "assesses suppliers' security",
            "delivers a prioritised roadmap",
        ),
        "need_ja": ("取引先からセキュリティ対策を求められた", "ISMS認証を取りたい"),
        "need_en": ("customer demands proof of security", "ISO 27001 certification"),
    },
    {
        "categories": ("sme-help-package",),
        "layers": (1, 3),
        "components": ("organization", "system"),
        "price": (5_000, 300_000),
        "name_ja": ("お助け隊サービス", "中小企業セキュリティパック", "見守りサービス"),
        "name_en": ("SME Help Package", "Otasuketai Service", "Small Business Security Bundle"),
        "feat_ja": ("相談窓口と駆けつけをセットで提供します", "簡易サイバー保険つきです", "月額定額です"),
        "feat_en": (
            "offers a help desk plus on-site support",
            "includes basic cyber insurance",
            "costs a flat monthly fee",
        ),
        "need_ja": ("何から始めればいいかわからない", "月額で見守ってほしい"),
        "need_en": ("affordable help for a small company", "SME help package"),
    },
    {
        "categories": ("backup-recovery", "data-protection"),
        "layers": (3,),
        "components": ("data",),
        "price": (50_000, 1_500_000),
        "name_ja": ("改ざん不可能バックアップ", "クラウドバックアップ", "情報漏えい対策"),
        "name_en": ("Immutable Backup", "Cloud Backup", "Data Loss Prevention"),
        "feat_ja": (
            "ランサムウェアに暗号化されないバックアップです",
            "持ち出しを制御します",
            "世代管理で復元できます",
        ),
        "feat_en": (
            "keeps backups ransomware cannot touch",
            "controls data leaving the company",
            "restores any earlier version",
        ),
        "need_ja": ("バックアップを見直したい", "顧客情報の持ち出しを防ぎたい"),
        "need_en": ("ransomware-proof backup", "prevent data theft"),
    },
    {
        "categories": ("identity-access", "cloud-security"),
        "layers": (1, 3),
        "components": ("people", "system"),
        "price": (30_000, 1_500_000),
        "name_ja": ("多要素認証", "ID管理・シングルサインオン", "クラウド設定診断"),
        "name_en": ("MFA", "Identity & SSO", "Cloud Posture Management"),
        "feat_ja": (
            "不正ログインを防ぎます",
            "クラウドの設定ミスを検出します",
            "退職者のアカウントを一括停止します",
        ),
        "feat_en": ("stops account takeover", "finds cloud misconfigurations", "disables leavers everywhere"),
        "need_ja": ("不正ログインを防ぎたい", "クラウドの設定が安全か見てほしい"),
        "need_en": ("MFA for remote staff", "review our cloud configuration"),
    },
)

VENDOR_JA_A = (
    "ミナト",
    "アサヒ",
    "ヤマト",
    "ツバサ",
    "カエデ",
    "ホシノ",
    "サクラ",
    "イナホ",
    "ヒカリ",
    "シラカワ",
    "アオイ",
    "コガネ",
)
VENDOR_JA_B = (
    "セキュリティ",
    "サイバー",
    "情報システム",
    "ネットワークス",
    "テクノロジー",
    "ディフェンス",
    "ラボ",
    "ソリューションズ",
)
VENDOR_EN_A = (
    "Kestrel",
    "Granite",
    "Blue Harbor",
    "Northwind",
    "Cedar",
    "Falcon",
    "Silverline",
    "Ironwood",
    "Aurora",
    "Summit",
)
VENDOR_EN_B = ("Security", "Cyber", "Defense", "Networks", "Labs", "Systems", "Trust", "Analytics")
OPEN_JA = (
    "中小企業から大企業まで導入実績があります。",
    "導入から運用まで専任担当が支援します。",
    "無料トライアルをご用意しています。",
)
OPEN_EN = (
    "Trusted by companies of every size.",
    "A dedicated engineer supports you from rollout to operation.",
)
AUDIENCE_JA = ("製造業", "医療機関", "金融機関", "自治体", "物流", "小売", "建設業", "大学・研究機関")
AUDIENCE_EN = (
    "manufacturers",
    "hospitals",
    "banks",
    "municipalities",
    "logistics firms",
    "retailers",
    "universities",
)
NEED_OPEN_JA = (
    "従業員{n}名の会社です。",
    "{r}の事業所です。",
    "IT担当者がいません。",
    "情報システム部門は数名です。",
)
NEED_OPEN_EN = ("We are a company of {n} people.", "Our office is in {r}.", "We have no dedicated IT staff.")
NEED_ASK_JA = (
    "相談できる会社を探しています。",
    "予算内で導入できる製品を知りたいです。",
    "至急対応してほしいです。",
)
NEED_ASK_EN = (
    "Looking for a provider.",
    "Please suggest solutions within our budget.",
    "We need help quickly.",
)


def _price(rng: random.Random, low: int, high: int) -> tuple[int | None, int | None]:
    if rng.random() < 0.1:
        return None, None
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    step = 10 ** max(int(math.log10(value)) - 1, 0)
    price_min = int(value // step * step)
    return price_min, price_min * rng.choice((1, 2, 3, 5))


def _regions(rng: random.Random) -> list[str]:
    if rng.random() < 0.45:
        return ["nationwide"]
    return sorted(set(rng.choices(REGIONS, weights=REGION_WEIGHTS, k=rng.randint(1, 3))))


def generate_listings(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` listings, about 60% Japanese; the same ``seed`` always yields the same records."""
    rng = random.Random(seed)
    choice, random_ = rng.choice, rng.random
    for number in range(n):
        topic = choice(TOPICS)
        ja = random_() < 0.6
        if ja:
            vendor = f"株式会社{choice(VENDOR_JA_A)}{choice(VENDOR_JA_B)}"
            name = f"{choice(VENDOR_JA_A)}{choice(topic['name_ja'])}"
            features = rng.sample(topic["feat_ja"], 2)
            regions = _regions(rng)
            area = (
                "全国対応です。"
                if regions == ["nationwide"]
                else "対応エリア：" + "・".join(REGION_JA[REGIONS.index(region)] for region in regions)
            )
            summary = f"{choice(topic['name_ja'])}で{features[0]}。"
            description = (
                f"{features[0]}。{features[1]}。{choice(AUDIENCE_JA)}向けに{choice(topic['name_ja'])}を提供します。"
                f"{choice(OPEN_JA)}{area}"
            )
        else:
            vendor = f"{choice(VENDOR_EN_A)} {choice(VENDOR_EN_B)} K.K."
            name = f"{choice(VENDOR_EN_A)} {choice(topic['name_en'])}"
            features = rng.sample(topic["feat_en"], 2)
            regions = _regions(rng)
            area = (
                "Available nationwide."
                if regions == ["nationwide"]
                else "Serving " + ", ".join(REGION_EN[REGIONS.index(region)] for region in regions) + "."
            )
            summary = f"{choice(topic['name_en'])} that {features[0]}."
            description = (
                f"Our {choice(topic['name_en'])} {features[0]} and {features[1]}. Built for "
                f"{choice(AUDIENCE_EN)}. {choice(OPEN_EN)} {area}"
            )
        price_min, price_max = _price(rng, *topic["price"])
        yield {
            "id": f"syn{seed}-l{number:07d}",
            "vendor": vendor,
            "name": name,
            "summary": summary,
            "description": description,
            "language": "ja" if ja else "en",
            "categories": list(topic["categories"]),
            "cpsf_layers": list(topic["layers"]),
            "cpsf_components": list(topic["components"]),
            "industries": rng.sample(INDUSTRIES, rng.randint(0, 3)),
            "company_sizes": list(SIZES[rng.randint(0, 2) :]) if random_() < 0.6 else [],
            "regions": regions,
            "price_min": price_min,
            "price_max": price_max,
            "verification": rng.choices(VERIFICATION, weights=VERIFICATION_WEIGHTS)[0],
        }


def generate_needs(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` needs, about 70% Japanese, a few urgent and some without categories."""
    rng = random.Random(seed)
    choice, random_ = rng.choice, rng.random
    for number in range(n):
        topic = choice(TOPICS)
        ja = random_() < 0.7
        region_index = (
            rng.choices(range(len(REGIONS)), weights=REGION_WEIGHTS)[0] if random_() < 0.9 else None
        )
        size = choice(SIZES)
        people = rng.randint(*HEADCOUNT[size])
        openings = NEED_OPEN_JA if ja else NEED_OPEN_EN
        if region_index is None:
            openings = tuple(opening for opening in openings if "{r}" not in opening)
        names = REGION_JA if ja else REGION_EN
        opening = choice(openings).format(n=people, r=names[region_index] if region_index is not None else "")
        if ja:
            problem = choice(topic["need_ja"])
            title = problem
            description = f"{opening}{problem}。{choice(topic['name_ja'])}について{choice(NEED_ASK_JA)}"
        else:
            problem = choice(topic["need_en"])
            title = problem[0].upper() + problem[1:]
            description = (
                f"{opening} {title}. Interested in {choice(topic['name_en'])}. {choice(NEED_ASK_EN)}"
            )
        budget = topic["price"][1] * choice((0.2, 0.5, 1, 2)) if random_() < 0.7 else None
        yield {
            "id": f"syn{seed}-n{number:06d}",
            "title": title,
            "description": description,
            "language": "ja" if ja else "en",
            "categories": list(topic["categories"]) if random_() < 0.7 else [],
            "cpsf_components": list(topic["components"]),
            "industry": choice(INDUSTRIES),
            "company_size": size,
            "region": REGIONS[region_index] if region_index is not None else None,
            "budget_max": int(budget) if budget else None,
            "min_verification": rng.choices(VERIFICATION[:4], weights=(60, 15, 15, 10))[0],
            "urgent": random_() < 0.05,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic listings or needs as JSON lines to stdout.")
    parser.add_argument("kind", choices=("listings", "needs"))
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate = generate_listings if args.kind == "listings" else generate_needs
    write = sys.stdout.write
    for record in generate(args.count, seed=args.seed):
        write(json.dumps(record, ensure_ascii=False))
        write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
