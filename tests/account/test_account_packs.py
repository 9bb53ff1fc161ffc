"""The packs' account and budget sections: checked by the loader like every other figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator.coverage import coverage_rows
from calculator.errors import PackError
from calculator.packs import get_pack, load_pack

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "calculator" / "policies"


def variant(tmp_path: Path, pack: str, old: str, new: str) -> Path:
    text = (POLICIES / f"{pack}.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


PINGLIANG_SELF_ROW = '''[[account_uses]]
beneficiaries = ["self"]
purposes = ["designated_hospital", "designated_pharmacy"]
answer = "allowed"
article = "第十六条"
quote = "个人账户主要用于支付参保人员在定点医疗机构或定点零售药店发生的政策范围内自付费用"
'''


@pytest.mark.parametrize(("pack", "old", "new", "complaint"), [
    ("pingliang-employee", PINGLIANG_SELF_ROW, "", "no answer for (self, designated_hospital)"),
    ("pingliang-employee", PINGLIANG_SELF_ROW, PINGLIANG_SELF_ROW + "\n" + PINGLIANG_SELF_ROW,
     "is already answered"),
    ("pingliang-employee", PINGLIANG_SELF_ROW,
     PINGLIANG_SELF_ROW.replace('article = "第十六条"\nquote = "个人账户主要用于支付参保人员在定点医疗机构或定点零售药店发生的政策范围内自付费用"\n', ""),
     "needs an article and a quote"),
    ("pingliang-employee", 'purposes = ["checkup"]\nanswer = "not_stated"\nreading = "use_checkup_not_covered"\n',
     'purposes = ["checkup"]\nanswer = "not_stated"\n', "needs a reading and read_as"),
    ("pingliang-employee", 'purposes = ["designated_hospital", "designated_pharmacy"]',
     'purposes = ["designated_hospital", "gym"]', "gym"),
    ("pingliang-employee", PINGLIANG_SELF_ROW, PINGLIANG_SELF_ROW.replace("政策范围内自付费用", "全部费用"),
     "is not in the text of 第十六条"),
    ("pingliang-employee", 'basis = "fixed"\nvalue = "90.00"', 'basis = "fixed"\nvalue = "95.00"',
     "the figure 95元 is not in its quote"),
    ("nanchong-employee", 'basis = "pension_average"\nvalue = "0.028"', 'basis = "pension_average"\nvalue = "0.03"',
     "the figure 3% is not in its quote"),
    ("nanchang-employee", 'reading = "use_not_listed"\nread_as = "unknown"', 'reading = "use_nowhere"\nread_as = "unknown"',
     "use_nowhere"),
    ("nanchang-resident", 'ages = "0,14-25"', 'ages = "0,14-24"', "age 25 is in 0 groups"),
    ("nanchang-resident", 'ages = "3-5,65-80,82"', 'ages = "3-5,65-81,82"', "age 81 is in 2 groups"),
    ("nanchang-resident", 'value = "141.00"', 'value = "140.00"', "the figure 140 is not in its quote"),
    ("nanchang-resident", 'value = "0.90"', 'value = "0.95"', "the figure 95% is not in its quote"),
    ("nanchang-resident", "[budget]\n", '[[account_uses]]\nbeneficiaries = ["self"]\npurposes = ["fitness"]\n'
     'answer = "not_stated"\nreading = "no_account"\nread_as = "not_allowed"\n\n[budget]\n',
     "the pack says there is no personal account"),
], ids=["missing-pair", "duplicate-pair", "uncited-answer", "not-stated-without-reading", "unknown-purpose",
        "quote-not-in-article", "credit-figure-not-quoted", "rate-not-quoted", "undefined-reading",
        "age-gap", "age-overlap", "budget-figure-not-quoted", "threshold-not-quoted", "uses-without-account"])
def test_the_loader_refuses_a_bad_account_or_budget_section(tmp_path, pack, old, new, complaint):
    with pytest.raises(PackError) as err:
        load_pack(variant(tmp_path, pack, old, new))
    assert complaint in err.value.message


@pytest.mark.parametrize(("pack", "articles"), [
    ("nanchong-employee", ["第十三条", "第十四条", "第十八条", "第十九条"]),
    ("xian-employee", ["四（一）", "四（二）"]),
    ("nanchang-employee", ["第七条", "第八条", "第九条", "第十条", "第十一条", "第十二条", "第十四条"]),
    ("pingliang-employee", ["第九条", "第十五条", "第十六条", "第十七条"]),
    ("nanchang-resident", ["第二十二条", "第二十三条", "第二十五条", "第二十六条", "第二十七条", "第二十八条",
                           "第二十九条"]),
])
def test_account_and_budget_articles_are_encoded(pack, articles):
    rows = {a: (status, detail) for a, status, detail in coverage_rows(get_pack(pack))}
    for article in articles:
        assert rows[article][0] == "encoded", f"{pack} {article}: {rows[article]}"


def test_every_employee_pack_has_credits_and_a_complete_use_table():
    for pack_id in ("nanchong-employee", "xian-employee", "nanchang-employee", "pingliang-employee"):
        pack = get_pack(pack_id)
        assert pack.credits is not None and pack.account_uses and pack.budget is None
    resident = get_pack("nanchang-resident")
    assert resident.credits is None and not resident.account_uses and resident.budget is not None
