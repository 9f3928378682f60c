"""The Welsh catalogue is complete: the build fails if any string a person sees has no Welsh."""

import re

import pytest

from meeting.catalogue import CATALOGUE, missing_welsh, read_welsh, source_messages

PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?\}|%\((\w+)\)s")


def _translated():
    return [m for m in read_welsh() if m.id and m.string]


def test_the_welsh_catalogue_exists():
    assert CATALOGUE.exists(), f"run `make catalogue` and translate {CATALOGUE}"


def test_every_string_has_a_welsh_translation():
    missing = missing_welsh()
    assert not missing, (
        f"{len(missing)} string(s) have no Welsh (absent, empty or fuzzy) in {CATALOGUE.name}; "
        f"run `make catalogue` and translate them:\n" + "\n".join(f"  {m!r}" for m in missing)
    )


def test_the_catalogue_holds_only_strings_still_in_use():
    unused = sorted({m.id for m in read_welsh() if m.id} - source_messages())
    assert not unused, f"no longer in the code or templates (run `make catalogue`): {unused}"


@pytest.mark.parametrize("message", _translated(), ids=lambda m: m.id[:40])
def test_a_translation_keeps_every_placeholder(message):
    def names(text):
        return sorted(a or b for a, b in PLACEHOLDER.findall(text))

    assert names(message.string) == names(message.id)


def test_no_fuzzy_entries():
    assert not [m.id for m in read_welsh() if m.id and m.fuzzy]


def test_the_glossary_words_are_kept():
    # "datgelu" means disclosing abuse in safeguarding Welsh: a scale is shown ("dangos"), never that.
    # "cod" has no circumflex.
    wrong = [m.id for m in _translated() if re.search(r"datgel|côd", m.string, re.I)]
    assert not wrong


def test_uncertain_terms_are_marked_for_the_translator():
    notes = [m for m in read_welsh() if any(c.startswith("(proposed)") for c in m.auto_comments)]
    ids = {m.id for m in notes}
    assert {"Closed session", "Practitioners only", "Minute-taker", "Shared screen"} <= ids
