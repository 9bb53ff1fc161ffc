"""The number audit: every number an explanation shows must be one the calculation produced.

Allowed are the numbers of the result (or, for an error, of the error and the request): every
amount and ratio (a ratio also as a percentage), every date's year, month and day, the numbers
written in the documents' quotes, readings and metadata (document numbers), the numbers of the
articles cited (第七条 → 7, 四（三） → 4 and 3), and the numbering of steps and visits (1 … N).
The calculator's own step sentences (``steps[].text``) are not a source: the explanation does not
show them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from explanations.formatting import article_numbers

#: 1,234.56 — 1234 — 55.5 — a comma only as a thousands separator
NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(m.group().replace(",", "")) for m in NUMBER.finditer(text)]


def allowed_numbers(obj: Any, *, skip_step_text: bool = True) -> set[Decimal]:
    out: set[Decimal] = set()

    def add_string(key: str, value: str) -> None:
        if m := _DATE.match(value):
            out.update(Decimal(int(g)) for g in m.groups())
            return
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            out.add(number)
            if number <= 1:
                out.add(number * 100)  # a ratio shown as a percentage
            return
        out.update(numbers_in(value))
        if key == "article":
            out.update(Decimal(n) for n in article_numbers(value))

    def walk(node: Any, key: str = "", in_step: bool = False) -> None:
        if isinstance(node, dict):
            step = in_step or ("kind" in node and "citations" in node)
            for k, v in node.items():
                if skip_step_text and step and k == "text" and "kind" in node:
                    continue
                walk(v, k, step)
        elif isinstance(node, list):
            for item in node:
                walk(item, key, in_step)
        elif isinstance(node, bool) or node is None:
            return
        elif isinstance(node, (int, float, Decimal)):
            out.add(Decimal(str(node)))
        elif isinstance(node, str):
            add_string(key, node)

    walk(obj)
    return out


def unexplained_numbers(text: str, allowed: set[Decimal], numbering: int) -> list[Decimal]:
    """The numbers of ``text`` that are neither allowed nor a step/visit number 1 … numbering."""
    ordinals = {Decimal(n) for n in range(1, numbering + 1)}
    return [n for n in numbers_in(text) if n not in allowed and n not in ordinals]
