"""The rule packs: every figure cited, every quote verbatim, every article accounted for."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from calculator.coverage import coverage_markdown, coverage_rows
from calculator.errors import PackError, UnknownPolicy
from calculator.packs import _citations, get_pack, load_pack, load_packs
from calculator.registry import Registry, env_policy_dirs, use_registry
from calculator.text import normalise

ROOT = Path(__file__).resolve().parents[2]
POLICY_IDS = ["nanchong-employee", "xian-employee", "nanchang-employee", "nanchang-resident",
              "pingliang-employee"]
PINGLIANG = ROOT / "calculator" / "policies" / "pingliang-employee.toml"


def test_the_five_documents_are_packed():
    assert set(POLICY_IDS) <= set(load_packs())


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_every_quote_is_in_the_seed_document(policy_id, seeds_dir):
    pack = get_pack(policy_id)
    seed = normalise((seeds_dir / pack.meta.source_file).read_text(encoding="utf-8"))
    quotes = [(where, q) for where, _, q in _citations(pack)]
    assert quotes, "a pack without citations"
    missing = [f"{where}: {q}" for where, q in quotes if normalise(q) not in seed]
    assert not missing, "quotes not found verbatim in the document:\n" + "\n".join(missing)


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_every_article_text_is_the_documents(policy_id, seeds_dir):
    pack = get_pack(policy_id)
    seed = normalise((seeds_dir / pack.meta.source_file).read_text(encoding="utf-8"))
    for art in pack.articles:
        for sentence in re.split(r"(?<=[。；])", normalise(art.text)):
            assert sentence in seed, f"{policy_id} {art.id}: {sentence!r} is not in the document"


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_metadata_matches_the_seed_index(policy_id, seeds_dir):
    pack = get_pack(policy_id)
    index = (seeds_dir / "README.md").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if f"`{policy_id}`" in line)
    assert pack.meta.source_file in row
    assert pack.meta.document_number in row
    assert pack.meta.issuer in row


@pytest.mark.parametrize("policy_id", POLICY_IDS)
def test_every_article_is_encoded_or_explained(policy_id):
    rows = coverage_rows(get_pack(policy_id))
    assert rows
    for article, status, detail in rows:
        assert status in ("encoded", "out of scope")
        assert detail.strip(), f"{policy_id} {article} has no reason"


def test_coverage_table_is_current():
    committed = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert committed == coverage_markdown(), "run: python tools/write_coverage.py"


def _write_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = PINGLIANG.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_sound_pack_loads(tmp_path):
    pack = load_pack(_write_variant(tmp_path, 'id = "pingliang-employee"', 'id = "demo"'))
    assert pack.id == "demo"


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ('value = "200.00"\narticle = "第七条"', 'value = "200.00"\ncolour = "red"\narticle = "第七条"',
         "colour"),
        ('value = "2500.00"\narticle = "第七条"\nquote = "最高支付限额2500元"\n',
         'value = "2500.00"\narticle = "第七条"\nquote = ""\n', "quote"),
        ('quote = "最高支付限额2500元"', 'quote = "最高支付限额3000元"', "is not in the text"),
        ('article = "第六条"\nquote = "门诊医疗费用支付范围', 'article = "第九十九条"\nquote = "门诊医疗费用支付范围',
         "does not carry"),
        ('"1" = { value = "0.65"', '"1" = { value = 0.65', "带引号的字符串"),
        ('note = "制定依据，不设计算规则。"\n', "", "neither cited nor given a note"),
        ('reading = "retirement_same_month"', 'reading = "no_such_reading"', "no_such_reading"),
    ],
    ids=["unknown-field", "empty-quote", "quote-not-in-article", "unknown-article", "float-rate",
         "uncited-article", "undefined-reading"],
)
def test_the_loader_refuses_a_bad_pack(tmp_path, old, new, complaint):
    path = _write_variant(tmp_path, old, new)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert err.value.code == "pack_invalid"
    assert complaint in err.value.message


def test_a_deployment_adds_a_city_as_a_data_file(tmp_path):
    extra = tmp_path / "packs"
    extra.mkdir()
    text = PINGLIANG.read_text(encoding="utf-8").replace('id = "pingliang-employee"', 'id = "demo-city"')
    (extra / "demo.toml").write_text(text, encoding="utf-8")
    registry = Registry([extra])
    assert registry.get("demo-city").meta.document_number == "平政办发〔2022〕112号"
    assert "pingliang-employee" in registry.packs()
    with pytest.raises(UnknownPolicy):
        get_pack("demo-city")  # the default registry is untouched


def test_the_environment_is_read_at_the_edge_only(tmp_path):
    extra = tmp_path / "packs"
    extra.mkdir()
    (extra / "demo.toml").write_text(
        PINGLIANG.read_text(encoding="utf-8").replace('id = "pingliang-employee"', 'id = "demo-env"'), encoding="utf-8")
    dirs = env_policy_dirs({"MINGBAI_POLICY_DIRS": f"{extra}{os.pathsep} "})
    assert dirs == [extra]
    with use_registry(Registry(dirs)):
        assert get_pack("demo-env").id == "demo-env"
    with pytest.raises(UnknownPolicy):
        get_pack("demo-env")


def test_an_unknown_policy_is_named():
    with pytest.raises(UnknownPolicy) as err:
        get_pack("beijing-employee")
    assert err.value.path == "policy"
    assert "beijing-employee" in err.value.message


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('[cap.employee]\nvalue = "2500.00"', '[cap.employee]\nvalue = "3000.00"', "cap.employee"),
        ('[deductible.retiree]\nvalue = "200.00"', '[deductible.retiree]\nvalue = "250.00"', "deductible.retiree"),
        ('"3A" = { value = "0.55"', '"3A" = { value = "0.56"', "ratio.employee.3A"),
        ('class_b_drug = { value = "0.10"', 'class_b_drug = { value = "0.12"', "first_self_pay.class_b_drug"),
        ('basis = "fixed"\nvalue = "90.00"', 'basis = "fixed"\nvalue = "95.00"', "credits.retiree"),
    ],
    ids=["cap", "deductible", "ratio", "first-self-pay", "credit"],
)
def test_a_figure_its_quote_does_not_state_is_refused_with_the_path(tmp_path, old, new, where):
    path = _write_variant(tmp_path, old, new)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert err.value.code == "pack_invalid"
    assert err.value.path == str(path)
    assert f"{where}: the figure" in err.value.message and "is not in its quote" in err.value.message


def test_the_cap_3000_against_words_saying_2500_is_refused(tmp_path):
    path = _write_variant(tmp_path, '[cap.retiree]\nvalue = "2500.00"', '[cap.retiree]\nvalue = "3000.00"')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert "cap.retiree: the figure 3000元 is not in its quote '最高支付限额2500元'" in err.value.message


@pytest.mark.parametrize(
    ("value", "kind", "quote", "found"),
    [
        ("2500.00", "amount", "最高支付限额2500元", True),
        ("2500", "amount", "最高支付限额2,500元", True),
        ("2500", "amount", "最高支付限额两千五百元", True),
        ("250", "amount", "最高支付限额2500元", False),
        ("3000", "amount", "最高支付限额2500元", False),
        ("0.55", "rate", "三级55%", True),
        ("0.55", "rate", "三级百分之五十五", True),
        ("0.05", "rate", "支付比例提高5个百分点", True),
        ("0.55", "rate", "三级55元", False),
        ("55", "amount", "三级55%", False),
        ("0.028", "rate", "$2.8\\%$", True),
        ("37", "amount", "第一组    0,14-25    37", True),
    ],
)
def test_figures_are_read_from_the_words_as_documents_write_them(value, kind, quote, found):
    from decimal import Decimal

    from calculator.figures import figure_in_quote

    assert figure_in_quote(Decimal(value), kind, quote) is found
