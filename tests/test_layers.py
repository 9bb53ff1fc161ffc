"""The layers: explanations and assistant use the calculator's public names only (its ``__init__``),
the assistant uses the explanations' public names only, and the calculator imports neither."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import calculator
import explanations

ROOT = Path(__file__).parents[1]


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every import of ``path`` as (line, absolute module, names), relative ones resolved."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts if parts[-1] == "__init__" else parts[:-1]
    package = [p for p in package if p != "__init__"]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.append((node.lineno, module, [a.name for a in node.names]))
    return out


def _offences(package: str, other: str, public: set[str]) -> list[str]:
    bad = []
    for path in _modules(package):
        for line, module, names in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if module.startswith(f"{other}."):
                bad.append(f"{where} imports {module}")
            elif module == other:
                bad += [f"{where} imports {other}.{n}, not public" for n in names if n not in public]
    return bad


@pytest.mark.parametrize("package", ["explanations", "assistant"])
def test_other_layers_use_the_calculators_public_names(package: str) -> None:
    assert _offences(package, "calculator", set(calculator.__all__)) == []


def test_the_assistant_uses_the_explanations_public_names() -> None:
    assert _offences("assistant", "explanations", set(explanations.__all__)) == []


def test_the_calculator_imports_no_other_layer() -> None:
    bad = [f"{p.relative_to(ROOT)}:{line} imports {module}" for p in _modules("calculator")
           for line, module, _ in _imports(p) if module.split(".")[0] in ("explanations", "assistant")]
    assert bad == []


def test_the_walk_sees_imports() -> None:
    """The check is not vacuous: it sees a submodule import and resolves a relative one."""
    found = _imports(ROOT / "calculator" / "engine.py")
    assert any(module == "calculator.packs" for _, module, _ in found)
