"""The rule functions read like the law: each names the article it implements and quotes it verbatim."""

from __future__ import annotations

import inspect
import re

import pytest

from calculator import engine
from calculator.text import normalise

RULES = [engine.check_eligibility, engine.settle_category, engine.apply_scope, engine.apply_first_self_pay,
         engine.apply_deductible, engine.apply_ratio, engine.apply_cap, engine.pay_from_account,
         engine.check_parameters, engine.check_in_force, engine.find_tier]


@pytest.mark.parametrize("rule", RULES, ids=[r.__name__ for r in RULES])
def test_each_rule_names_its_articles_and_pack_section(rule):
    doc = inspect.getdoc(rule) or ""
    assert re.search(r"第[一二三四五六七八九十]+条|[一二三四五六七八九十]（[一二三四五六七八九十]+）", doc), rule.__name__
    assert "pack" in doc.lower(), f"{rule.__name__}: name the pack section the rule reads"


def test_every_quote_in_the_rules_is_the_documents_own_words(seeds_dir):
    seeds = "".join(normalise(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*.txt"))
    source = inspect.getsource(engine)
    quotes = [q for q in re.findall(r"“([^”{}]+)”", source)]
    assert len(quotes) > 15
    missing = [q for q in quotes if normalise(q) not in seeds]
    assert not missing, missing


def test_most_fund_paid_is_the_spending_past_the_deductible_at_the_highest_ratio() -> None:
    from decimal import Decimal

    from calculator import get_pack, most_fund_paid

    # 南昌在职: deductible 600, ratios 60 / 55 / 50 %, cap 1800 (第十七条)
    pack = get_pack("nanchang-employee")
    assert most_fund_paid(pack, "employee", Decimal("2000")) == Decimal("840.00")
    assert most_fund_paid(pack, "employee", Decimal("500")) == Decimal("0.00")
    assert most_fund_paid(pack, "employee", Decimal("9000")) == Decimal("1800.00")  # never past the cap


def test_which_items_are_settled_like_any_in_scope_cost() -> None:
    # 南充 sets no first self-pay and no consultation rule: class-B and the consultation fee are plain
    # in-scope costs; 平凉 第六条 takes a first self-pay of class B; 南昌职工 第二十三条 keeps the
    # consultation fee beside the cap; 南昌居民 第十二条 limits a referral to Chinese medicine
    from calculator import get_pack, settled_as_in_scope
    nanchong, pingliang = get_pack("nanchong-employee"), get_pack("pingliang-employee")
    assert settled_as_in_scope(nanchong, "class_b_drug") and settled_as_in_scope(nanchong, "consultation")
    assert not settled_as_in_scope(pingliang, "class_b_drug") and settled_as_in_scope(pingliang, "consultation")
    assert not settled_as_in_scope(get_pack("nanchang-employee"), "consultation")
    assert not any(settled_as_in_scope(get_pack("nanchang-resident"), c) for c in ("consultation", "class_b_drug"))
    assert not settled_as_in_scope(nanchong, "self_pay")


def test_class_b_drugs_and_services_settled_alike_except_where_a_document_sets_them_apart() -> None:
    # 平凉 第六条: 乙类药品先由个人自付10% … 乙类项目、耗材先由个人自付15% — the only document that does
    from calculator import default_registry, get_pack, settled_alike
    packs = default_registry().packs()
    apart = sorted(p for p, pack in packs.items() if not settled_alike(pack, "class_b_drug", "class_b_service"))
    assert apart == ["pingliang-employee"]
    assert settled_alike(get_pack("pingliang-employee"), "class_b_drug", "class_b_drug")
    # where no document sets a first self-pay, both kinds are plain in-scope costs
    assert settled_alike(get_pack("nanchong-employee"), "class_b_drug", "class_b_service")
