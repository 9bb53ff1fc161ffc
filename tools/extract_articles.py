"""Developer tool: print the articles of a seed document as TOML ``[[articles]]`` blocks.

Used once to seed a rule pack's article texts from ``../shared/seeds``; the packs then carry the
texts themselves, so nothing at run time needs the seeds. Usage:

    python tools/extract_articles.py ../shared/seeds/004_baf0c409d660e072.txt 第五条 第七条
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculator.text import normalise, strip_page_numbers

_NUM = "一二三四五六七八九十百"
_ARTICLE = re.compile(rf"^[ \t]*(?:\*\*)?(第[{_NUM}]+条)(?:\*\*)?", re.MULTILINE)
_CHAPTER = re.compile(rf"^\s*#*\s*\**\s*第[{_NUM}]+章.*$", re.MULTILINE)
_TAIL = re.compile(r"抄送[:：].*", re.DOTALL)
_ENUM = re.compile(rf"(?<=[。：；])(（[{_NUM}]+）)")


def articles(path: Path) -> dict[str, str]:
    raw = strip_page_numbers(path.read_text(encoding="utf-8"))
    raw = _TAIL.sub("", _CHAPTER.sub("", raw))
    parts = _ARTICLE.split(raw)
    out: dict[str, str] = {}
    for i in range(1, len(parts) - 1, 2):
        text = normalise(parts[i + 1])
        out.setdefault(parts[i], _ENUM.sub(r"\n\1", text))
    return out


_SECTION = re.compile(rf"^\s*#*\s*([{_NUM}]+)、(.*)$", re.MULTILINE)
_ITEM = re.compile(rf"（([{_NUM}]+)）")


def sections(path: Path) -> dict[str, str]:
    """A plan (实施方案) numbered 一、二、… with items （一）（二）…: ids like ``四（三）``."""
    raw = strip_page_numbers(path.read_text(encoding="utf-8"))
    raw = _TAIL.sub("", raw)
    head, *rest = _SECTION.split(raw)
    out: dict[str, str] = {"前言": normalise(head.split("实施方案")[-1])}
    for i in range(0, len(rest) - 1, 3):
        number, title, body = rest[i], rest[i + 1], rest[i + 2]
        items = _ITEM.split(normalise(body))
        if len(items) == 1:
            out[f"{number}、{normalise(title)}"] = items[0]
            continue
        for j in range(1, len(items) - 1, 2):
            out[f"{number}（{items[j]}）"] = items[j + 1]
    return out


def main() -> None:
    path = Path(sys.argv[1])
    wanted = sys.argv[2:]
    found = articles(path) or sections(path)
    for key in wanted or list(found):
        print("[[articles]]")
        print(f'id = "{key}"')
        print(f'text = """{found[key]}"""\n')


if __name__ == "__main__":
    main()
