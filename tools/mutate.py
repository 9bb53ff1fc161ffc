"""Mutation testing of the settlement engine: do the tests notice every mutant that changes a figure?

    python tools/mutate.py [--file calculator/engine.py] [--corpus 400] [--workers 2] [--limit N]

1. Every mutant of the file is made with a small AST mutator: a comparison flipped (``<`` ↔ ``<=``,
   ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``), arithmetic swapped (``+`` ↔ ``-``,
   ``*`` → ``/``), ``and`` ↔ ``or``, a ``not`` dropped, ``min`` ↔ ``max``, ``True`` ↔ ``False``, an
   integer constant + 1, a ``_add``/``append`` of a step dropped is not tried (text only).
2. Each mutant is loaded in-process and settles a corpus — the hand-checked cases and
   ``--corpus`` seeded random years over every pack — and its *figures* (each visit's money
   fields, category and ratio, ``year_end``, ``totals``, or the error code) are compared with the
   unmutated engine's. A mutant that changes no figure (text-only or equivalent) is not counted.
3. Each figure-changing mutant replaces the file in a copy of the package and the fast calculator
   tests run against it (``tests/test_cases.py tests/calculator``, stopping at the first failure).
   It is killed when they fail.

Prints the score (killed / figure-changing) and every survivor with its line: a survivor is a
figure the tests do not pin. Target ≥ 99%.
"""

from __future__ import annotations

import argparse
import ast
import copy
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402

import calculator  # noqa: E402
from calculator.errors import CalculatorError  # noqa: E402

_CMP_SWAP: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                               ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
                               ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_BIN_SWAP: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div}


@dataclass(frozen=True)
class Mutant:
    index: int
    line: int
    what: str


def _points(tree: ast.AST) -> Iterator[tuple[ast.AST, str, Any]]:
    """(node, description, how) for every mutation point, in a stable order."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _CMP_SWAP:
                    yield node, f"{type(op).__name__} → {_CMP_SWAP[type(op)].__name__}", ("cmp", i)
        elif isinstance(node, ast.BinOp) and type(node.op) in _BIN_SWAP:
            yield node, f"{type(node.op).__name__} → {_BIN_SWAP[type(node.op)].__name__}", ("bin",)
        elif isinstance(node, ast.BoolOp):
            yield node, f"{type(node.op).__name__} → {'Or' if isinstance(node.op, ast.And) else 'And'}", ("bool",)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not x → x", ("not",)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            yield node, f"{node.func.id} → {'max' if node.func.id == 'min' else 'min'}", ("minmax",)
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            yield node, f"{node.value} → {not node.value}", ("boolconst",)
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield node, f"{node.value} → {node.value + 1}", ("int",)


def mutants(source: str) -> list[tuple[Mutant, str]]:
    tree = ast.parse(source)
    points = list(_points(tree))
    out = []
    for k, (node, what, how) in enumerate(points):
        mtree = copy.deepcopy(tree)
        target = list(_points(mtree))[k][0]
        kind = how[0]
        if kind == "cmp":
            assert isinstance(target, ast.Compare)
            target.ops[how[1]] = _CMP_SWAP[type(target.ops[how[1]])]()
        elif kind == "bin":
            assert isinstance(target, ast.BinOp)
            target.op = _BIN_SWAP[type(target.op)]()
        elif kind == "bool":
            assert isinstance(target, ast.BoolOp)
            target.op = ast.Or() if isinstance(target.op, ast.And) else ast.And()
        elif kind == "not":
            assert isinstance(target, ast.UnaryOp)
            _replace(mtree, target, target.operand)
        elif kind == "minmax":
            assert isinstance(target, ast.Call) and isinstance(target.func, ast.Name)
            target.func.id = "max" if target.func.id == "min" else "min"
        elif kind == "boolconst":
            assert isinstance(target, ast.Constant)
            target.value = not target.value
        elif kind == "int":
            assert isinstance(target, ast.Constant)
            target.value = target.value + 1
        out.append((Mutant(k, getattr(node, "lineno", 0), what), ast.unparse(ast.fix_missing_locations(mtree))))
    return out


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return


# -- the corpus and its figures ----------------------------------------------------------------

def _money(rng: random.Random, high: int) -> str:
    return f"{rng.randint(0, high)}.{rng.choice([0, 0, 1, 5, 50, 99, rng.randint(0, 99)]):02d}"


def random_request(rng: random.Random) -> dict[str, Any]:
    policy = rng.choice(["nanchong-employee", "nanchang-employee", "pingliang-employee", "xian-employee",
                         "nanchang-resident"])
    if policy == "nanchang-resident":
        insured: dict[str, Any] = {"category": "resident", "resident": {
            "family_doctor": rng.random() < 0.4, "poverty_registered": rng.random() < 0.3}}
    else:
        insured = {"category": rng.choice(["employee", "retiree", "flexible"])}
        if rng.random() < 0.35:
            insured["retired_on"] = (dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat()
    days = sorted(rng.sample(range(365), rng.randint(1, 8)))
    visits = []
    for d in days:
        if policy == "nanchang-resident":
            prov: dict[str, Any] = {"kind": "hospital", "signed": rng.random() < 0.9,
                                    "referral": rng.choice([None, None, "county_tcm"])}
        elif rng.random() < 0.2:
            lvl = rng.choice([1, 2, 3])
            prov = {"kind": "pharmacy", "prescribed_at_level": lvl,
                    "prescribed_at_grade": rng.choice(["A", "B", "C"]) if lvl > 1 else None}
        else:
            lvl = rng.choice([1, 2, 3])
            prov = {"kind": "hospital", "level": lvl, "grade": rng.choice(["A", "B", "C", None]) if lvl > 1 else None}
        prov["designated"] = rng.random() < 0.93
        if rng.random() < 0.05:
            prov |= {"offsite": True, "offsite_filed": rng.random() < 0.5}
        items = [{"category": rng.choice(["in_scope", "in_scope", "class_b_drug", "class_b_service", "self_pay",
                                          "consultation", "tcm", "dual_channel", "prenatal"]),
                  "amount": _money(rng, rng.choice([5, 300, 2500]))} for _ in range(rng.randint(1, 4))]
        visit: dict[str, Any] = {"date": (dt.date(2026, 1, 1) + dt.timedelta(days=d)).isoformat(), "provider": prov}
        if rng.random() < 0.15:
            visit["amount"] = _money(rng, 1500)
        else:
            visit["items"] = items
        if rng.random() < 0.04:
            visit["inpatient"] = True
        if rng.random() < 0.03:
            visit["benefits_suspended"] = True
        visits.append(visit)
    req: dict[str, Any] = {"policy": policy, "insured": insured, "visits": visits,
                           "year_start": {"deductible_used": _money(rng, rng.choice([0, 100, 700])),
                                          "fund_paid": _money(rng, rng.choice([0, 1000, 2600]))}}
    if rng.random() < 0.6:
        req["account_balance"] = _money(rng, rng.choice([50, 3000]))
    if policy == "xian-employee" or rng.random() < 0.05:
        emp = {"1": "0.60", "2": "0.55", "3": "0.50", "pharmacy": "0.50"}
        req["parameters"] = {"source": "变异测试", "deductible": {"employee": "500.00", "retiree": "400.00"},
                             "cap": {"employee": "1500.00", "retiree": "2000.00"},
                             "ratio": {"employee": emp, "retiree": {k: rng.choice([v, "0.65"]) for k, v in emp.items()}}}
    return req


def corpus(n: int, seed: int = 20261125) -> list[Any]:
    reqs = [json.loads(p.read_text(encoding="utf-8"))["request"] for p in sorted((ROOT / "tests" / "cases").rglob("*.json"))]
    rng = random.Random(seed)
    reqs += [random_request(rng) for _ in range(n)]
    out = []
    for r in reqs:
        try:
            out.append(calculator.decode_request(json.dumps(r)))
        except CalculatorError:
            continue
    return out


_FIGURES = ("category", "eligible", "total", "excluded", "first_self_pay", "in_scope", "deductible_applied", "ratio",
            "fund_pays", "personal_pays", "account_pays", "cash_pays")


def figures(settle: Any, req: Any) -> Any:
    reg = calculator.default_registry()
    try:
        result = settle(req, reg.get(req.policy), supplements=reg.supplements(req.policy))
    except CalculatorError as exc:
        return ("error", exc.code, exc.path)
    except Exception as exc:  # noqa: BLE001 - a mutant that crashes changes the figure: there is none
        return ("crash", type(exc).__name__)
    data = msgspec.to_builtins(result)
    return ([tuple(v[k] for k in _FIGURES) for v in data["visits"]], data["year_end"], data["totals"])


def load_mutant(source: str, path: Path) -> types.ModuleType:
    mod = types.ModuleType("calculator.engine")
    mod.__package__ = "calculator"
    mod.__file__ = str(path)
    exec(compile(source, str(path), "exec"), mod.__dict__)
    return mod


def run_tests(source: str, rel: str, tests: list[str]) -> bool:
    """True when the tests fail against the mutant (killed)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "calculator", Path(tmp) / "calculator", ignore=shutil.ignore_patterns("__pycache__"))
        (Path(tmp) / rel).write_text(source, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": tmp, "PYTHONDONTWRITEBYTECODE": "1"}
        # run from the copy: `python -m` puts the working directory first on sys.path, so the
        # tests import the mutated package, not the repository's
        out = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                              "--import-mode=append", "-o", "addopts=", f"--rootdir={ROOT}",
                              *[str(ROOT / t) for t in tests]],
                             cwd=tmp, env=env, capture_output=True, timeout=900, check=False)
        return out.returncode != 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", default="calculator/engine.py")
    ap.add_argument("--corpus", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N mutants (a quick look)")
    ap.add_argument("--tests", nargs="*", default=["tests/test_cases.py", "tests/calculator"])
    args = ap.parse_args()
    path = ROOT / args.file
    source = path.read_text(encoding="utf-8")
    reqs = corpus(args.corpus)
    base = [figures(calculator.settle, r) for r in reqs]
    all_mutants = mutants(source)
    if args.limit:
        all_mutants = all_mutants[: args.limit]
    changing: list[tuple[Mutant, str]] = []
    for m, msrc in all_mutants:
        try:
            mod = load_mutant(msrc, path)
        except Exception:  # noqa: BLE001 - a mutant that does not even load changes everything
            changing.append((m, msrc))
            continue
        if any(figures(mod.settle, r) != b for r, b in zip(reqs, base, strict=True)):
            changing.append((m, msrc))
    print(f"{args.file}: {len(all_mutants)} mutants, {len(changing)} change a figure on a corpus of "
          f"{len(reqs)} requests", flush=True)
    done = [0]

    def test(pair: tuple[Mutant, str]) -> bool:
        killed = run_tests(pair[1], args.file, args.tests)
        done[0] += 1
        print(f"\r  tested {done[0]}/{len(changing)}", end="", file=sys.stderr, flush=True)
        return killed

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        killed = list(pool.map(test, changing))
    print(file=sys.stderr)
    survivors = [m for (m, _), k in zip(changing, killed, strict=True) if not k]
    n = len(changing)
    score = (n - len(survivors)) / n if n else 1.0
    print(f"mutation score on figure-changing mutants: {n - len(survivors)}/{n} = {score:.1%}")
    lines = source.splitlines()
    for m in survivors:
        print(f"  survivor #{m.index} line {m.line}: {m.what}    {lines[m.line - 1].strip()[:100]}")


if __name__ == "__main__":
    main()
