"""Amounts: every written form, roles, things that are not money; cn2an warnings are errors."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chat import amounts as amounts_module
from assistant.chat import extract_amounts, parse_amount, parse_number, understand

pytestmark = pytest.mark.filterwarnings("error::UserWarning")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200元", "1200.00"),
        ("1,200块", "1200.00"),
        ("12,345.60元", "12345.60"),
        ("¥1200", "1200.00"),
        ("￥1200", "1200.00"),
        ("¥ 1200", "1200.00"),
        ("1200.5元", "1200.50"),
        ("0.5元", "0.50"),
        ("１２００元", "1200.00"),
        ("一千二百元", "1200.00"),
        ("花了一千二", "1200.00"),
        ("两千块", "2000.00"),
        ("花了两千", "2000.00"),
        ("花了1.2千", "1200.00"),
        ("1.2万", "12000.00"),
        ("1.25万元", "12500.00"),
        ("1万2", "12000.00"),
        ("3千5", "3500.00"),
        ("三百五十块五毛", "350.50"),
        ("八十八块八", "88.80"),
        ("五块二毛三", "5.23"),
        ("5块2毛3分", "5.23"),
        ("5元2角3分", "5.23"),
        ("五块零五分", "5.05"),
        ("一块五", "1.50"),
        ("五毛", "0.50"),
        ("八毛八", "0.88"),
        ("十块钱", "10.00"),
        ("二百五十元", "250.00"),
        ("两百五", "250.00"),
        ("一百零五块", "105.00"),
        ("一万零五百元", "10500.00"),
        ("九万九千九百九十九元", "99999.00"),
        ("壹仟贰佰元", "1200.00"),
        ("一千二百三十四元五角六分", "1234.56"),
        ("花了1200", "1200.00"),
        ("一共1200", "1200.00"),
        ("总共花了一千二百块钱", "1200.00"),
        ("1200rmb", "1200.00"),
        ("1200块。", "1200.00"),
        ("1200快", "1200.00"),
        ("三级医院1200", "1200.00"),
    ],
)
def test_exact_forms(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "三级医院",
        "二甲医院",
        "2023年",
        "2026年5月10日",
        "5月",
        "5月10号",
        "十二月三号",
        "第一次",
        "第二次看病",
        "看了3次",
        "我65岁",
        "60%",
        "百分之六十",
        "报六成",
        "两病",
        "三个月",
        "和老婆一块去的",
        "第一人民医院",
        "301医院",
        "二甲双胍",
        "13812345678",
        "统一零售价",
        "万一",
        "一般",
        "七八百",
        "一千出头",
        "一千多块",
        "大概一千二",
        "1200元左右",
        "不是1200",
    ],
)
def test_not_an_exact_amount(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("一共1200，其中自费200，乙类药300", {"total": "1200.00", "self_pay": "200.00", "class_b_drug": "300.00"}),
        ("花了1000，其中200是自费的", {"total": "1000.00", "self_pay": "200.00"}),
        ("乙类药品花了400元", {"class_b_drug": "400.00"}),
        ("今年已经报了300元", {"fund_paid": "300.00"}),
        ("统筹已经付了500", {"fund_paid": "500.00"}),
        ("统筹基金今年已经支付了800", {"fund_paid": "800.00"}),
        ("起付线累计了300元", {"deductible_used": "300.00"}),
        ("已经扣了200起付线", {"deductible_used": "200.00"}),
        ("起付线已经扣了150", {"deductible_used": "150.00"}),
        ("个人账户还有500", {"account_balance": "500.00"}),
        ("医保卡里还有800块", {"account_balance": "800.00"}),
        ("账户余额是320.5", {"account_balance": "320.50"}),
        ("起付线是600吗", {"stated_deductible": "600.00"}),  # the rule's own figure, placed (not the bill)
        ("我工资5000", {"other": "5000.00"}),
    ],
)
def test_roles(text: str, roles: dict[str, str]) -> None:
    found = {a.role: str(a.value) for a in extract_amounts(text)}
    assert found == roles


def test_unlabelled_amount_has_no_role_and_is_the_total() -> None:
    (amount,) = extract_amounts("三级医院1200元")
    assert amount.role is None and not amount.explicit
    assert understand("三级医院1200元").facts.amount == Decimal("1200.00")


def test_approximate_and_negated_are_flagged() -> None:
    (rough,) = extract_amounts("花了一千多")
    assert rough.approximate and rough.value == Decimal("1000.00")
    wrong, right = extract_amounts("不是1200，是1500")
    assert wrong.negated and not right.negated
    assert understand("花了一千多").approximate_amount == Decimal("1000.00")


def test_spans_index_the_normalised_text() -> None:
    (amount,) = extract_amounts("平涼，花了１２００塊")
    assert amount.text == "1200块"


def test_amounts_are_decimal_with_two_places() -> None:
    for amount in extract_amounts("花了1200，自费五块二毛三，乙类1.2千"):
        assert isinstance(amount.value, Decimal)
        assert amount.value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("num", "expected"),
    [("1200", "1200"), ("1,200", "1200"), ("1.2万", "12000.0"), ("一千二", "1200"), ("两千", "2000"), ("十", "10")],
)
def test_parse_number(num: str, expected: str) -> None:
    assert parse_number(num) == Decimal(expected)


@pytest.mark.parametrize("num", ["七八百", "一两千", "万一", "一般", "1.2.3", ""])
def test_parse_number_refuses(num: str) -> None:
    assert parse_number(num) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99999))
def test_any_integer_yuan(n: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_amount(f"{n}元") == Decimal(n)
        assert understand(f"{n}元").facts.amount == Decimal(n)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_any_decimal_yuan(value: Decimal) -> None:
    assert parse_amount(f"花了{value}元") == value.quantize(Decimal("0.01"))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999))
def test_any_integer_in_chinese_numerals(n: int) -> None:
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        words = cn2an.an2cn(n)
        assert parse_amount(f"{words}元") == Decimal(n)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_and_never_warns(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        extract_amounts(text)
        understand(text)


_FRAGMENTS = st.sampled_from(
    list("0123456789零一二两三四五六七八九十百千万元块毛角分钱.,¥年月日号级次个第不是多")
    + ["花了", "一共", "自费", "乙类", "起付线", "报了", "还有", "个人账户", "医院", "，", "不对", "左右"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=14).map("".join))
def test_numeral_soup_never_raises_or_warns(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for amount in extract_amounts(text):
            assert amount.value >= 0
            assert amount.value.as_tuple().exponent == -2
        understand(text)


_CUE_REFERENCE = re.compile("(?:" + "|".join(f"(?P<c{i}>{src})" for i, (_, src) in enumerate(amounts_module._PRE_CUES)) + ")")
#: the words the cues are made of (literal runs of their sources): texts built of them meet many cues
_CUE_WORDS = sorted({w for _, src in amounts_module._PRE_CUES for w in re.findall(r"[\u4e00-\u9fffa-z ]{1,6}", src)})


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_CUE_WORDS, "，", "0", "12", "了", "的"]), max_size=12).map("".join))
def test_the_cue_alternation_scans_as_the_whole_pattern_would(text: str) -> None:
    # trying only the cues that can start with a position's character changes no match, no span,
    # no group (the reference: finditer and fullmatch of the whole alternation)
    expected = [(m.span(), m.lastgroup) for m in _CUE_REFERENCE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in amounts_module._PRE_CUE_RE.finditer(text)] == expected
    whole, fast = _CUE_REFERENCE.fullmatch(text), amounts_module._PRE_CUE_RE.fullmatch(text)
    assert (whole and (whole.span(), whole.lastgroup)) == (fast and (fast.span(), fast.lastgroup))


def test_the_cue_alternation_finds_cues_in_real_clauses() -> None:
    found = [(m.group(0), m.lastgroup) for m in amounts_module._PRE_CUE_RE.finditer("我是南昌退休职工,三级医院花了")]
    assert found == [(m.group(0), m.lastgroup) for m in _CUE_REFERENCE.finditer("我是南昌退休职工,三级医院花了")]
    assert found and found[-1][0] == "花了"
