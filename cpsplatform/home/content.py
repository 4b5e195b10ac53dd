"""The home page's first text in both languages (editors change it in the Wagtail admin afterwards).

Used by the data migration that creates the pages and by the demo seed (``scripts.demo``) when it has to recreate them.
"""

HOME_PAGES = {
    "ja": {
        "title": "CPS セキュリティ・コラボレーションプラットフォーム",
        "slug": "home",
        "lead": (
            "<p>サイバー空間とフィジカル空間がつながる時代のセキュリティを、ひとりで抱え込まないために。"
            "セキュリティ製品・サービスを提供する企業（シーズ）と、課題を持つユーザー企業・中小企業・大学（ニーズ）が"
            "出会い、学び、協力する場です。</p>"
        ),
        "body": (
            "<h2>4 つの協力</h2>"
            "<ul>"
            "<li><b>政策との協力</b>：現場の声を政策担当者に届けます。</li>"
            "<li><b>シーズ同士の協力</b>：ベンダーが連携し、より大きなソリューションを提供します。</li>"
            "<li><b>ニーズ同士の協力</b>：「悩みを共有できる相手がいない」ユーザー企業が課題を共有します。</li>"
            "<li><b>ニーズとシーズのマッチング</b>：ユーザー企業への道筋を持たない小さなベンダーにも機会を。</li>"
            "</ul>"
            "<h2>検証の段階（Checked by Japan）</h2>"
            "<p>製品・サービスには、どこまで確かめられているかを示す段階が表示されます。ベンダーの自己申告から、"
            "監査・登録制度への登録、検証機関による有効性の検証、実際のユーザー環境での試行、"
            "ホワイトハッカーによる攻撃検証まで。段階は運営スタッフが確認した記録にもとづきます。</p>"
            "<h2>サイバー・フィジカル・セキュリティ対策フレームワーク（CPSF）</h2>"
            "<p>掲載情報は CPSF の 3 つの層（企業間のつながり、フィジカル空間とサイバー空間のつながり、"
            "サイバー空間におけるつながり）と 6 つの構成要素（ソシキ、ヒト、モノ、データ、プロシージャ、システム）"
            "で整理され、自社の課題に合う対策を探せます。</p>"
            "<h2>中小企業のみなさまへ</h2>"
            "<p>全国 8 地域（北海道、東北、関東、中部、近畿、中国、四国、九州・沖縄）ごとに、相談窓口や"
            "駆け付け支援に対応するサービスを探せます。テーマ別のセッションと交流会で、同じ悩みを持つ企業や"
            "専門家とつながってください。登録は無料です。</p>"
        ),
    },
    "en": {
        "title": "CPS Security Collaboration Platform",
        "slug": "home-en",
        "lead": (
            "<p>Security for a world where cyberspace and physical space are connected is not something to face "
            "alone. Security vendors (the seeds) meet user companies, SMEs and universities with real problems "
            "(the needs) here to learn, team up and find solutions.</p>"
        ),
        "body": (
            "<h2>Four kinds of collaboration</h2>"
            "<ul>"
            "<li><b>With policy</b>: what members see in the field reaches policy makers.</li>"
            "<li><b>Among seeds</b>: vendors team up to offer bigger solutions.</li>"
            "<li><b>Among needs</b>: user companies who “have no peers to share their worries with” share them.</li>"
            "<li><b>Needs meet seeds</b>: business matching, also for small vendors with no path to user "
            "companies.</li>"
            "</ul>"
            "<h2>The verification ladder (Checked by Japan)</h2>"
            "<p>Every product and service shows how far it has been checked: from the vendor's own claim, through "
            "registration in an audit scheme, effectiveness testing by a verification body and trials in real user "
            "environments, up to attack tests by white-hat hackers. Levels rest on records confirmed by platform "
            "staff.</p>"
            "<h2>The Cyber/Physical Security Framework (CPSF)</h2>"
            "<p>Listings are organised by the framework's three layers (connections between companies, between "
            "physical and cyber space, and within cyberspace) and six components (organisation, people, things, "
            "data, procedure, system), so you can find measures that fit your own problem.</p>"
            "<h2>For small and medium-sized enterprises</h2>"
            "<p>Find consultation desks and on-site help in each of Japan's eight regions (Hokkaido, Tohoku, Kanto, "
            "Chubu, Kinki, Chugoku, Shikoku, Kyushu-Okinawa). Themed sessions and meetups connect you with "
            "companies that share your worries and with experts. Joining is free.</p>"
        ),
    },
}
