"""The public API: names, formats, errors, the HTML fragment, the chart, locales, the CLI."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sys
import threading
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest

import explanations
from calculator import (
    InvalidRequest,
    MissingFact,
    MissingParameter,
    OutOfForce,
    UnknownPolicy,
    calculate,
    convert_request,
)
from explanations import chart_svg, explain, explain_error, explain_request, locales_available

from .scenarios import SCENARIOS, request_of


def test_public_names() -> None:
    assert explanations.__all__ == sorted(explanations.__all__)
    assert explanations.__all__ == ["Doc", "NotWarm", "activated", "bill_check_payload", "chart_svg", "explain",
                                    "explain_bill_check", "explain_budget", "explain_credits", "explain_error",
                                    "explain_formats", "explain_request", "explain_usage", "formatting", "headline", "labels",
                                    "locales_available", "precompile", "visit_views"]


def test_locales() -> None:
    assert locales_available() == ["zh-CN", "en"]
    result = calculate(request_of("nc_level1_account"))
    assert explain(result, locale="zh_CN") == explain(result, locale="zh-CN")
    assert explain(result, locale="en-US") == explain(result, locale="en")
    with pytest.raises(ValueError):
        explain(result, locale="fr")
    with pytest.raises(ValueError):
        explain(result, format="pdf")


def test_key_amounts_of_the_contract_example() -> None:
    text = explain_request(request_of("pl_3a_first_self_pay_account"))
    assert text.startswith("平凉职工医保在职职工，2026年5月10日在三级甲等定点医疗机构看门诊，费用合计¥1,050.00。")
    for line in ("统筹基金支付：¥429.00", "个人负担：¥621.00", "其中个人账户：¥300.00", "其中现金：¥321.00"):
        assert line in text
    assert "统筹基金按比例应付 (980.00 − 200.00) × 55% = 429.00 元。〔第七条〕" in text
    assert "起付线¥200.00已扣满" in text and "还剩¥2,071.00" in text
    assert "说明：" in text and "本计算按" in text and "理解" in text
    en = explain_request(request_of("pl_3a_first_self_pay_account"), locale="en")
    assert "The fund pays: CN¥429.00" in en and "(980.00 − 200.00) × 55% = CN¥429.00" in en


def test_xian_citations_name_the_plan_and_supplied_figures_their_source() -> None:
    text = explain_request(request_of("xa_level1_supplied_parameters"))
    assert "〔西安方案 四（三）〕" in text
    assert "（经办机构参数：测试用假设值（非西安市医保局公布数字））" in text
    assert "〔西安方案 四（三）〕" in explain_request(request_of("xa_without_parameters"))
    assert "〔Xi'an plan §4(3)〕" in explain_request(request_of("xa_level1_supplied_parameters"), locale="en")


def test_readings_are_stated_as_readings_never_quoted() -> None:
    result = calculate(request_of("ncr_poor_family_doctor_70"))
    text = explain(result)
    for a in result.assumptions:
        assert a.text in text
        assert f"“{a.text}" not in text
    assert "（这一步是本计算的理解，见说明②）" in text


@pytest.mark.parametrize(("sid", "error", "question"), [
    ("pl_pharmacy_missing_level", MissingFact, "是哪一级医院开的"),
    ("pl_missing_grade", MissingFact, "这家三级医院是甲等、乙等还是丙等"),
    ("xa_without_parameters", MissingParameter, "请提供经办机构公布的普通门诊起付线"),
    ("pl_out_of_force_2028", OutOfForce, "请核对就诊日期"),
])
def test_errors_become_explanations(sid: str, error: type, question: str) -> None:
    with pytest.raises(error) as caught:
        calculate(request_of(sid))
    text = explain_request(request_of(sid))
    assert question in text and "为什么要问" in text and "〔" in text
    # without the request the error is still explained (the visit's details are left out)
    assert "为什么要问" in explain_error(caught.value)
    html = explain_error(caught.value, format="html", locale="en")
    assert "<details" in html and "Why we ask" in html


def test_invalid_request_and_unknown_policy_are_raised() -> None:
    raw = dict(SCENARIOS["nc_level1_account"][0], policy="shanghai-employee")
    with pytest.raises(UnknownPolicy):
        explain_request(convert_request(raw))
    params = dict(SCENARIOS["xa_level1_supplied_parameters"][0])
    params["parameters"] = json.loads(json.dumps(params["parameters"]))
    params["parameters"]["ratio"]["employee"]["1"] = "0.45"
    with pytest.raises(InvalidRequest):
        explain_request(convert_request(params))


def test_html_is_a_fragment_with_expandable_citations_and_the_chart() -> None:
    request = request_of("pl_3a_first_self_pay_account")
    html = explain_request(request, format="html")
    assert "<html" not in html and "<body" not in html
    assert re.search(r"<details class=\"mb-cite\"><summary>〔第七条〕</summary><blockquote lang=\"zh-CN\">“", html)
    assert html.count("<svg") == 1 and "<script" not in html
    ET.fromstring(html)  # well-formed
    without = explain(calculate(request), format="html")
    assert "<svg" not in without


def test_html_escapes_supplied_text() -> None:
    raw = dict(SCENARIOS["pl_whatif_ratio_supplied"][0])
    raw["parameters"] = dict(raw["parameters"], source="<script>alert(1)</script> & *x*")
    request = convert_request(raw)
    html = explain_request(request, format="html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert r"\*x\*" in explain_request(request, format="markdown")


def test_chart_is_accessible_svg() -> None:
    request = request_of("nc_cap_partly_left")
    svg = chart_svg(request, calculate(request))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label")
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text
    assert "<script" not in svg
    assert "100.00" in root.find(f"{ns}desc").text  # the cap left, from the curve


def test_chart_of_each_visit() -> None:
    request = request_of("nce_retiree_three_visits_cap")
    result = calculate(request)
    first = chart_svg(request, result, visit=0)
    assert "2026年1月15日" in first and "2026年8月1日" not in first


def _render(locale: str) -> str:
    return explain(calculate(request_of("nce_consultation_deductible_first")), locale=locale)


def test_locales_do_not_race_between_threads() -> None:
    expected = {"zh-CN": _render("zh-CN"), "en": _render("en")}
    barrier = threading.Barrier(8)

    def work(i: int) -> bool:
        locale = "en" if i % 2 else "zh-CN"
        barrier.wait()
        return all(_render(locale) == expected[locale] for _ in range(5))

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(8)))


def test_locales_do_not_race_between_tasks() -> None:
    expected = {"zh-CN": _render("zh-CN"), "en": _render("en")}

    async def one(locale: str) -> bool:
        await asyncio.sleep(0)
        return _render(locale) == expected[locale]

    async def main() -> list[bool]:
        return await asyncio.gather(*(one("en" if i % 2 else "zh-CN") for i in range(10)))

    assert all(asyncio.run(main()))


def _cli(argv: list[str], stdin: bytes, monkeypatch, capsys) -> tuple[int, str]:
    from assistant.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_cli_explain(fmt: str, locale: str, monkeypatch, capsys) -> None:
    raw = json.dumps(SCENARIOS["pl_3a_first_self_pay_account"][0]).encode()
    code, out = _cli(["explain", "--format", fmt, "--locale", locale], raw, monkeypatch, capsys)
    assert code == 0
    assert ("¥429.00" if locale == "zh-CN" else "CN¥429.00") in out


def test_cli_explain_asks_for_a_missing_fact(monkeypatch, capsys) -> None:
    raw = json.dumps(SCENARIOS["nce_pharmacy_missing_level"][0]).encode()
    code, out = _cli(["explain"], raw, monkeypatch, capsys)
    assert code == 0 and "请问您在定点零售药店买药用的处方" in out


def test_cli_explain_invalid_input_exits_2(monkeypatch, capsys) -> None:
    raw = json.dumps(dict(SCENARIOS["nc_level1_account"][0], policy="shanghai-employee")).encode()
    code, out = _cli(["explain"], raw, monkeypatch, capsys)
    assert code == 2 and json.loads(out)["error"]["code"] == "unknown_policy"


def test_an_error_the_document_does_not_cover_is_explained_with_its_message() -> None:
    from calculator import CalculatorError

    error = CalculatorError(code="not_covered_by_document", path="visits",
                            message="某某文件没有规定这种费用如何处理，无法计算。")
    assert "某某文件没有规定这种费用如何处理" in explain_error(error)
    assert "The document does not say how this case is settled" in explain_error(error, locale="en")


def test_without_the_request_the_trace_names_the_provider() -> None:
    result = calculate(request_of("nce_pharmacy_prescribed_level2"))
    assert "在定点零售药店（凭二级定点医疗机构的处方）购药" in explain(result)
    assert explain(result, request=request_of("nce_pharmacy_prescribed_level2")) == explain(result)
