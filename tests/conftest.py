from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The steering repo's seed documents; absent in a user's clone, present in CI.
SEEDS = Path(os.environ.get("MINGBAI_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS}); quotes are checked where they are")
    return SEEDS
