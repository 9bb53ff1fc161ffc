"""Score the chat against a blind corpus (``tests/chat/blind/FORMAT.md``), in-process, and print figures.

    python benchmarks/bench_chat_corpus.py [DIR_OR_FILES ...] [--show N] [--kind answer]

With no path, every set under ``tests/chat/corpora/`` (K184 on) is scored together.

Every message entry is one fresh session; every conversation entry runs its turns on one session.
"Today" is fixed to 2026-11-25 (the corpus's day) through ``turn(..., today=...)``. Messages are
sent with the default locale (``zh-CN``): an English message must be recognised as English by the
chat itself. Printed:

* handled right: the share of turns whose reply does what ``expect`` says (FORMAT.md);
* asked right: the same share among ``expect: ask`` turns;
* WRONG FIGURES: turns that gave a figure differing from the expected one, or any figure where a
  question (or no figure) was expected, or a single figure where possibilities with different
  figures were expected — the number that must be 0;
* repeated questions: a question text asked twice in one conversation;
* answering-turn p50 / p99 in milliseconds (turns that gave a result).

:func:`score` returns the same figures for ``tests/chat/test_blind.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # pragma: no cover - running as a script
    sys.path.insert(0, str(ROOT))

from assistant.chat.dialogue import Reply, new_state, turn  # noqa: E402

TODAY = dt.date(2026, 11, 25)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_SAID = re.compile(r"没有(?:规定|写|说|明确|设)|未(?:规定|明确|写|设)|不设|并未|没有具体|不涉及|does not say|doesn't say|not say|silent")


@dataclass
class Failure:
    id: str
    turn: int
    user: str
    expect: str
    why: str
    reply_text: str
    asking: str | None


@dataclass
class Score:
    turns: int = 0
    right: int = 0
    asks: int = 0
    asked_right: int = 0
    wrong_figures: int = 0
    repeats: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    right_by_kind: Counter[str] = field(default_factory=Counter)
    answer_ms: list[float] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def handled_share(self) -> float:
        return self.right / self.turns if self.turns else 0.0

    @property
    def asked_share(self) -> float:
        return self.asked_right / self.asks if self.asks else 0.0


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _last_visit(result: Any) -> dict[str, Any] | None:
    if not isinstance(result, dict) or not result.get("visits"):
        return None
    visit: dict[str, Any] = result["visits"][-1]
    return visit


def _figures_given(reply: Reply) -> list[tuple[Decimal | None, Decimal | None]]:
    """Every (fund, personal) pair the reply states: a result, a bill check's result, alternatives."""
    out = []
    visit = _last_visit(reply.result)
    if visit is not None:
        out.append((_money(visit.get("fund_pays")), _money(visit.get("personal_pays"))))
    check = msgspec.to_builtins(getattr(reply, "bill_check", None))
    if isinstance(check, dict):
        visit = _last_visit(check.get("result"))
        if visit is not None:
            out.append((_money(visit.get("fund_pays")), _money(visit.get("personal_pays"))))
    for alt in _alternatives(reply):
        out.append((_money(alt.get("fund_pays")), _money(alt.get("personal_pays"))))
    return out


def _alternatives(reply: Reply) -> list[dict[str, Any]]:
    alts: list[dict[str, Any]] = msgspec.to_builtins(getattr(reply, "alternatives", None) or [])
    return alts


def _label(text: str) -> str:
    return re.sub(r"[\s/、及以下医院医疗机构]", "", text.lower())


_QUOTED = re.compile(r"“(?:[^“”]|“[^“”]*”)*”|〔[^〕]*〕|《[^》]*》|（[^）]*）")


def _english(text: str) -> bool:
    text = _QUOTED.sub("", text)  # quotes of the document stay in its own words
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(_CJK.findall(text)) <= 0.2 * len(letters)


def _article_forms(article: str) -> list[str]:
    plain = article.replace("（", "(").replace("）", ")")
    forms = [article, plain, plain.replace("(", "（").replace(")", "）")]
    if (m := re.fullmatch(r"第(.+?)条", article)) is not None:
        # an English answer names 第十七条 as the English explanations do: 〔Art. 17〕 / 〔Arts. 17, 18〕
        from explanations.formatting import cn_number

        n = cn_number(m.group(1))
        forms += [f"Art. {n}〕", f"Arts. {n},", f", {n}〕", f", {n},"]
    return forms


def judge(entry: dict[str, Any], reply: Reply) -> tuple[bool, bool, str]:
    """(handled right, wrong figure given, why not right) for one expected turn."""
    expect = entry["expect"]
    given = _figures_given(reply)
    alternatives = _alternatives(reply)
    text = reply.text or ""
    if entry.get("locale") == "en" and not _english(text):
        english_ok = False
    else:
        english_ok = True
    if expect == "answer":
        want = (_money(entry["fund_pays"]), _money(entry["personal_pays"]))
        visit = _last_visit(reply.result)
        if visit is None:
            wrong = any(g != want for g in given)
            return False, wrong, f"no result (asking={reply.asking})"
        got = (_money(visit.get("fund_pays")), _money(visit.get("personal_pays")))
        wrong = got != want
        if not wrong and entry.get("account_pays") is not None:
            wrong = _money(visit.get("account_pays")) != _money(entry["account_pays"])
        if wrong:
            return False, True, f"figure {got} != {want}"
        if not english_ok:
            return False, False, "reply not in English"
        return True, False, ""
    if expect == "alternatives":
        wants = {(_money(a["fund_pays"]), _money(a["personal_pays"])) for a in entry["alternatives"]}
        if reply.result is not None:
            # one figure is wrong unless every possibility has that same figure (then no figure
            # given differs from the expected one; the possibilities must still be shown)
            visit = _last_visit(reply.result)
            one = (_money(visit.get("fund_pays")), _money(visit.get("personal_pays"))) if visit else None
            if wants != {one}:
                return False, True, "a single figure where alternatives were expected"
        gots = {(_money(a.get("fund_pays")), _money(a.get("personal_pays"))) for a in alternatives}
        # a wrong figure: a possibility both name (same label) with different figures; an extra
        # possibility shown with its own right figure is not handled right, but not a wrong figure
        by_label = {_label(a["label"]): (_money(a["fund_pays"]), _money(a["personal_pays"])) for a in entry["alternatives"]}
        wrong = any(by_label.get(_label(a.get("label", ""))) not in (None, (_money(a.get("fund_pays")),
                                                                           _money(a.get("personal_pays"))))
                    for a in alternatives)
        if not alternatives:
            return False, wrong, f"no alternatives (asking={reply.asking})"
        if gots != wants:
            return False, wrong, f"alternatives {sorted(gots)} != {sorted(wants)}"
        return english_ok, False, "" if english_ok else "reply not in English"
    if expect == "bill_check":
        check = msgspec.to_builtins(getattr(reply, "bill_check", None))
        want = (_money(entry["fund_pays"]), _money(entry["personal_pays"]))
        wrong = any(g != want for g in given)
        if not isinstance(check, dict):
            return False, wrong, f"no bill_check (asking={reply.asking})"
        if wrong:
            return False, True, f"bill check figures {given} != {want}"
        if check.get("verdict") != entry.get("verdict"):
            return False, False, f"verdict {check.get('verdict')} != {entry.get('verdict')}"
        return english_ok, False, "" if english_ok else "reply not in English"
    # every other kind gives no figure of its own
    wrong = bool(given)
    if expect == "ask":
        acceptable = entry.get("asking") or []
        if wrong:
            return False, True, f"gave a figure where a question was expected {given}"
        if reply.asking not in acceptable:
            return False, False, f"asking={reply.asking} not in {acceptable}"
        return english_ok, False, "" if english_ok else "reply not in English"
    if wrong:
        return False, True, f"gave a figure where {expect} was expected {given}"
    if expect == "inpatient":
        ok = reply.asking is None and ("住院" in text or "inpatient" in text.lower())
        return ok and english_ok, False, "" if ok and english_ok else f"inpatient not said (asking={reply.asking})"
    if expect == "other_city":
        city = entry.get("city") or ""
        ok = reply.asking in (None, "city") and (city in text or city.lower() in text.lower())
        return ok and english_ok, False, "" if ok and english_ok else "city not named as not covered"
    if expect == "fact":
        articles = entry.get("articles") or []
        cited = any(form in text for a in articles for form in _article_forms(a))
        if entry.get("answer") == "not_said":
            ok = bool(_NOT_SAID.search(text)) and (cited or not articles)
        else:
            ok = cited or not articles
        return ok and english_ok, False, "" if ok and english_ok else f"fact: articles {articles} not quoted"
    if expect == "xian_no_figures":
        forms = text.replace("(", "（").replace(")", "）")
        ok = "四（三）" in forms and "五（二）" in forms and reply.result is None
        return ok and english_ok, False, "" if ok and english_ok else "四（三）/五（二） not both cited"
    return False, False, f"unknown expect {expect}"


def _entries(paths: list[Path]) -> list[tuple[str, list[dict[str, Any]]]]:
    out: list[tuple[str, list[dict[str, Any]]]] = []
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("**/*.jsonl")) if p.is_dir() else [p]  # (a folder of sets: every set in it)
    for f in files:
        if f.name.startswith("slips-"):
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a partial line of a file still being written
            if "turns" in entry:
                out.append((entry["id"], entry["turns"]))
            elif "message" in entry:
                out.append((entry["id"], [{**entry, "user": entry["message"]}]))
    return out


def score(paths: list[Path], kinds: set[str] | None = None) -> Score:
    s = Score()
    for entry_id, turns in _entries(paths):
        state = new_state()
        asked: set[str] = set()
        for i, t in enumerate(turns):
            t0 = time.perf_counter()
            state, reply = turn(state, t["user"], today=TODAY)
            ms = (time.perf_counter() - t0) * 1000
            if reply.result is not None:
                s.answer_ms.append(ms)
            if reply.asking is not None:
                if reply.text in asked:
                    s.repeats += 1
                    s.failures.append(Failure(entry_id, i, t["user"], t.get("expect", "?"), "REPEATED QUESTION",
                                              reply.text, reply.asking))
                asked.add(reply.text)
            expect = t.get("expect")
            if expect is None or (kinds and expect not in kinds):
                continue
            right, wrong, why = judge(t, reply)
            s.turns += 1
            s.by_kind[expect] += 1
            if expect == "ask":
                s.asks += 1
                s.asked_right += right
            if right:
                s.right += 1
                s.right_by_kind[expect] += 1
            if wrong:
                s.wrong_figures += 1
            if not right or wrong:
                s.failures.append(Failure(entry_id, i, t["user"], expect, ("WRONG FIGURE: " if wrong else "") + why,
                                          reply.text, reply.asking))
    return s


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    # (default: the blind sets kept in the repository since K184; K1–K7 are tests/chat/blind*)
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests" / "chat" / "corpora"])
    ap.add_argument("--show", type=int, default=0, help="print the first N failures")
    ap.add_argument("--kind", action="append", help="only score turns expecting this kind")
    ap.add_argument("--wrong", action="store_true", help="show only wrong-figure failures")
    args = ap.parse_args()
    s = score(args.paths, set(args.kind) if args.kind else None)
    print(f"turns scored            {s.turns}")
    print(f"handled right           {s.right}/{s.turns} = {s.handled_share:.1%}")
    print(f"asked right             {s.asked_right}/{s.asks} = {s.asked_share:.1%}")
    print(f"WRONG FIGURES           {s.wrong_figures}")
    print(f"repeated questions      {s.repeats}")
    if s.answer_ms:
        print(f"answering turns         n={len(s.answer_ms)}  p50={statistics.median(s.answer_ms):.2f} ms  "
              f"p99={_pct(s.answer_ms, 99):.2f} ms")
    for kind in sorted(s.by_kind):
        print(f"  {kind:<18} {s.right_by_kind[kind]}/{s.by_kind[kind]}")
    shown = [f for f in s.failures if not args.wrong or f.why.startswith(("WRONG", "REPEATED"))]
    for f in shown[: args.show]:
        print(f"\n[{f.id} t{f.turn}] {f.expect}: {f.why}\n  user: {f.user}\n  asking={f.asking} "
              f"reply: {f.reply_text[:160]!r}")


if __name__ == "__main__":
    main()
