"""Every package's Japanese catalogue holds exactly the strings its code and templates mark for translation (the
per-app tests check the rest: translated, placeholders kept, compiled)."""

import pytest

from scripts import messages
from tests.marketplace.test_japanese_ui import po_entries


@pytest.mark.parametrize("package", messages.PACKAGES)
def test_catalogue_has_every_translatable_string_and_nothing_obsolete(package, tmp_path):
    collected = messages.collect(package, tmp_path / "tree")
    wanted = {(e["msgctxt"], e["msgid"]) for e in po_entries(collected)[1:]}
    committed = {(e["msgctxt"], e["msgid"]) for e in po_entries(messages.catalogue(package))[1:]}
    assert wanted, "makemessages found no strings"
    assert sorted(wanted - committed, key=str) == [], f"run make messages APPS={package} and translate"
    assert sorted(committed - wanted, key=str) == [], f"obsolete entries: run make messages APPS={package}"
