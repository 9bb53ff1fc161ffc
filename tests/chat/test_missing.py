"""calculator.missing: the facts a partial request still needs, each with its article (one source of rules)."""

from __future__ import annotations

from decimal import Decimal

from calculator import Partial, missing_facts


def facts(**kw) -> list[str]:
    return [m.fact for m in missing_facts(Partial(**kw))]


def test_an_employee_bill_needs_category_amount_level_and_position_in_that_order() -> None:
    # the amount before the provider: every reader agrees a missing amount is missing, while a
    # resident's provider is read by some as assumed (the signed institution), so it comes later
    assert facts(policy="nanchang-employee") == ["category", "amount", "provider_level", "year_start"]
    assert facts(policy="nanchang-resident") == ["amount", "provider_kind"]


def test_each_missing_fact_names_the_article_that_makes_it_matter() -> None:
    found = {m.fact: m for m in missing_facts(Partial(policy="nanchang-employee"))}
    assert found["category"].article == "第十七条" and found["year_start"].article == "第十七条"
    assert found["category"].quote


def test_pingliang_level_3_needs_the_grade_but_nanchang_does_not() -> None:
    base = {"category": "employee", "provider_level": 3, "amount": Decimal(1000), "year_position": True}
    assert facts(policy="pingliang-employee", **base) == ["provider_grade"]
    assert facts(policy="nanchang-employee", **base) == []


def test_a_pharmacy_needs_the_prescribing_level_where_the_document_settles_by_it() -> None:
    base = {"category": "retiree", "provider_kind": "pharmacy", "amount": Decimal(300), "year_position": True}
    assert facts(policy="nanchang-employee", **base) == ["prescribed_at_level"]
    assert facts(policy="nanchong-employee", **base) == []  # 南充 第七条 sets a pharmacy ratio


def test_a_resident_needs_where_not_the_year_position() -> None:
    assert facts(policy="nanchang-resident", amount=Decimal(200)) == ["provider_kind"]
    assert facts(policy="nanchang-resident", amount=Decimal(200), signed=True) == []


def test_xian_needs_no_position_until_figures_are_supplied() -> None:
    base = {"category": "employee", "provider_level": 2, "amount": Decimal(500)}
    assert facts(policy="xian-employee", **base) == []
    assert facts(policy="xian-employee", parameters_supplied=True, **base) == ["year_start"]


def test_a_non_designated_provider_needs_nothing_about_levels_or_position() -> None:
    assert facts(policy="nanchang-employee", category="employee", designated=False, amount=Decimal(500)) == []


def test_a_referral_that_pays_only_named_items_needs_their_part() -> None:
    # 南昌居民 第十二条: on a referral to the county TCM hospital only Chinese medicine is paid
    base = {"signed": False, "referral": "county_tcm", "amount": Decimal(800)}
    found = missing_facts(Partial(policy="nanchang-resident", **base))
    assert [m.fact for m in found] == ["referral_part"] and found[0].article == "第十二条"
    assert facts(policy="nanchang-resident", items=("tcm",), **base) == []
