"""Write docs/coverage.md from the rule packs (the core builds the text; this tool writes it).

    python tools/write_coverage.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from calculator.coverage import coverage_markdown

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "coverage.md"
    out.write_text(coverage_markdown(), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
