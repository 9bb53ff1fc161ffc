"""A sixth city needs no Python change: a pack (with its ``[chat]`` words) in a directory of the
registry in use, and the chat understands its districts and settles with its figures."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from assistant.chat.dialogue import ask_once
from assistant.chat.state import cities
from calculator import Registry, use_registry

POLICIES = Path(__file__).parents[2] / "calculator" / "policies"

CHAT = '''[chat]
city = "明白"
forms = ["明白市", "明白"]

[[chat.districts]]
name = "清风区"
forms = ["清风区", "清风"]
'''


def _testcity_pack(directory: Path) -> None:
    """南充's pack under a fictional city's id, meta and chat words (its figures and quotes as they are)."""
    text = (POLICIES / "nanchong-employee.toml").read_text(encoding="utf-8")
    text = text.replace('id = "nanchong-employee"', 'id = "testcity-employee"', 1)
    text = text.replace('city = "南充"\ncity_en = "Nanchong"', 'city = "明白"\ncity_en = "Testcity"', 1)
    text = text.replace('name = "南充职工门诊共济"', 'name = "明白市职工门诊共济"', 1)
    head, chat = text.split("\n[chat]\n", 1)
    rest = re.split(r"\n(?=\[(?!\[?chat\b))", chat, maxsplit=1)  # the tables after [chat], if any
    text = head + "\n" + CHAT + ("\n" + rest[1] if len(rest) > 1 else "")
    (directory / "testcity-employee.toml").write_text(text, encoding="utf-8")


def _reply(message: str) -> dict:
    return msgspec.to_builtins(ask_once(message).reply)


def test_a_sixth_city_is_a_pack_and_its_chat_words(tmp_path: Path) -> None:
    _testcity_pack(tmp_path)
    nanchong = _reply("顺庆区在职，二级医院花了800，今年第一次")
    with use_registry(Registry([tmp_path])):
        testcity = _reply("清风区在职，二级医院花了800，今年第一次")
        offered = cities()  # the quick replies when the chat asks for the city
    assert testcity["result"] is not None, testcity["text"]
    assert testcity["result"]["policy"]["id"] == "testcity-employee"
    assert "明白" in testcity["text"]
    assert offered[-1] == "明白" and "明白" not in cities()
    figures = ("total", "excluded", "first_self_pay", "in_scope", "deductible_applied", "ratio", "fund_pays",
               "personal_pays", "account_pays", "cash_pays")
    ours, theirs = testcity["result"]["visits"][0], nanchong["result"]["visits"][0]
    assert {k: ours[k] for k in figures} == {k: theirs[k] for k in figures}
    assert ours["fund_pays"] != "0.00"
    # and outside that registry the chat does not know the city
    assert "清风" not in str(_reply("清风区在职，二级医院花了800，今年第一次").get("result"))
