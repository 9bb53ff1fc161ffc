"""Supplements: a bureau's published figures for a document that leaves them open (西安).

The supplement used here is a test fixture with invented words (tests/calculator/supplements/);
the figures below are computed by hand from it.
"""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from calculator import convert_request, settle
from calculator.errors import MissingParameter, PackError
from calculator.packs import BUILTIN_DIR
from calculator.registry import Registry
from calculator.supplements import supplement_files

HERE = Path(__file__).parent / "supplements"
FIXTURE = HERE / "xian-2025-test.supplement.toml"
SOURCE = "测试用职工门诊统筹待遇标准（虚构，非真实文件）（测试〔2025〕1号）"


def xian(date: str, amount: str, level: int = 1, category: str = "employee", **extra):
    return convert_request({
        "policy": "xian-employee", "insured": {"category": category},
        "visits": [{"date": date, "provider": {"kind": "hospital", "level": level}, "amount": amount}], **extra})


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry([HERE])


def run(registry: Registry, req):
    return settle(req, registry.get(req.policy), supplements=registry.supplements(req.policy))


def step(visit, kind):
    return next(s for s in visit.steps if s.kind == kind)


def test_a_supplement_fills_the_figures_the_plan_leaves_to_the_bureau(registry):
    # 在职, 一级, 1000.00, first visit of 2025: 起付标准 500 (一、) → 500.00 above; 60% (二、) → 300.00
    result = run(registry, xian("2025-03-02", "1000.00"))
    v = result.visits[0]
    assert (v.deductible_applied, v.ratio, v.fund_pays, v.personal_pays) == (
        D("500.00"), D("0.60"), D("300.00"), D("700.00"))
    ded = step(v, "deductible")
    first = ded.citations[0]
    assert (first.article, first.quote, first.source, first.supplied) == (
        "测试〔2025〕1号一、", "在职职工起付标准为500元", SOURCE, False)
    ratio = step(v, "ratio")
    assert ratio.citations[0].article == "测试〔2025〕1号二、"
    assert ratio.citations[0].quote == "一级及以下定点医疗机构在职职工60%"
    assert ratio.citations[1].article == "四（三）"  # the plan's floor the figure was checked against
    assert result.year_end.cap == D("1500.00")


def test_a_retiree_gets_the_supplements_retiree_figures(registry):
    # 退休, 三级, 3000.00: 起付标准 400 → 2600.00 × 55% (百分之五十五) = 1430.00; cap 2000 not reached
    v = run(registry, xian("2025-06-01", "3000.00", level=3, category="retiree")).visits[0]
    assert str(v.fund_pays) == "1430.00" and str(v.deductible_applied) == "400.00"
    assert step(v, "cap").citations[0].quote == "退休人员年度最高支付限额为2000元"


def test_outside_its_dates_the_plan_still_needs_figures(registry):
    with pytest.raises(MissingParameter) as err:
        run(registry, xian("2026-03-02", "1000.00"))
    assert err.value.path == "parameters"
    assert "由市医疗保障局确定" in err.value.message


def test_a_requests_own_parameters_win_and_are_cited_as_supplied(registry):
    params = {"source": "参保人结算单", "ratio": {"employee": {"1": "0.70"}}}
    v = run(registry, xian("2025-03-02", "1000.00", parameters=params)).visits[0]
    # 起付标准 still the supplement's 500; ratio the request's 70%: 500.00 × 0.70 = 350.00
    assert str(v.fund_pays) == "350.00" and str(v.deductible_applied) == "500.00"
    cite = step(v, "ratio").citations[0]
    assert cite.supplied and cite.source == "参保人结算单"
    assert step(v, "deductible").citations[0].source == SOURCE


def test_no_supplement_ships_with_the_built_in_packs():
    assert supplement_files(BUILTIN_DIR) == []


def test_a_supplements_folder_is_read_too(tmp_path):
    (tmp_path / "supplements").mkdir()
    shutil.copy(FIXTURE, tmp_path / "supplements" / "xian.toml")
    reg = Registry([tmp_path])
    assert [s.source.document_number for s in reg.supplements("xian-employee")] == ["测试〔2025〕1号"]


def _variant(tmp_path: Path, old: str, new: str, name: str = "v.supplement.toml") -> Registry:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return Registry([tmp_path])


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ('[cap.employee]\nvalue = "1500.00"', '[cap.employee]\nvalue = "1800.00"',
         "cap.employee: the figure 1800元 is not in its quote"),
        ('"1" = { value = "0.60", article = "二、", quote = "一级及以下定点医疗机构在职职工60%" }',
         '"1" = { value = "0.45", article = "二、", quote = "在职职工45%" }', "not in the text of 二、"),
        ('quote = "退休人员起付标准为四百元"', 'quote = "退休人员起付标准为三百元"', "not in the text of 一、"),
        ('"2" = { value = "0.60", article = "二、", quote = "二级定点医疗机构在职职工55%、退休人员60%" }',
         '"2" = { value = "0.50", article = "二、", quote = "三级定点医疗机构在职职工50%" }',
         "ratio.retiree.2: 0.50 is below the employees' 0.55"),
        ('policy = "xian-employee"', 'policy = "beijing-employee"', "no pack beijing-employee"),
        ('value = "500.00"', 'value = 500.00', "带引号的字符串"),
    ],
    ids=["figure-not-in-quote", "quote-not-in-article", "changed-words", "retiree-below", "unknown-policy",
         "float"],
)
def test_a_bad_supplement_is_refused_with_its_path(tmp_path, old, new, complaint):
    reg = _variant(tmp_path, old, new)
    with pytest.raises(PackError) as err:
        reg.packs()
    assert err.value.path.endswith("v.supplement.toml")
    assert complaint in err.value.message


def test_a_ratio_below_the_plans_floor_is_refused(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("三级定点医疗机构在职职工50%", "三级定点医疗机构在职职工45%").replace(
        '"3" = { value = "0.50"', '"3" = { value = "0.45"')
    (tmp_path / "low.supplement.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as err:
        Registry([tmp_path]).packs()
    assert "ratio.employee.3: 0.45 is below the document's floor 0.50" in err.value.message
    assert "不低于50%" in err.value.message


def test_two_supplements_for_the_same_dates_are_refused(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "a.supplement.toml")
    shutil.copy(FIXTURE, tmp_path / "b.supplement.toml")
    with pytest.raises(PackError) as err:
        Registry([tmp_path]).packs()
    assert "适用期重叠" in err.value.message
