"""May the account pay for this: the full use table of every policy, checked against its articles.

The expected tables below were read off the documents by hand (南充 第十八条、第十九条; 南昌 第十一条、
第十二条、第十四条; 西安 四（二）; 平凉 第十六条、第十七条); each row names the answer and the article
(or, where the document is silent, the reading). They do not come from the packs.
"""

from __future__ import annotations

import json

import msgspec
import pytest

from calculator import get_pack, usage_run_json
from calculator.errors import InvalidRequest
from calculator.packs import BENEFICIARIES, PURPOSES
from calculator.text import normalise

FAMILY = ("spouse", "parent", "child")
EVERYONE = BENEFICIARIES
ALL = "all"


def table(*rows: tuple) -> dict[tuple[str, str], tuple]:
    """Expand (beneficiaries, purposes, answer, article-or-reading, read_as) rows to one per pair."""
    out: dict[tuple[str, str], tuple] = {}
    for who, what, answer, source, read_as in rows:
        for b in (EVERYONE if who == ALL else who):
            for p in what:
                assert (b, p) not in out, f"the expected table answers ({b}, {p}) twice"
                out[(b, p)] = (answer, source, read_as)
    assert len(out) == len(BENEFICIARIES) * len(PURPOSES), "the expected table is incomplete"
    return out


HOSPITAL, PHARMACY = "designated_hospital", "designated_pharmacy"
RESIDENT, SERIOUS = "resident_contribution", "serious_illness_contribution"
MONEY_USES = (HOSPITAL, PHARMACY, RESIDENT, SERIOUS)

EXPECTED = {
    # 第十八条 (一)(二)(三): self and family at designated providers and pharmacies, and their resident
    # and 大额 contributions; 第十九条: not public health, fitness, wellness.
    "nanchong-employee": table(
        (("self",), (HOSPITAL, PHARMACY), "allowed", "第十八条", None),
        (FAMILY, (HOSPITAL, PHARMACY), "allowed", "第十八条", None),
        (("self",) + FAMILY, (RESIDENT, SERIOUS), "allowed", "第十八条", None),
        (("other",), MONEY_USES, "not_stated", "use_family_only", "not_allowed"),
        (ALL, ("public_health", "fitness", "wellness"), "not_allowed", "第十九条", None),
        (ALL, ("checkup",), "not_stated", "use_checkup_not_covered", "not_allowed"),
        (ALL, ("abroad",), "not_stated", "use_designated_only", "not_allowed"),
        (ALL, ("work_injury", "third_party"), "not_stated", "use_personal_share_only", "not_allowed"),
        (ALL, ("cash_withdrawal",), "not_stated", "use_no_cash", "not_allowed"),
    ),
    # 第十一条 (一)(二)(三) self; (四)(五)(六) family once the bureau's rules exist; 第十二条 the
    # prohibitions (工伤, 第三人, 公共卫生, 境外, 健身/养生/体检); 第十四条 no cash.
    "nanchang-employee": table(
        (("self",), (HOSPITAL, PHARMACY, SERIOUS), "allowed", "第十一条", None),
        (FAMILY, (HOSPITAL, PHARMACY, RESIDENT), "pending_rules", "第十一条", None),
        (("self",), (RESIDENT,), "not_stated", "use_self_resident_contribution", "not_allowed"),
        (FAMILY, (SERIOUS,), "not_stated", "use_not_listed", "unknown"),
        (("other",), MONEY_USES, "not_stated", "use_family_only", "not_allowed"),
        (ALL, ("work_injury", "third_party", "public_health", "abroad", "fitness", "wellness", "checkup"),
         "not_allowed", "第十二条", None),
        (ALL, ("cash_withdrawal",), "not_allowed", "第十四条", None),
    ),
    # 四（二）: self and family at designated providers and pharmacies; family resident contributions
    # "推进落实"; not public health, fitness, wellness.
    "xian-employee": table(
        (("self",) + FAMILY, (HOSPITAL, PHARMACY), "allowed", "四（二）", None),
        (FAMILY, (RESIDENT,), "pending_rules", "四（二）", None),
        (("self",), (RESIDENT,), "not_stated", "use_self_resident_contribution", "not_allowed"),
        (("self",) + FAMILY, (SERIOUS,), "not_stated", "use_not_listed", "unknown"),
        (("other",), MONEY_USES, "not_stated", "use_family_only", "not_allowed"),
        (ALL, ("public_health", "fitness", "wellness"), "not_allowed", "四（二）", None),
        (ALL, ("checkup",), "not_stated", "use_checkup_not_covered", "not_allowed"),
        (ALL, ("abroad",), "not_stated", "use_designated_only", "not_allowed"),
        (ALL, ("work_injury", "third_party"), "not_stated", "use_personal_share_only", "not_allowed"),
        (ALL, ("cash_withdrawal",), "not_stated", "use_no_cash", "not_allowed"),
    ),
    # 第十六条: self and family at designated providers and pharmacies; family resident contributions
    # "相关条件具备后"; 第十七条: not public health, fitness, wellness.
    "pingliang-employee": table(
        (("self",) + FAMILY, (HOSPITAL, PHARMACY), "allowed", "第十六条", None),
        (FAMILY, (RESIDENT,), "pending_rules", "第十六条", None),
        (("self",), (RESIDENT,), "not_stated", "use_self_resident_contribution", "not_allowed"),
        (("self",) + FAMILY, (SERIOUS,), "not_stated", "use_not_listed", "unknown"),
        (("other",), MONEY_USES, "not_stated", "use_family_only", "not_allowed"),
        (ALL, ("public_health", "fitness", "wellness"), "not_allowed", "第十七条", None),
        (ALL, ("checkup",), "not_stated", "use_checkup_not_covered", "not_allowed"),
        (ALL, ("abroad",), "not_stated", "use_designated_only", "not_allowed"),
        (ALL, ("work_injury", "third_party"), "not_stated", "use_personal_share_only", "not_allowed"),
        (ALL, ("cash_withdrawal",), "not_stated", "use_no_cash", "not_allowed"),
    ),
}

#: Words the quote of a cited (allowed / not allowed / pending) row must contain for its purpose.
PURPOSE_WORDS = {
    HOSPITAL: ("定点医疗机构",), PHARMACY: ("定点零售药店",), RESIDENT: ("城乡居民基本医疗保险",),
    SERIOUS: ("大病保险", "大额医疗费用补助"), "checkup": ("健康体检",), "fitness": ("体育健身",),
    "wellness": ("养生保健",), "public_health": ("公共卫生",), "abroad": ("境外",), "work_injury": ("工伤",),
    "third_party": ("第三人",), "cash_withdrawal": ("现金",),
}


def ask(**request) -> dict:
    return msgspec.to_builtins(usage_run_json(json.dumps(request, ensure_ascii=False)))


@pytest.mark.parametrize("policy", sorted(EXPECTED))
def test_the_whole_table_matches_the_articles(policy):
    result = ask(policy=policy)
    assert result["account"] is True
    rows = result["rows"]
    assert [(r["beneficiary"], r["purpose"]) for r in rows] == [(b, p) for b in BENEFICIARIES for p in PURPOSES]
    for row in rows:
        answer, source, read_as = EXPECTED[policy][(row["beneficiary"], row["purpose"])]
        where = f"{policy} ({row['beneficiary']}, {row['purpose']})"
        assert row["answer"] == answer, where
        assert row["read_as"] == read_as, where
        if answer == "not_stated":
            assert row["readings"] == [source], where
            assert "解读" in row["text"], where
            assert row["citations"], where
        else:
            assert row["citations"][0]["article"] == source, where
            quote = row["citations"][0]["quote"]
            assert any(w in quote for w in PURPOSE_WORDS[row["purpose"]]), f"{where}: {quote}"
            if row["beneficiary"] in FAMILY and answer != "not_allowed":
                assert "配偶、父母、子女" in quote, f"{where}: {quote}"
            if answer == "not_allowed":
                assert "不得" in " ".join(c["quote"] for c in row["citations"]), where


@pytest.mark.parametrize("policy", sorted(EXPECTED))
def test_every_cited_quote_is_in_its_articles_text(policy):
    pack = get_pack(policy)
    for row in ask(policy=policy)["rows"]:
        for c in row["citations"]:
            assert normalise(c["quote"]) in normalise(pack.article(c["article"]).text)


def test_nanchang_family_uses_wait_for_the_bureaus_operating_rules():
    row = ask(policy="nanchang-employee", beneficiary="parent", purpose="designated_pharmacy")["answer"]
    assert row["answer"] == "pending_rules"
    quotes = [c["quote"] for c in row["citations"]]
    assert "参保人员配偶、父母、子女在定点零售药店购买药品、医疗器械、医用耗材发生的由个人负担的费用" in quotes
    assert "其中（四）、（五）、（六）由市医疗保障局根据上级规定制定具体操作办法并组织实施" in quotes
    assert "具体操作办法" in row["text"]


def test_one_question_gets_one_answer():
    result = ask(policy="pingliang-employee", beneficiary="parent", purpose="designated_pharmacy")
    assert result["answer"]["answer"] == "allowed"
    assert result["rows"] == [result["answer"]]
    assert result["text"] == result["answer"]["text"]
    assert "父母" in result["text"] and "第十六条" in result["text"]


def test_a_beneficiary_alone_filters_the_table():
    result = ask(policy="xian-employee", beneficiary="spouse")
    assert [r["purpose"] for r in result["rows"]] == list(PURPOSES)
    assert result["answer"] is None


def test_a_purpose_alone_filters_the_table():
    result = ask(policy="nanchang-employee", purpose="checkup")
    assert [r["beneficiary"] for r in result["rows"]] == list(BENEFICIARIES)
    assert {r["answer"] for r in result["rows"]} == {"not_allowed"}


def test_readings_used_are_listed_as_assumptions():
    result = ask(policy="nanchong-employee", beneficiary="self", purpose="checkup")
    assert [a["id"] for a in result["assumptions"]] == ["use_checkup_not_covered"]
    assert result["assumptions"][0]["kind"] == "reading"


def test_the_resident_scheme_has_no_account():
    result = ask(policy="nanchang-resident", beneficiary="parent", purpose="designated_pharmacy")
    assert result["account"] is False and result["rows"] == [] and result["answer"] is None
    assert "不设个人账户" in result["text"] and result["citations"]


def test_pingliang_flexible_workers_have_no_account():
    result = ask(policy="pingliang-employee", category="flexible")
    assert result["account"] is False and result["rows"] == []
    assert result["citations"][0]["article"] == "第九条"


@pytest.mark.parametrize(("change", "path"), [
    ({"beneficiary": "cousin"}, "beneficiary"),
    ({"purpose": "gym"}, "purpose"),
    ({"category": "student"}, "category"),
])
def test_unknown_values_list_the_choices(change, path):
    with pytest.raises(InvalidRequest) as err:
        ask(policy="nanchang-employee", **change)
    assert err.value.code == "invalid_value" and err.value.path == path
    assert "可选" in err.value.message


def test_an_unknown_field_is_refused():
    with pytest.raises(InvalidRequest) as err:
        ask(policy="nanchang-employee", who="me")
    assert err.value.code == "unknown_field" and err.value.path == "who"
