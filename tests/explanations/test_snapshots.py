"""Snapshots: every scenario as plain text in both locales, a selection as Markdown, HTML and SVG.

Each snapshot is one readable file under ``__snapshots__/test_snapshots/``. Regenerate with
``pytest tests/explanations --snapshot-update`` and read the diff as a caller would hear it.
Key amounts are asserted plainly as well, so a wrong figure fails even in an updated snapshot.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator import calculate
from explanations import chart_svg, explain_request

from .scenarios import IDS, SCENARIOS, expect_of, request_of

LOCALES = {"zh": "zh-CN", "en": "en"}

MARKDOWN = [
    "pl_3a_first_self_pay_account", "nce_consultation_deductible_first", "ncr_referral_tcm_only",
    "xa_retire_may_same_month", "pl_retiree_five_visits_cap_used_up", "nc_retire_april_deductible_split",
    "pl_pharmacy_missing_level", "xa_without_parameters", "pl_out_of_force_2028",
    "pl_amount_only_assumed_in_scope", "pl_whatif_ratio_supplied", "ncr_poor_family_doctor_70",
]
HTML = [
    "pl_3a_first_self_pay_account", "nce_consultation_cap_used_up", "ncr_family_doctor_half_up",
    "xa_two_visits_cap", "nc_non_designated_pharmacy", "pl_missing_grade", "nce_out_of_force_2022",
    "pl_retire_june_four_visits", "ncr_three_visits_no_deductible_no_cap",
    "pl_exclusions_dual_channel_prenatal",
]
SVG = [
    ("zh", "pl_3a_first_self_pay_account"), ("zh", "nc_cap_partly_left"), ("zh", "ncr_signed_basic"),
    ("zh", "nce_retiree_three_visits_cap"), ("zh", "pl_non_designated_account_unused"),
    ("zh", "xa_two_visits_cap"), ("zh", "nce_consultation_deductible_first"),
    ("zh", "nc_deductible_not_met"), ("en", "pl_3a_first_self_pay_account"), ("en", "ncr_signed_basic"),
]


def _pairs(ids: list[str]) -> list[pytest.param]:
    return [pytest.param(lang, sid, id=f"{lang}-{sid}") for sid in ids for lang in LOCALES]


def _check_key_amounts(sid: str, lang: str, text: str) -> None:
    """The figure the scenario is about appears, formatted, in the explanation."""
    expect = expect_of(sid)
    if "fund" in expect:
        sign = "¥" if lang == "zh" else "CN¥"
        result = calculate(request_of(sid))
        assert str(result.totals.fund_pays) == expect["fund"], sid
        fund = f"{sign}{Decimal(expect['fund']):,.2f}"
        assert fund in text, f"{sid}: {fund} not in the explanation"
        personal = f"{sign}{result.totals.personal_pays:,.2f}"
        assert personal in text, f"{sid}: {personal} not in the explanation"
    else:
        assert ("还不能算出结果" if lang == "zh" else "No result yet") in text, sid


def test_there_are_enough_scenarios() -> None:
    policies = {SCENARIOS[s][0]["policy"] for s in IDS}
    assert len(IDS) >= 40
    assert policies == {"nanchong-employee", "xian-employee", "nanchang-employee", "nanchang-resident",
                        "pingliang-employee"}


@pytest.mark.parametrize(("lang", "sid"), _pairs(IDS))
def test_text(lang: str, sid: str, snapshot_txt) -> None:
    text = explain_request(request_of(sid), format="text", locale=LOCALES[lang])
    _check_key_amounts(sid, lang, text)
    assert text == snapshot_txt


@pytest.mark.parametrize(("lang", "sid"), _pairs(MARKDOWN))
def test_markdown(lang: str, sid: str, snapshot_md) -> None:
    text = explain_request(request_of(sid), format="markdown", locale=LOCALES[lang])
    _check_key_amounts(sid, lang, text)
    assert text == snapshot_md


@pytest.mark.parametrize(("lang", "sid"), _pairs(HTML))
def test_html(lang: str, sid: str, snapshot_html) -> None:
    text = explain_request(request_of(sid), format="html", locale=LOCALES[lang])
    _check_key_amounts(sid, lang, text)
    assert text == snapshot_html


@pytest.mark.parametrize(("lang", "sid"), [pytest.param(lang, sid, id=f"{lang}-{sid}") for lang, sid in SVG])
def test_svg(lang: str, sid: str, snapshot_svg) -> None:
    request = request_of(sid)
    svg = chart_svg(request, calculate(request), locale=LOCALES[lang]) + "\n"
    assert svg == snapshot_svg
