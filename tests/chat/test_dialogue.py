"""Multi-turn dialogues: one question at a time, in order; corrections, what-if, a second visit, reset."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from assistant.chat.dialogue import SessionState, ask_once, new_state, turn

TODAY = dt.date(2026, 11, 22)


def talk(*messages: str, state: SessionState | None = None):
    state = state or new_state()
    replies = []
    for m in messages:
        state, reply = turn(state, m, today=TODAY)
        replies.append(reply)
    return state, replies


def fund(reply) -> str:
    assert reply.result is not None, reply.text
    return reply.result["totals"]["fund_pays"]


def test_everything_in_one_message_is_answered_in_the_same_turn():
    _, (reply,) = talk("我是南昌退休职工，三级医院花了一千二，今年第一次")
    assert reply.asking is None
    assert fund(reply) == "330.00"
    assert "〔第十七条〕" in reply.text and "330.00" in reply.text
    assert reply.html and "<svg" in reply.html


def test_questions_come_one_at_a_time_in_order():
    _, replies = talk("看病花了800", "平凉", "退休", "三级", "乙等", "起付线已经扣完了")
    assert [r.asking for r in replies] == ["city", "category", "provider_level", "provider_grade", "year_start", None]
    assert replies[1].quick_replies == ["在职", "退休", "灵活就业"]
    # 平凉 level 3 grade B is settled at the level-2 ratio: 800 × 65% for a retiree, deductible met
    assert fund(replies[-1]) == "520.00"


def test_nanchang_asks_which_scheme():
    _, (r1, r2) = talk("南昌，二级医院500元", "城乡居民医保")
    assert r1.asking == "category" and "城乡居民医保" in r1.quick_replies
    # a 二级 hospital is not where residents sign (第十七条: 乡镇卫生院, 社区卫生服务中心): settled as not
    # the signed institution, said so, with the referral as the first quick reply
    assert fund(r2) == "0.00" and "不是您的门诊统筹签约机构" in r2.text and r2.quick_replies[0] == "是签约机构转诊的"


def test_a_pharmacy_in_nanchang_asks_the_prescribing_level_first():
    _, replies = talk("南昌在职，药店买药200", "三级医院开的处方", "起付线已经扣完了")
    assert [r.asking for r in replies] == ["prescribed_at_level", "year_start", None]
    assert fund(replies[-1]) == "100.00"  # 200 × 50% at the level-3 ratio


def test_a_correction_recomputes():
    state, replies = talk("平凉在职，三甲医院1000元，起付线已经扣完了", "不对，是二级医院")
    assert fund(replies[0]) == "550.00"
    assert fund(replies[1]) == "600.00"
    assert state.known.provider_level == 2


def test_what_if_does_not_change_the_facts():
    state, replies = talk("平凉在职，三甲医院1000元，起付线已经扣完了", "如果去一级医院呢")
    assert fund(replies[1]) == "650.00"
    assert replies[1].intent == "what_if"
    assert state.known.provider_level == 3


def test_a_second_visit_is_settled_in_the_same_year():
    state, replies = talk("南充在职，二级医院300元，今年第一次", "又看了一次，三级医院400")
    assert fund(replies[0]) == "60.00"  # (300 − 200) × 60%
    second = replies[1].result["visits"][1]
    assert second["deductible_applied"] == "0.00" and second["fund_pays"] == "200.00"
    assert len(state.ledger) == 1


def test_reset_forgets_everything():
    state, replies = talk("平凉在职，三甲医院1000元", "重新开始")
    assert replies[-1].intent == "reset"
    assert state.known == new_state().known and state.ledger == []


def test_xian_explains_that_the_bureau_sets_the_figures():
    _, (reply,) = talk("西安在职，二级医院500元，今年第一次")
    assert reply.result is None and reply.asking is None
    assert "五（二）" in reply.text and "50%" in reply.text


def test_resident_at_the_signed_institution():
    # a primary-care centre is read as the resident's signed institution, said so, correctable in one tap
    _, replies = talk("南昌居民，卫生院看病300块", "在签约机构看的")
    assert fund(replies[0]) == "180.00" and "按在您签约的门诊统筹机构就诊计算" in replies[0].text
    assert "不是签约机构" in replies[0].quick_replies
    assert fund(replies[1]) == "180.00"
    assert "未签家庭医生" in replies[1].text
    _, replies = talk("南昌居民，卫生院看病300块", "不是签约机构")
    assert fund(replies[1]) == "0.00"
    _, replies = talk("南昌居民，县人民医院看病300块")  # a hospital is never where residents sign (第十七条)
    assert fund(replies[0]) == "0.00" and "是签约机构转诊的" in replies[0].quick_replies


def test_an_account_question_keeps_its_topic_across_a_question():
    _, (r1, r2) = talk("个人账户能取现吗", "平凉")
    assert r1.asking == "city"
    assert r2.intent == "account_use" and "提取现金" in r2.text


def test_policy_facts_quote_the_article():
    _, (reply,) = talk("南昌退休的起付线是多少")
    assert "600.00元〔第十七条〕" in reply.text and "2000.00元" in reply.text


def test_out_of_scope_is_polite_and_short():
    _, (reply,) = talk("今天天气怎么样")
    assert reply.intent == "out_of_scope" and "普通门诊" in reply.text


def test_html_and_script_in_a_message_never_reach_the_reply_as_markup():
    _, (reply,) = talk("<script>alert(1)</script>平凉在职三甲医院1000元，起付线已经扣完了")
    assert "<script>" not in (reply.html or "") and "<script>" not in reply.text


def test_state_round_trips_through_msgpack():
    state, _ = talk("平凉在职，三甲医院1000元")
    again = msgspec.msgpack.decode(msgspec.msgpack.encode(state), type=SessionState)
    assert again == state


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_ask_once_returns_a_chat_reply(locale):
    out = msgspec.to_builtins(ask_once("平凉在职，三甲医院1000元，起付线已经扣完了", locale=locale))
    assert set(out) == {"session_id", "reply"}
    assert {"text", "asking", "quick_replies", "result"} <= set(out["reply"])


@pytest.mark.parametrize("message", ["帮我算一笔", "我想算一下门诊报销", "帮我算算报销"])
def test_asking_for_a_calculation_starts_gathering_facts(message):
    _, (reply,) = talk(message)
    assert reply.asking == "city"


def test_having_claimed_before_asks_how_much_the_fund_paid():
    state, replies = talk("平凉在职，三甲医院1000元", "统筹已经报过一些", "300")
    assert [r.asking for r in replies] == ["year_start", "year_start", None]
    assert "已经给您报了多少钱" in replies[1].text
    assert state.known.fund_paid == 300
    # deductible met, 300 already paid toward the 2500 cap: 1000 × 55%
    assert fund(replies[2]) == "550.00"
    assert replies[2].result["year_end"]["fund_paid"] == "850.00"
