"""Normalisation, gazetteer and dates."""

from __future__ import annotations

import pytest

from assistant.chat import CITIES, DISTRICTS, find_dates, normalise, understand
from assistant.chat.gazetteer import find_places

pytestmark = pytest.mark.filterwarnings("error::UserWarning")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２００塊", "1200块"),
        ("醫療門診", "医疗门诊"),
        ("平涼市職工", "平凉市职工"),
        ("個人帳戶", "个人账户"),
        ("個人賬戶", "个人账户"),
        ("三級醫院、藥店", "三级医院、药店"),
        ("兩萬", "两万"),
        ("花了 1 200 元 ？", "花了1200元?"),
        ("NanChang", "nanchang"),
        ("hello world", "hello world"),
        ("報消", "报销"),
        ("起伏线", "起付线"),
        ("１２００快", "1200块"),
        ("快乐", "快乐"),
        ("壹仟贰佰圆", "一千二百元"),
        ("￥５０", "¥50"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", ["平涼市上班的，三甲醫院看病花了１２００塊", "個人帳戶能不能給我媽用？", "ＡＢＣ　１２３"])
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw)
    assert normalise(once) == once


@pytest.mark.parametrize("name", sorted(DISTRICTS))
def test_every_district_names_its_city(name: str) -> None:
    city, forms, weak = DISTRICTS[name]
    for form in forms:
        written = form.split("(")[0]  # forms may carry a guard such as 嘉陵(?!江)
        if weak:  # a name other cities share (西湖区, 高新区) says the city only beside it
            assert understand(f"{written}职工").facts.city is None, written
            written = f"{city}{written}"
        facts = understand(f"{written}职工").facts
        assert facts.city == city, written
        assert facts.policy == f"{CITIES[city]}-employee"
        if not weak:
            assert facts.district == name, written


@pytest.mark.parametrize("city", sorted(CITIES))
def test_every_city(city: str) -> None:
    for written in (city, f"{city}市", CITIES[city].upper()):
        facts = understand(f"{written}退休").facts
        assert facts.city == city, written
        assert facts.category == "retiree"
        assert facts.policy == f"{CITIES[city]}-employee"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("江西安义", "南昌"),
        ("陕西西安", "西安"),
        ("四川南充阆中", "南充"),
        ("甘肃平凉静宁", "平凉"),
        ("南昌县", "南昌"),
    ],
)
def test_longest_match_first(text: str, city: str) -> None:
    hits = [h for h in find_places(text) if "city" in h.sets]
    assert {h.sets["city"] for h in hits} == {city}


@pytest.mark.parametrize("text", ["西湖", "南部", "新建", "长安", "东湖", "嘉陵江", "新城", "江西", "陕西"])
def test_ambiguous_names_alone_name_no_city(text: str) -> None:
    assert understand(text).facts.city is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年5月10日", (2026, 5, 10)),
        ("2026-05-10", (2026, 5, 10)),
        ("2026/5/10", (2026, 5, 10)),
        ("5月10号", (None, 5, 10)),
        ("5月", (None, 5, None)),
        ("5月份", (None, 5, None)),
        ("十二月三号", (None, 12, 3)),
        ("二〇二六年三月", (2026, 3, None)),
        ("2023年", (2023, None, None)),
    ],
)
def test_dates(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    (date,) = find_dates(normalise(text))
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize("text", ["三个月", "上个月", "13月", "5月32号", "昨天", "3点"])
def test_not_dates(text: str) -> None:
    found = find_dates(normalise(text))
    assert all(d.month is None or 1 <= d.month <= 12 for d in found)
    assert all(d.day is None for d in found)
    assert not found or text == "5月32号"
