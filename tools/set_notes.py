"""Developer tool: add ``note = "…"`` to articles of a pack. Usage: set_notes.py PACK NOTES.toml

NOTES.toml maps an article id to its note (why the calculator does not use the article).
"""

import re
import sys
import tomllib
from pathlib import Path

pack, notes = Path(sys.argv[1]), tomllib.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
text = pack.read_text(encoding="utf-8")
for art_id, note in notes.items():
    pattern = re.compile(rf'(\[\[articles\]\]\nid = "{re.escape(art_id)}"\n)(note = ".*"\n)?')
    text, n = pattern.subn(lambda m, note=note: f'{m.group(1)}note = "{note}"\n', text)
    if n != 1:
        sys.exit(f"article {art_id} not found once in {pack}")
pack.write_text(text, encoding="utf-8")
