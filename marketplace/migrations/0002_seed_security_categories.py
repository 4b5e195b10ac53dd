"""Seed the bilingual taxonomy of security offerings. Staff maintain it afterwards in the Wagtail admin; the slugs
are stable keys (matching and its evaluation data use them)."""

from django.db import migrations

CATEGORIES = [
    (
        "endpoint-protection",
        "エンドポイント保護",
        "Endpoint protection",
        "PC・サーバ・端末をマルウェアや不正操作から守る製品（EDR、次世代アンチウイルスなど）。",
        "Protects PCs, servers and devices from malware and misuse (EDR, next-generation anti-virus).",
    ),
    (
        "network-security",
        "ネットワークセキュリティ",
        "Network security",
        "UTM・ファイアウォール・IDS/IPS、正規の通信のみを通すルータや通信機器など、ネットワーク境界と内部の通信を守る製品・サービス。",
        "UTM, firewalls, IDS/IPS and communication devices such as routers that let only legitimate traffic "
        "through: protecting the perimeter and internal traffic.",
    ),
    (
        "email-security",
        "メールセキュリティ",
        "Email security",
        "標的型メール・フィッシング・なりすましメールへの対策（メールフィルタ、DMARC 対応など）。",
        "Defences against targeted e-mail, phishing and spoofing (mail filtering, DMARC).",
    ),
    (
        "web-security",
        "Webセキュリティ",
        "Web security",
        "Web アプリケーションファイアウォール（WAF）、改ざん検知、Web サイトの保護。",
        "Web application firewalls (WAF), defacement detection and website protection.",
    ),
    (
        "identity-access",
        "ID・アクセス管理",
        "Identity and access management",
        "認証・多要素認証・特権 ID 管理・シングルサインオンなど、誰が何にアクセスできるかの管理。",
        "Authentication, multi-factor authentication, privileged access and single sign-on.",
    ),
    (
        "siem-soc",
        "SIEM・SOC監視",
        "SIEM and SOC monitoring",
        "ログの集約・相関分析と、セキュリティ監視センター（SOC）による 24 時間監視。",
        "Log collection and correlation, and round-the-clock monitoring by a security operations centre.",
    ),
    (
        "vulnerability-assessment",
        "脆弱性診断",
        "Vulnerability assessment",
        "Web アプリ・プラットフォーム・IoT 機器の脆弱性診断とスキャン。",
        "Vulnerability assessment and scanning of web applications, platforms and IoT devices.",
    ),
    (
        "penetration-testing",
        "ペネトレーションテスト",
        "Penetration testing",
        "攻撃者の視点で実際に侵入を試みる侵入テスト、レッドチーム演習。",
        "Testing by attempting real intrusion from an attacker's point of view; red-team exercises.",
    ),
    (
        "incident-response",
        "インシデント対応",
        "Incident response",
        "事故発生時の初動対応・調査（フォレンジック）・復旧支援、駆け付け対応。",
        "First response, forensic investigation and recovery support when an incident happens, including "
        "on-site dispatch.",
    ),
    (
        "training-awareness",
        "教育・訓練",
        "Training and awareness",
        "従業員向けセキュリティ教育、標的型メール訓練、演習、人材育成。",
        "Security awareness training for staff, phishing drills, exercises and skills development.",
    ),
    (
        "consulting-governance",
        "コンサルティング・ガバナンス",
        "Consulting and governance",
        "セキュリティ方針・体制づくり、リスクアセスメント、CPSF やガイドラインへの対応支援、認証取得支援。",
        "Security policy and organisation, risk assessment, support with the CPSF and guidelines, certification.",
    ),
    (
        "iot-ot-security",
        "IoT・OT/制御システムセキュリティ",
        "IoT and OT/ICS security",
        "工場・プラント・ビルの制御システム（OT/ICS）や IoT 機器の監視・保護。",
        "Monitoring and protection of industrial control systems (OT/ICS) and IoT devices in factories, plants "
        "and buildings.",
    ),
    (
        "hardware-security",
        "ハードウェアセキュリティ",
        "Hardware security",
        "PUF（物理的複製困難関数）による機器の個体識別・真正性確認、セキュアエレメント、耐タンパ技術、模倣品対策。",
        "PUF-based device identity and authenticity, secure elements, tamper resistance and anti-counterfeiting.",
    ),
    (
        "encryption-key-management",
        "暗号・鍵管理",
        "Encryption and key management",
        "データの暗号化、高機能暗号、鍵管理（HSM）、電子証明書の運用。",
        "Data encryption, advanced cryptography, key management (HSM) and certificate operations.",
    ),
    (
        "backup-recovery",
        "バックアップ・復旧",
        "Backup and recovery",
        "ランサムウェアに備えたバックアップ、事業継続のための復旧手段。",
        "Backups that survive ransomware and recovery for business continuity.",
    ),
    (
        "cloud-security",
        "クラウドセキュリティ",
        "Cloud security",
        "クラウドの設定監査（CSPM）、CASB、クラウド上のワークロード保護。",
        "Cloud configuration auditing (CSPM), CASB and protection of cloud workloads.",
    ),
    (
        "data-protection",
        "データ保護・情報漏えい対策",
        "Data protection",
        "情報漏えい対策（DLP）、個人情報保護、データの完全性・真正性の確保。",
        "Data loss prevention, personal data protection and keeping data complete and authentic.",
    ),
    (
        "cyber-insurance",
        "サイバー保険",
        "Cyber insurance",
        "サイバー攻撃による損害や対応費用を補償する保険。",
        "Insurance covering damage and response costs caused by cyber attacks.",
    ),
    (
        "sme-help-package",
        "中小企業向けお助けパッケージ",
        "SME help package",
        "サイバーセキュリティお助け隊：中小企業向けの相談窓口・異常監視・駆け付け支援・簡易保険をまとめた安価なサービス。",
        "'Cyber security help squad' style services for SMEs: a help desk, monitoring, on-site dispatch and "
        "simple insurance in one affordable package.",
    ),
]


def seed(apps, schema_editor):
    SecurityCategory = apps.get_model("marketplace", "SecurityCategory")
    for order, (slug, name_ja, name_en, description_ja, description_en) in enumerate(CATEGORIES, start=1):
        SecurityCategory.objects.update_or_create(
            slug=slug,
            defaults={
                "name_ja": name_ja,
                "name_en": name_en,
                "description_ja": description_ja,
                "description_en": description_en,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
