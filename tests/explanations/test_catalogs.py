"""The catalogs: the template is current, every message is translated, placeholders agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from explanations.i18n import LOCALES_DIR, locales_available, translations

ROOT = Path(__file__).parents[2]
POT = LOCALES_DIR / "messages.pot"
CATALOGS = {"zh_CN": LOCALES_DIR / "zh_CN/LC_MESSAGES/messages.po",
            "en": LOCALES_DIR / "en/LC_MESSAGES/messages.po"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _pot_ids() -> set[str]:
    with POT.open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def test_pot_is_current() -> None:
    """``pybabel extract -F babel.cfg -k N_ -o locales/messages.pot .`` gives what is committed."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {msg for _, _, msg, _, _ in extract_from_dir(str(ROOT / "explanations"), [
        (pattern.removeprefix("explanations/"), method) for pattern, method in method_map
        if pattern.startswith("explanations/")],
        {k.removeprefix("explanations/"): v for k, v in options_map.items()}) if msg}
    # the codes' words are marked in calculator/vocabulary.py (babel.cfg reads it too)
    with (ROOT / "calculator/vocabulary.py").open("rb") as fh:
        found |= {msg for _, _, msg, _ in extract_python(fh, ["N_"], [], {}) if msg}
    found = {m if isinstance(m, str) else m[0] for m in found}
    pot = _pot_ids()
    assert len(found) > 100
    assert found - pot == set(), "messages missing from locales/messages.pot: run pybabel extract"
    assert pot - found == set(), "stale messages in locales/messages.pot: run pybabel extract"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_message_has_a_translation(lang: str) -> None:
    with CATALOGS[lang].open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {m.id: m.string for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    missing = sorted(_pot_ids() - set(translated))
    assert not missing, f"{lang}: messages without a translation: {missing}"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_placeholders_agree(lang: str) -> None:
    with CATALOGS[lang].open("rb") as fh:
        for m in read_po(fh, locale=lang):
            if m.id:
                assert set(PLACEHOLDER.findall(m.id)) == set(PLACEHOLDER.findall(m.string)), m.id


def test_english_has_no_chinese_words() -> None:
    with CATALOGS["en"].open("rb") as fh:
        bad = [m.id for m in read_po(fh, locale="en") if m.id and HAN.search(m.string)]
    assert not bad


def test_chinese_catalog_is_the_source_language() -> None:
    with CATALOGS["zh_CN"].open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    assert all(m.string == m.id for m in catalog if m.id)
    assert catalog.plural_forms == "nplurals=1; plural=0;"


def test_catalogs_compile_at_load_time_and_no_mo_is_shipped() -> None:
    assert not list(LOCALES_DIR.rglob("*.mo"))
    assert translations("en").gettext("统筹基金支付") == "The fund pays"
    assert translations("en") is translations("en")  # compiled once


def test_locales_available() -> None:
    assert locales_available() == ["zh-CN", "en"]
