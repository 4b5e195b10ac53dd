"""Every Unicode script becomes search terms; function and question words do not."""

from search.analysis import analyse, normalise, tokenize


def _terms(text: str) -> list[str]:
    return list(analyse(text).terms)


def test_accented_latin_word_stays_one_unstemmed_word_with_an_accent_free_variant():
    terms = _terms("Müller GmbH")
    assert "müller" in terms
    assert "muller" in terms
    assert "m" not in terms and "ller" not in terms
    assert "sécurité" in _terms("Sécurité industrielle")


def test_plain_english_is_still_stemmed():
    assert _terms("Monitoring networks") == ["monitor", "network"]


def test_greek_cyrillic_hangul_arabic_and_hebrew_words_are_kept_whole():
    assert _terms("Ελληνικά εγχειρίδια") == ["ελληνικά", "εγχειρίδια"]
    assert _terms("Кибербезопасность сети") == ["кибербезопасность", "сети"]
    assert _terms("보안 솔루션") == ["보안", "솔루션"]
    assert _terms("أمن المعلومات") == ["أمن", "المعلومات"]
    assert _terms("אבטחת מידע") == ["אבטחת", "מידע"]


def test_thai_without_spaces_becomes_character_bigrams_that_keep_vowel_marks():
    terms = _terms("ความปลอดภัย")
    assert terms[:3] == ["คว", "วา", "าม"]
    assert "ภั" in terms and "ัย" in terms
    assert _terms("ก") == ["ก"]


def test_devanagari_combining_signs_stay_inside_their_word():
    assert _terms("सुरक्षा नीति") == ["सुरक्षा", "नीति"]


def test_japanese_still_goes_through_sudachi_next_to_other_scripts():
    terms = _terms("Müller社の工場でＥＤＲを導入")
    assert {"müller", "工場", "edr", "導入"} <= set(terms)


def test_offsets_point_into_the_normalised_text_for_every_script():
    text = "Müller – Ελληνικά, ความปลอดภัย, 脆弱性の診断, 보안"
    normalised = normalise(text)
    for token in tokenize(text):
        assert normalised[token.start : token.end], token
        assert token.end <= len(normalised)


def test_english_question_and_function_words_are_stopped():
    assert _terms("Who can help us, and when? Where do we start, how much, whether or not?") == [
        "help",
        "start",
        "much",
    ]


def test_japanese_question_words_and_pronouns_are_stopped():
    for text, kept in (
        ("誰に相談すればいいですか", {"相談"}),
        ("いつまでに対応できますか", {"対応"}),
        ("どこに頼めばよいか", {"頼む"}),
        ("何をすればいいのか", set()),
        ("どうすればいい", set()),
        ("どの製品がいいか", {"製品"}),
        ("なぜ感染したのか", {"感染"}),
    ):
        assert set(_terms(text)) == kept, text


def test_hyphenated_stop_word_stays_part_of_its_compound():
    assert _terms("on-site") == ["on", "site"]
    assert "c.onsite" in analyse("on-site support").concepts
    assert "c.onsite" not in analyse("Construction sites use tablets").concepts


def test_glossary_phrase_with_a_stop_word_matches_its_hyphenated_spelling():
    assert "c.ddos" in analyse("denial-of-service attacks").concepts
    assert "c.ddos" in analyse("denial of service").concepts
    assert "c.remotework" in analyse("work-from-home staff").concepts
