"""The first wording of the security categories' table rows, and the seeding that writes it.

The vocabulary itself is ``cpsplatform.taxonomy.SecurityCategory``; the names come from its labels (English, and
their Japanese translation in the core's catalogue). Only the descriptions are written here, because they exist only
as the table's starting text: staff reword names and descriptions in the admin afterwards, and reseeding refreshes
them from this module. The data migration and the tests' fixture both call ``seed_security_categories``.
"""

from django.db import models
from django.utils import translation

from cpsplatform.taxonomy import SecurityCategory

#: (Japanese, English) description of each category, as first seeded.
DESCRIPTIONS: dict[SecurityCategory, tuple[str, str]] = {
    SecurityCategory.ENDPOINT_PROTECTION: (
        "PC・サーバ・端末をマルウェアや不正操作から守る製品（EDR、次世代アンチウイルスなど）。",
        "Protects PCs, servers and devices from malware and misuse (EDR, next-generation anti-virus).",
    ),
    SecurityCategory.NETWORK_SECURITY: (
        "UTM・ファイアウォール・IDS/IPS、正規の通信のみを通すルータや通信機器など、ネットワーク境界と内部の通信を守る製品・サービス。",
        "UTM, firewalls, IDS/IPS and communication devices such as routers that let only legitimate traffic through: protecting the perimeter and internal traffic.",
    ),
    SecurityCategory.EMAIL_SECURITY: (
        "標的型メール・フィッシング・なりすましメールへの対策（メールフィルタ、DMARC 対応など）。",
        "Defences against targeted e-mail, phishing and spoofing (mail filtering, DMARC).",
    ),
    SecurityCategory.WEB_SECURITY: (
        "Web アプリケーションファイアウォール（WAF）、改ざん検知、Web サイトの保護。",
        "Web application firewalls (WAF), defacement detection and website protection.",
    ),
    SecurityCategory.IDENTITY_ACCESS: (
        "認証・多要素認証・特権 ID 管理・シングルサインオンなど、誰が何にアクセスできるかの管理。",
        "Authentication, multi-factor authentication, privileged access and single sign-on.",
    ),
    SecurityCategory.SIEM_SOC: (
        "ログの集約・相関分析と、セキュリティ監視センター（SOC）による 24 時間監視。",
        "Log collection and correlation, and round-the-clock monitoring by a security operations centre.",
    ),
    SecurityCategory.VULNERABILITY_ASSESSMENT: (
        "Web アプリ・プラットフォーム・IoT 機器の脆弱性診断とスキャン。",
        "Vulnerability assessment and scanning of web applications, platforms and IoT devices.",
    ),
    SecurityCategory.PENETRATION_TESTING: (
        "攻撃者の視点で実際に侵入を試みる侵入テスト、レッドチーム演習。",
        "Testing by attempting real intrusion from an attacker's point of view; red-team exercises.",
    ),
    SecurityCategory.INCIDENT_RESPONSE: (
        "事故発生時の初動対応・調査（フォレンジック）・復旧支援、駆け付け対応。",
        "First response, forensic investigation and recovery support when an incident happens, including on-site dispatch.",
    ),
    SecurityCategory.TRAINING_AWARENESS: (
        "従業員向けセキュリティ教育、標的型メール訓練、演習、人材育成。",
        "Security awareness training for staff, phishing drills, exercises and skills development.",
    ),
    SecurityCategory.CONSULTING_GOVERNANCE: (
        "セキュリティ方針・体制づくり、リスクアセスメント、CPSF やガイドラインへの対応支援、認証取得支援。",
        "Security policy and organisation, risk assessment, support with the CPSF and guidelines, certification.",
    ),
    SecurityCategory.IOT_OT_SECURITY: (
        "工場・プラント・ビルの制御システム（OT/ICS）や IoT 機器の監視・保護。",
        "Monitoring and protection of industrial control systems (OT/ICS) and IoT devices in factories, plants and buildings.",
    ),
    SecurityCategory.HARDWARE_SECURITY: (
        "PUF（物理的複製困難関数）による機器の個体識別・真正性確認、セキュアエレメント、耐タンパ技術、模倣品対策。",
        "PUF-based device identity and authenticity, secure elements, tamper resistance and anti-counterfeiting.",
    ),
    SecurityCategory.ENCRYPTION_KEY_MANAGEMENT: (
        "データの暗号化、高機能暗号、鍵管理（HSM）、電子証明書の運用。",
        "Data encryption, advanced cryptography, key management (HSM) and certificate operations.",
    ),
    SecurityCategory.BACKUP_RECOVERY: (
        "ランサムウェアに備えたバックアップ、事業継続のための復旧手段。",
        "Backups that survive ransomware and recovery for business continuity.",
    ),
    SecurityCategory.CLOUD_SECURITY: (
        "クラウドの設定監査（CSPM）、CASB、クラウド上のワークロード保護。",
        "Cloud configuration auditing (CSPM), CASB and protection of cloud workloads.",
    ),
    SecurityCategory.DATA_PROTECTION: (
        "情報漏えい対策（DLP）、個人情報保護、データの完全性・真正性の確保。",
        "Data loss prevention, personal data protection and keeping data complete and authentic.",
    ),
    SecurityCategory.CYBER_INSURANCE: (
        "サイバー攻撃による損害や対応費用を補償する保険。",
        "Insurance covering damage and response costs caused by cyber attacks.",
    ),
    SecurityCategory.SME_HELP_PACKAGE: (
        "サイバーセキュリティお助け隊：中小企業向けの相談窓口・異常監視・駆け付け支援・簡易保険をまとめた安価なサービス。",
        "'Cyber security help squad' style services for SMEs: a help desk, monitoring, on-site dispatch and simple insurance in one affordable package.",
    ),
}


def seed_security_categories(model: type[models.Model]) -> None:
    """Create or refresh one row per taxonomy member, in the taxonomy's order.

    ``model`` is the ``marketplace.SecurityCategory`` model: the migration passes its historical version
    (``apps.get_model``), everyone else the current one.
    """
    for order, category in enumerate(SecurityCategory, start=1):
        description_ja, description_en = DESCRIPTIONS[category]
        with translation.override("ja"):
            name_ja = str(category.label)
        with translation.override("en"):
            name_en = str(category.label)
        model.objects.update_or_create(
            slug=category.value,
            defaults={
                "name_ja": name_ja,
                "name_en": name_en,
                "description_ja": description_ja,
                "description_en": description_en,
                "sort_order": order * 10,
            },
        )
