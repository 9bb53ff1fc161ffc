"""Issue 9: every number placed or asked about, facts read back, no dead ends, no figure where none
is due. Figures here are hand-checked against the packs (the article is named beside each)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec
import pytest

from assistant.chat import understand
from assistant.chat.dialogue import SessionState, new_state, turn

TODAY = dt.date(2026, 11, 25)


def talk(*messages: str, state: SessionState | None = None):
    state = state or new_state()
    replies = []
    for m in messages:
        state, reply = turn(state, m, today=TODAY)
        replies.append(reply)
    return state, replies


def last_visit(reply) -> tuple[str, str]:
    assert reply.result is not None, reply.text
    visit = reply.result["visits"][-1]
    return visit["fund_pays"], visit["personal_pays"]


# -- numbers: every one placed ---------------------------------------------------------------------

@pytest.mark.parametrize(("message", "field", "value"), [
    ("南充退休，统筹今年已经报了1,150，这次二级医院300", "fund_paid", "1150.00"),
    ("南充退休，统筹今年已经报了1,150，这次二级医院300", "amount", "300.00"),
    ("南昌退休，药店¥450三甲开的处方，今年第一次", "amount", "450.00"),
    ("今天在二级医院花了2.3k", "amount", "2300.00"),
    ("花了1千2", "amount", "1200.00"),
    ("花了两千五", "amount", "2500.00"),
    ("一共三百五十块五毛", "amount", "350.50"),
    ("平凉在职，三甲医院，花了2000，其中自费300乙类药500，今年第一次", "self_pay", "300.00"),
    ("平凉在职，三甲医院，花了2000，其中自费300乙类药500，今年第一次", "class_b_drug", "500.00"),
    ("南昌在职职工 三级医院 费用1,800 其中诊察费30 今年第一次", "consultation", "30.00"),
    ("南昌退休职工，起付线还差200就满了，今天二级医院1000", "deductible_remaining", "200.00"),
    ("南昌在职 今年门诊报销已经报了1000多 具体是1035 今天二级医院1200", "fund_paid", "1035.00"),
])
def test_each_number_gets_its_role(message: str, field: str, value: str) -> None:
    assert msgspec.to_builtins(understand(message).facts.said())[field] == value


def test_two_numbers_never_glue_into_one() -> None:
    u = understand("南昌职工在职 三级医院 1500 300 今年第一次")
    assert u.facts.amount == Decimal("1500.00") and u.unplaced == ("300",)


def test_a_number_no_word_places_is_asked_about_quoting_it() -> None:
    _, (reply,) = talk("南昌职工在职 三级医院 1500 300 今年第一次")
    assert reply.asking == "amount_role" and "“300”" in reply.text and reply.result is None
    assert "其中自费" in reply.quick_replies


def test_the_answer_to_amount_role_places_the_number() -> None:
    _, replies = talk("南昌职工在职 三级医院 1500 300 今年第一次", "其中自费")
    # 南昌 第十七条: in-scope 1200, deductible 600, level 3 在职 50% → 300
    assert last_visit(replies[-1]) == ("300.00", "1200.00")


def test_items_said_in_one_message_leave_the_in_scope_part() -> None:
    _, (reply,) = talk("平凉在职，三甲医院，花了2000，其中自费300乙类药500，今年第一次")
    # 平凉 第六条 class-B 10% first (50), 第七条 deductible 200, level 3A 在职 55%:
    # (2000 − 300 − 50 − 200) × 55% = 797.50
    assert last_visit(reply) == ("797.50", "1202.50")


def test_the_deductible_still_to_bear_is_used() -> None:
    _, (reply,) = talk("南昌退休职工，起付线还差200就满了，今天二级医院1000")
    # 南昌 第十七条: 600 − 200 used before; this visit bears 200, then (1000 − 200) × 60% = 480
    assert last_visit(reply) == ("480.00", "520.00")


# -- conflicts and hedges: asked, never settled ----------------------------------------------------

def test_first_visit_and_fund_already_paid_disagree() -> None:
    _, (reply,) = talk("南昌退休 今年第一次看门诊 统筹已经报了300 二级医院花了800")
    assert reply.asking == "conflict" and reply.result is None
    assert "今年第一次" in reply.text and "统筹已经报了300" in reply.text


def test_a_hedged_amount_is_confirmed() -> None:
    _, (reply,) = talk("南充在职 三甲 一千多块 起付线已经扣了")
    assert reply.asking == "amount" and "一千多" in reply.text and reply.result is None


def test_two_possible_amounts_are_asked() -> None:
    _, (reply,) = talk("南昌退休 一级 九百还是一千来着 今年首次")
    assert reply.asking == "amount" and reply.result is None


# -- no dead ends --------------------------------------------------------------------------------

def test_unknown_level_shows_each_possibility_computed_by_the_calculator() -> None:
    _, (reply,) = talk("南昌退休 今天看病花了1500 不清楚那医院几级 今年第一次")
    assert reply.result is None and reply.asking is None
    figures = {a.label: (a.fund_pays, a.personal_pays) for a in reply.alternatives}
    # 南昌 第十七条 退休: (1500 − 600) × 65% / 60% / 55%
    assert figures == {"一级及以下": ("585.00", "915.00"), "二级": ("540.00", "960.00"),
                       "三级": ("495.00", "1005.00")}
    assert "县医院" in reply.text and "三级甲等" in reply.text
    assert {u.slot for u in reply.understood} >= {"city", "category", "amount", "year_start"}


def test_dont_know_after_the_question_gives_alternatives_not_the_same_question() -> None:
    _, replies = talk("平凉退休，三级医院800，起付线扣完了", "不知道")
    assert replies[0].asking == "provider_grade"
    assert replies[1].alternatives and replies[1].asking is None


def test_possibilities_that_settle_alike_are_one_answer() -> None:
    _, (reply,) = talk("南充在职 一级还是二级医院我也不清楚 反正花了600 今年第一次")
    # 南充 第七条: levels 1 and 2 are both 60% → (600 − 200) × 60% = 240
    assert last_visit(reply) == ("240.00", "360.00")


def test_no_question_is_asked_twice_word_for_word() -> None:
    _, replies = talk("南昌退休，花了1000，今年第一次", "嗯", "嗯")
    questions = [r.text for r in replies if r.asking]
    assert len(questions) == len(set(questions)) >= 2


def test_resident_flags_not_known_show_each_combination() -> None:
    _, (reply,) = talk("南昌居民 签约卫生院 看病200 家庭医生和贫困户我都不清楚")
    figures = sorted((a.fund_pays, a.personal_pays) for a in reply.alternatives)
    # 南昌居民 第十四条: 60%, +5 family doctor, 65% poor, 70% both (reading)
    assert figures == [("120.00", "80.00"), ("130.00", "70.00"), ("130.00", "70.00"), ("140.00", "60.00")]


# -- read-back -------------------------------------------------------------------------------------

def test_understood_lists_each_fact_with_its_source() -> None:
    _, replies = talk("南昌退休", "三级医院花了1200，今年第一次")
    understood = {u.slot: u for u in replies[-1].understood}
    assert understood["city"].source == "earlier" and understood["amount"].source == "message"
    assert understood["items"].source == "assumed" and understood["items"].correct == "有自费项目"
    assert understood["provider_level"].text == "三级医疗机构"


# -- what is not covered ---------------------------------------------------------------------------

def test_inpatient_gets_no_outpatient_figure() -> None:
    _, (reply,) = talk("我妈住院花了三万，南昌退休职工")
    assert reply.result is None and reply.asking is None and "住院" in reply.text


@pytest.mark.parametrize("message", ["北京在职，三级医院1000", "深圳的，门诊能报多少"])
def test_other_cities_are_named_with_the_covered_ones(message: str) -> None:
    _, (reply,) = talk(message)
    assert reply.result is None and ("北京" in reply.text or "深圳" in reply.text) and "南充" in reply.text


def test_english_gets_english_replies_and_quick_replies() -> None:
    _, (reply,) = talk("Nanchong, still working, spent 800 at a tier 2 hospital, first outpatient bill this year")
    assert last_visit(reply) == ("360.00", "440.00")  # 南充 第七条: (800 − 200) × 60%
    assert reply.text.startswith("The fund pays CN¥360.00, you pay CN¥440.00")  # the answer first
    assert "\n\nNanchong" in reply.text and all(q.isascii() for q in reply.quick_replies)
    assert "；" not in reply.text and "。" not in reply.text  # English punctuation in English


def test_xian_without_figures_says_what_the_plan_fixes_and_offers_the_slip() -> None:
    _, (reply,) = talk("西安在职 三级医院 1000 今年第一次")
    assert reply.result is None
    assert "四（三）" in reply.text and "五（二）" in reply.text and "结算单" in reply.text


def test_xian_with_the_slips_figures_is_settled_and_cited_as_supplied() -> None:
    _, (reply,) = talk("西安在职，结算单上写的起付线800、三级医院报销比例50%、年度限额2000，今年第一次，花了1500")
    assert last_visit(reply) == ("350.00", "1150.00")  # (1500 − 800) × 50%, figures supplied by the person
    assert "由您提供" in reply.text


# -- bill check and dates ----------------------------------------------------------------------------

def test_a_slip_figure_is_checked_not_taken_for_the_years_position() -> None:
    _, (reply,) = talk("南昌退休，三级医院花了1200，今年第一次，医院给我报了300，对吗？")
    assert reply.bill_check["verdict"] == "differs"
    assert reply.bill_check["result"]["visits"][-1]["fund_pays"] == "330.00"  # (1200 − 600) × 55%


def test_a_retirement_date_switches_the_category_by_the_documents_month() -> None:
    _, (reply,) = talk("3月10号办的退休，3月20号在南昌二级医院看门诊花了900，那是今年第一次看病")
    # 南昌 第十八条: retiree ratio from the month after → March still 在职 55%: (900 − 600) × 55%
    assert last_visit(reply) == ("165.00", "735.00")


def test_relative_dates() -> None:
    _, (reply,) = talk("南充在职，昨天在二级医院花了300，今年第一次")
    assert reply.result["visits"][-1]["date"] == "2026-11-24"


def test_english_questions_have_english_quick_replies_that_are_understood() -> None:
    state, replies = talk("Pingliang retiree, level 3 hospital, 900 yuan")
    assert replies[0].asking == "provider_grade" and all(q.isascii() for q in replies[0].quick_replies)
    state, replies = talk(replies[0].quick_replies[0], state=state)
    assert replies[0].asking == "year_start" and all(q.isascii() for q in replies[0].quick_replies)
    _, replies = talk(replies[0].quick_replies[0], state=state)
    assert last_visit(replies[0]) == ("420.00", "480.00")  # 平凉 第七条: (900 − 200) × 60% (3A retiree)


def test_dont_know_the_years_position_shows_both_cases() -> None:
    _, replies = talk("平凉 灵活就业 一级 400", "不知道")
    assert replies[0].asking == "year_start"
    figures = {a.label: (a.fund_pays, a.personal_pays) for a in replies[1].alternatives}
    # 平凉 第七条 level 1 在职 65%: (400 − 200) × 65% = 130; deductible met: 400 × 65% = 260
    assert figures == {"今年第一次": ("130.00", "270.00"), "起付线已扣满": ("260.00", "140.00")}


def test_a_position_correction_reruns_the_bill_check_with_the_same_slip() -> None:
    _, replies = talk("平凉在职 三甲 1000 今年第一次 医院给我报了300 对吗",
                      "哦 今年之前还看过一次 起付线已经扣完了", "统筹今年已经报了2200了")
    assert replies[0].bill_check["verdict"] == "differs"
    assert replies[1].bill_check["verdict"] == "differs"
    # 平凉 第七条 cap 2500: 2200 paid before leaves 300 — the slip's figure
    assert replies[2].bill_check["verdict"] == "matches"


def test_a_first_visit_contradicted_later_is_asked_not_settled() -> None:
    _, replies = talk("平凉退休 社区 500 今年第一次", "其实今年统筹已经报过300了")
    assert replies[1].asking == "conflict" and replies[1].result is None


def test_several_visits_in_one_message_are_settled_together() -> None:
    _, (reply,) = talk("南充 在职 今年看了两次 第一次3月在一级医院花了300 第二次就是今天三级医院花了900")
    # 南充 第七条: the first visit uses 200 of the deductible → today (900) × 50% at level 3 = 450
    assert len(reply.result["visits"]) == 2 and last_visit(reply) == ("450.00", "450.00")


def test_an_item_the_document_does_not_name_gets_both_figures_never_one() -> None:
    """南充 names no 双通道 item: no single figure; both treatments side by side (issue 14)."""
    from assistant.chat.dialogue import new_state, turn

    _, reply = turn(new_state(), "南充在职 二级医院 花了1300 其中双通道药500 今年第一次", "zh-CN")
    assert reply.result is None
    assert reply.alternatives is not None
    assert [(a.fund_pays, a.personal_pays) for a in reply.alternatives] == [("660.00", "640.00"), ("360.00", "940.00")]


def test_xian_with_a_deployed_supplement_is_settled_with_its_figures() -> None:
    """Issue 13: a 西安 caller gets figures when the deployment supplies the bureau's (here the
    tests' own, clearly fake, supplement for 2025: deductible 500, level-2 ratio 55%)."""
    import datetime as dt
    from pathlib import Path

    from assistant.chat.dialogue import new_state, turn
    from calculator import Registry, use_registry

    supplements = Path(__file__).resolve().parents[1] / "calculator" / "supplements"
    with use_registry(Registry([supplements])):
        _, reply = turn(new_state(), "西安在职，二级医院看门诊花了1000，今年第一次", "zh-CN", today=dt.date(2025, 3, 10))
    assert reply.result is not None
    visit = reply.result["visits"][0]
    assert (visit["fund_pays"], visit["personal_pays"]) == ("275.00", "725.00")  # (1000 − 500) × 55%
