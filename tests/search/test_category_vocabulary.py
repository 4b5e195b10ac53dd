"""The search app reads the security categories from ``cpsplatform.taxonomy`` instead of keeping its own list."""

from django.utils import translation

from cpsplatform.taxonomy import SecurityCategory
from search.forms import SearchForm
from search.glossary import CATEGORIES
from search.records import CATEGORY_NAMES, category_names


def test_every_taxonomy_category_has_a_japanese_and_an_english_name():
    assert list(CATEGORY_NAMES) == list(SecurityCategory.values)
    for japanese, english in CATEGORY_NAMES.values():
        assert japanese and english and japanese != english
    assert CATEGORY_NAMES["hardware-security"] == ("ハードウェアセキュリティ", "Hardware security")


def test_a_slug_outside_the_taxonomy_has_no_name_and_is_indexed_as_words():
    assert "quantum-magic" not in CATEGORY_NAMES
    assert category_names(["quantum-magic", "cyber-insurance"]) == [
        "quantum magic",
        "サイバー保険",
        "Cyber insurance",
    ]


def test_the_glossary_accepts_exactly_the_taxonomy_categories():
    assert frozenset(SecurityCategory.values) == CATEGORIES


def test_the_search_form_names_categories_in_the_readers_language():
    with translation.override("ja"):
        japanese = dict((value, str(label)) for value, label in SearchForm().fields["category"].choices)
    with translation.override("en"):
        english = dict((value, str(label)) for value, label in SearchForm().fields["category"].choices)
    assert japanese["siem-soc"] == "SIEM・SOC監視"
    assert english["siem-soc"] == "SIEM and SOC monitoring"
