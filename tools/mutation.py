"""Mutation testing of the calculator, scored on the mutants that change a figure.

For each mutant of a calculator module (``calculator/engine.py`` by default) the script

1. writes the mutated module into a private copy of the package (the real file is never touched);
2. settles every hand-checked case's request and a fixed set of generated requests with the copy
   and with an unmutated copy, each in its own process, and compares the figures (per visit: the
   category, eligibility, amounts, ratio; the year end; the totals; or the error code and path).
   A mutant that changes any of them is *figure-changing*;
3. runs the fast calculator tests against the copy
   (``pytest tests/test_cases.py``, then ``tests/calculator``; ``-x -q -p no:randomly``) with a timeout.

Each mutant ends as ``killed`` (the tests fail), ``survived`` (they pass although a figure
changed), ``timeout``, or ``equivalent-by-figures`` (the tests pass and no figure changed: it
only touches wording, citations or readings, or it is a true equivalent). The score is killed ÷
figure-changing; equivalent-by-figures survivors are listed apart and not counted against it.

Mutations are found by walking the module's syntax tree, so the script names no line and no
function of the engine: comparison flips (``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in``
↔ ``not in``, ``is`` ↔ ``is not``), arithmetic swaps (``+`` ↔ ``-``, ``*`` → ``/``, ``/`` → ``*``,
``%`` → ``//``, also in ``+=``/``-=``), constant tweaks (``Decimal("0.01")`` → ``Decimal("0.1")``,
an integer ``n`` → ``n + 1``, ``True`` ↔ ``False``), ``and`` ↔ ``or``, dropping a ``not``,
``min`` ↔ ``max``, and removing a statement inside a function (replaced by ``pass``). Text inside
f-strings, annotations and docstrings is left alone; a line ending in ``# pragma: no mutate`` too.

    python tools/mutation.py                       # every mutant of calculator/engine.py
    python tools/mutation.py --sample 40 --jobs 2  # a quick, random but reproducible sample
    python tools/mutation.py --module calculator/money.py --module calculator/engine.py
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import importlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "calculator"
#: The fast calculator tests, in two stages: the hand-checked cases kill most mutants in seconds, so
#: the slower property tests run only for a mutant the cases let through (same verdict as one run -x).
TEST_STAGES = [["tests/test_cases.py"], ["tests/calculator"]]
TEST_OPTIONS = ["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]
#: What a mutant's private tree needs besides the package: the fast tests and their data.
TEST_FILES = ["pyproject.toml", "docs/coverage.md", "tests/__init__.py", "tests/conftest.py", "tests/test_cases.py",
              "tests/cases", "tests/calculator", "tests/billcheck"]
NO_MUTATE = "# pragma: no mutate"
_SELF = "_mingbai_mutation"  # the name of this script's copy inside a workspace
GENERATED_SEED = 20251125
FIGURE_FIELDS = ("category", "eligible", "total", "excluded", "first_self_pay", "in_scope",
                 "deductible_applied", "ratio", "fund_pays", "personal_pays", "account_pays", "cash_pays")

_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Mod: ast.FloorDiv,
}
_SYMBOL = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-",
    ast.Mult: "*", ast.Div: "/", ast.Mod: "%", ast.FloorDiv: "//", ast.And: "and", ast.Or: "or",
}
_DECIMAL_CALLS = {"Decimal", "D"}


# -- finding and applying mutations -----------------------------------------------------------------

@dataclass(frozen=True)
class Mutant:
    module: str  # path relative to the repository, e.g. calculator/engine.py
    index: int  # the index-th mutation site of that module, in syntax-tree order
    line: int
    description: str

    @property
    def name(self) -> str:
        return f"{self.module}:{self.line}: {self.description}"


class _Mutator(ast.NodeTransformer):
    """Walks a module; numbers every possible mutation; applies the one numbered ``target``."""

    def __init__(self, skip_lines: set[int], target: int | None = None) -> None:
        self.skip_lines = skip_lines
        self.target = target
        self.found: list[tuple[int, str]] = []
        self.function_depth = 0

    def _site(self, node: ast.AST, description: str) -> bool:
        """Record a mutation site; True when it is the one to apply."""
        line = getattr(node, "lineno", 0)
        if line in self.skip_lines:
            return False
        self.found.append((line, description))
        return self.target is not None and len(self.found) - 1 == self.target

    # Text, annotations and docstrings are not mutated.
    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return node

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [self.visit(d) if d is not None else None for d in node.args.kw_defaults]
        self.function_depth += 1
        node.body = self._body(node.body)
        self.function_depth -= 1
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._visit_function(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        node.body = self._body(node.body)
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for i, stmt in enumerate(body):
            docstring = (i == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                         and isinstance(stmt.value.value, str))
            if docstring:
                out.append(stmt)
                continue
            removable = (self.function_depth > 0
                         and isinstance(stmt, ast.Expr | ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Raise))
            if removable and self._site(stmt, f"remove statement `{_short(stmt)}`"):
                out.append(ast.copy_location(ast.Pass(), stmt))
                continue
            out.append(self.visit(stmt))
        return out

    def visit_If(self, node: ast.If) -> ast.AST:
        node.test = self.visit(node.test)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse)
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        node.target = self.visit(node.target)
        node.iter = self.visit(node.iter)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        node.test = self.visit(node.test)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse)
        return node

    def visit_With(self, node: ast.With) -> ast.AST:
        node.items = [self.visit(i) for i in node.items]
        node.body = self._body(node.body)
        return node

    def visit_Try(self, node: ast.Try) -> ast.AST:
        node.body = self._body(node.body)
        for handler in node.handlers:
            handler.body = self._body(handler.body)
        node.orelse = self._body(node.orelse)
        node.finalbody = self._body(node.finalbody)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        for k, op in enumerate(node.ops):
            new = _COMPARE_SWAP.get(type(op))
            if new is not None and self._site(node, f"`{_SYMBOL[type(op)]}` → `{_SYMBOL[new]}`"):
                node.ops[k] = new()
                return node
        return self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        new = _BINOP_SWAP.get(type(node.op))
        if new is not None and self._site(node, f"`{_SYMBOL[type(node.op)]}` → `{_SYMBOL[new]}` in `{_short(node)}`"):
            node.op = new()
            return node
        return self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        new = _BINOP_SWAP.get(type(node.op))
        if new is not None and self._site(node, f"`{_SYMBOL[type(node.op)]}=` → `{_SYMBOL[new]}=`"):
            node.op = new()
            return node
        return self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        new: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._site(node, f"`{_SYMBOL[type(node.op)]}` → `{_SYMBOL[new]}` in `{_short(node)}`"):
            node.op = new()
            return node
        return self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        if isinstance(node.op, ast.Not) and self._site(node, f"drop `not` in `{_short(node)}`"):
            return self.visit(node.operand)
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("min", "max"):
            other = "max" if func.id == "min" else "min"
            if self._site(node, f"`{func.id}(…)` → `{other}(…)` in `{_short(node)}`"):
                node.func = ast.copy_location(ast.Name(id=other, ctx=ast.Load()), func)
                return node
        if (isinstance(func, ast.Name) and func.id in _DECIMAL_CALLS and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            tweaked = _tweak_decimal(node.args[0].value)
            if tweaked is not None and self._site(node, f"`{func.id}(\"{node.args[0].value}\")` → "
                                                        f"`{func.id}(\"{tweaked}\")`"):
                node.args[0] = ast.copy_location(ast.Constant(value=tweaked), node.args[0])
                return node
            return node
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._site(node, f"`{value}` → `{not value}`"):
                return ast.copy_location(ast.Constant(value=not value), node)
        elif isinstance(value, int) and self._site(node, f"`{value}` → `{value + 1}`"):
            return ast.copy_location(ast.Constant(value=value + 1), node)
        return node


def _short(node: ast.AST, width: int = 60) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _tweak_decimal(text: str) -> str | None:
    """Decimal("0.01") → "0.1", "0.00" → "1", "0.55" → "5.5": a figure off by a power of ten."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return "1" if value == 0 else str((value * 10).normalize())


def _skip_lines(source: str) -> set[int]:
    return {n for n, line in enumerate(source.splitlines(), 1) if line.rstrip().endswith(NO_MUTATE)}


def find_mutants(module: str) -> list[Mutant]:
    source = (ROOT / module).read_text(encoding="utf-8")
    mutator = _Mutator(_skip_lines(source))
    mutator.visit(ast.parse(source))
    return [Mutant(module, i, line, text) for i, (line, text) in enumerate(mutator.found)]


def mutate(module: str, index: int) -> str:
    """The source of the module with its index-th mutation applied."""
    source = (ROOT / module).read_text(encoding="utf-8")
    mutator = _Mutator(_skip_lines(source), target=index)
    tree = mutator.visit(copy.deepcopy(ast.parse(source)))
    if len(mutator.found) <= index:
        raise ValueError(f"{module} has no mutation {index}")
    return ast.unparse(ast.fix_missing_locations(tree))


# -- the requests whose figures are compared --------------------------------------------------------

def case_requests() -> list[dict[str, Any]]:
    """The request of every hand-checked case."""
    out = []
    for path in sorted((ROOT / "tests" / "cases").rglob("*.json")):
        out.append(json.loads(path.read_text(encoding="utf-8"))["request"])
    return out


def _money(rng: random.Random, top_yuan: int) -> str:
    choice = rng.random()
    if choice < 0.1:
        cents = rng.randint(0, 199)  # under two yuan: the fen rounding and sub-yuan shares
    elif choice < 0.2:
        cents = rng.choice([0, 10000, 15000, 20000, 60000, 100000, 120000, 180000, 200000, 250000])
    else:
        cents = rng.randint(0, top_yuan * 100)
    return f"{cents // 100}.{cents % 100:02d}"


XIAN_PARAMETERS: dict[str, Any] = {
    "source": "变异测试用参数（非官方）",
    "deductible": {"employee": "500.00", "retiree": "400.00"},
    "cap": {"employee": "1500.00", "retiree": "2000.00"},
    "ratio": {"employee": {"1": "0.60", "2": "0.55", "3": "0.50", "pharmacy": "0.50"},
              "retiree": {"1": "0.65", "2": "0.55", "3": "0.55", "pharmacy": "0.50"}},
}
def _xian_parameters(rng: random.Random) -> dict[str, Any]:
    """西安's supplied figures, sometimes partial (a missing figure is an error naming it)."""
    params = json.loads(json.dumps(XIAN_PARAMETERS))
    draw = rng.random()
    if draw < 0.08:
        del params["deductible"]["retiree"]
    elif draw < 0.16:
        del params["cap"]
    elif draw < 0.24:
        del params["ratio"]["employee"]["pharmacy"]
    elif draw < 0.28:
        del params["ratio"]["employee"]["3"]
    elif draw < 0.36:
        params["ratio"]["flexible"] = {"1": "0.62", "2": "0.57", "3": "0.52", "pharmacy": "0.51"}
        params["deductible"]["flexible"] = "450.00"
    return params


_ITEMS = ["in_scope", "in_scope", "class_b_drug", "class_b_service", "self_pay", "consultation",
          "consultation", "tcm"]
#: Items only 平凉 第八条 names; elsewhere they refuse the visit, so they are drawn rarely there.
_PINGLIANG_ITEMS = ["dual_channel", "prenatal"]
_POLICIES = ["nanchong-employee", "nanchang-employee", "pingliang-employee", "xian-employee", "nanchang-resident"]


def generated_requests(count: int, seed: int = GENERATED_SEED) -> list[dict[str, Any]]:
    """A fixed, reproducible set of years of visits over every policy (no float anywhere)."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        policy = _POLICIES[n % len(_POLICIES)]
        # Mostly 2025; some years on the in-force edges (南充 and 平凉 2023-01-01 to 2027-12-31).
        year = rng.choice([2025, 2025, 2025, 2023, 2027])
        req: dict[str, Any] = {"policy": policy}
        if policy == "nanchang-resident":
            req["insured"] = {"category": "resident", "resident": {
                "family_doctor": rng.random() < 0.4, "poverty_registered": rng.random() < 0.3}}
        else:
            insured: dict[str, Any] = {"category": rng.choice(["employee", "employee", "retiree", "flexible"])}
            if rng.random() < 0.02:
                insured["category"] = "resident"  # not a category of an employee document: refused
            if rng.random() < 0.45:
                day = rng.choice([1, 15, 28, rng.randint(1, 28)])
                insured["retired_on"] = f"{year}-{rng.randint(1, 12):02d}-{day:02d}"
            req["insured"] = insured
            if rng.random() < 0.6:
                req["account_balance"] = _money(rng, 1500)
            if rng.random() < 0.4:
                req["year_start"] = {"deductible_used": _money(rng, 700), "fund_paid": _money(rng, 2600)}
        if policy == "xian-employee":
            req["parameters"] = _xian_parameters(rng)
        elif policy != "nanchang-resident" and rng.random() < 0.1:
            # A deployment's supplied figure overrides the cited one (南充 and 平凉 cases do this).
            req["parameters"] = {"source": "变异测试用参数（非官方）",
                                 "deductible": {"employee": _money(rng, 300)}}
        # Days of the year, with the first of a month (a switch day) and the year's edges drawn often.
        edges = [1, 32, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 365]
        days = sorted({rng.choice(edges) if rng.random() < 0.3 else rng.randint(1, 365)
                       for _ in range(rng.randint(1, 5))})
        visits = []
        for day in days:
            month_day = _date_of(year, day)
            provider: dict[str, Any] = {"kind": "hospital"}
            if policy == "nanchang-resident":
                provider["signed"] = rng.random() < 0.9
                if rng.random() < 0.1:
                    provider["kind"] = "pharmacy"
                if rng.random() < 0.3:
                    provider["referral"] = "county_tcm"
            elif rng.random() < 0.2:
                provider = {"kind": "pharmacy", "prescribed_at_level": rng.choice([1, 2, 3])}
                if provider["prescribed_at_level"] > 1 and rng.random() < 0.7:
                    provider["prescribed_at_grade"] = rng.choice("ABC")
            elif rng.random() < 0.03:
                pass  # a hospital whose level the user has not said: the calculator must ask
            else:
                provider["level"] = rng.choice([1, 2, 3])
                if provider["level"] > 1 and rng.random() < 0.7:
                    provider["grade"] = rng.choice("ABC")
            if rng.random() < 0.08:
                provider["designated"] = False
            if rng.random() < 0.05:
                provider["offsite"] = True
                provider["offsite_filed"] = rng.random() < 0.5
            visit: dict[str, Any] = {"date": month_day, "provider": provider}
            if rng.random() < 0.15:
                visit["amount"] = _money(rng, 3000)
            else:
                rare = 0.3 if policy == "pingliang-employee" else 0.01
                visit["items"] = [{"category": rng.choice(_PINGLIANG_ITEMS if rng.random() < rare else _ITEMS),
                                   "amount": _money(rng, 1500)} for _ in range(rng.randint(1, 4))]
            visit["inpatient"] = rng.random() < 0.04
            visit["benefits_suspended"] = rng.random() < 0.03
            visits.append(visit)
        req["visits"] = visits
        out.append(req)
    return out


def _date_of(year: int, day_of_year: int) -> str:
    import datetime as dt

    return (dt.date(year, 1, 1) + dt.timedelta(days=day_of_year - 1)).isoformat()


def figures_of(requests: list[dict[str, Any]]) -> list[Any]:
    """Settle each request with whatever ``calculator`` is importable; keep only the figures."""
    # Imported by name at run time: whichever copy is first on sys.path (the workspace's).
    run_json = importlib.import_module(PACKAGE).run_json
    calculator_error = importlib.import_module(f"{PACKAGE}.errors").CalculatorError

    out: list[Any] = []
    for req in requests:
        try:
            result = run_json(json.dumps(req, ensure_ascii=False))
        except calculator_error as exc:
            out.append(["error", exc.code, exc.path])
            continue
        except Exception as exc:  # noqa: BLE001 - a mutant's crash is an outcome to compare
            out.append(["crash", type(exc).__name__])
            continue
        visits = [[v.get(k) for k in FIGURE_FIELDS] for v in result["visits"]]
        out.append(["ok", visits, result["year_end"], result["totals"], result.get("category")])
    return out


# -- running one mutant -----------------------------------------------------------------------------

@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | timeout | equivalent-by-figures | untested
    figure_changing: bool
    changed: str = ""  # the first request whose figures differ, for the report
    seconds: float = 0.0
    detail: str = ""


@dataclass
class Workspace:
    """A private copy of the package and the fast tests, one per parallel job."""

    path: Path
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def create(cls, base: Path, name: str) -> Workspace:
        path = base / name
        shutil.copytree(ROOT / PACKAGE, path / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
        # The figures are read by this script's own copy, so editing it mid-run changes nothing.
        shutil.copy2(Path(__file__), path / f"{_SELF}.py")
        for rel in TEST_FILES:
            src, dst = ROOT / rel, path / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "__snapshots__"))
            else:
                shutil.copy2(src, dst)
        return cls(path)

    def install(self, module: str, source: str) -> None:
        (self.path / module).write_text(source, encoding="utf-8")

    def restore(self, module: str) -> None:
        shutil.copy2(ROOT / module, self.path / module)


def _env(workspace: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(workspace)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.pop("MINGBAI_POLICY_DIRS", None)
    return env


def _figures_in(workspace: Path, requests_file: Path, timeout: float) -> tuple[str, list[Any] | None]:
    """Run :func:`figures_of` in a fresh process that imports the workspace's package."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]);"
            f"import {_SELF}; reqs = json.load(open(sys.argv[2], encoding='utf-8'));"
            f"print(json.dumps({_SELF}.figures_of(reqs), ensure_ascii=False))")
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(workspace), str(requests_file)],
                              cwd=workspace, env=_env(workspace), capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timeout", None
    if proc.returncode != 0:
        return f"import failed: {proc.stderr.strip().splitlines()[-1:]}", None
    return "ok", json.loads(proc.stdout)


def _pytest_in(workspace: Path, timeout: float) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    tail = ""
    for stage in TEST_STAGES:
        try:
            proc = subprocess.run([sys.executable, "-m", "pytest", *stage, *TEST_OPTIONS], cwd=workspace,
                                  env=_env(workspace), capture_output=True, text=True,
                                  timeout=max(1.0, deadline - time.monotonic()), check=False)
        except subprocess.TimeoutExpired:
            return "timeout", ""
        lines = proc.stdout.strip().splitlines()
        tail = lines[-1] if lines else ""
        if proc.returncode != 0:
            return "killed", f"{' '.join(stage)}: {tail}"
    return "survived", tail


def _first_difference(base: list[Any], got: list[Any] | None, labels: list[str]) -> str:
    if got is None:
        return "the mutant does not import or settle"
    for label, a, b in zip(labels, base, got, strict=True):
        if a != b:
            return label
    return ""


def run_mutant(mutant: Mutant, workspace: Workspace, requests_file: Path, baseline: list[Any],
               labels: list[str], test_timeout: float, figures_only: bool) -> Outcome:
    start = time.monotonic()
    with workspace.lock:
        workspace.install(mutant.module, mutate(mutant.module, mutant.index))
        try:
            state, got = _figures_in(workspace.path, requests_file, timeout=test_timeout)
            changed = _first_difference(baseline, got, labels)
            figure_changing = bool(changed) or state != "ok"
            if state == "timeout":
                changed = "settling the requests timed out"
            if not figure_changing and figures_only:
                return Outcome(mutant, "untested", False, seconds=time.monotonic() - start)
            status, detail = _pytest_in(workspace.path, timeout=test_timeout)
        finally:
            workspace.restore(mutant.module)
    if status == "survived" and not figure_changing:
        status = "equivalent-by-figures"
    return Outcome(mutant, status, figure_changing, changed, time.monotonic() - start, detail)


# -- the command ------------------------------------------------------------------------------------

def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--module", action="append", help="a module to mutate, relative to the repository "
                   "(repeatable; default calculator/engine.py)")
    p.add_argument("--sample", type=int, metavar="N", help="test only N mutants drawn at random (see --seed)")
    p.add_argument("--seed", type=int, default=1, help="seed of --sample (default 1)")
    p.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1; the machine is shared)")
    p.add_argument("--timeout", type=float, default=0.0,
                   help="seconds per mutant's test run (default: 3 × the unmutated run + 10)")
    p.add_argument("--requests", type=int, default=300, help="generated requests compared (default 300)")
    p.add_argument("--figures-only", action="store_true",
                   help="skip the tests for mutants that change no figure (faster; they are not scored)")
    p.add_argument("--list", action="store_true", help="list the mutants and stop")
    p.add_argument("--match", help="only mutants whose 'file:line: mutation' contains this text")
    p.add_argument("--json", type=Path, help="also write every outcome to this JSON file")
    p.add_argument("--rerun", type=Path, metavar="JSON",
                   help="only the mutants a previous --json run left alive (survived, timeout, untested, "
                        "equivalent-by-figures); the module must not have changed since")
    return p.parse_args(argv)


def _select(args: argparse.Namespace) -> tuple[list[Mutant], int]:
    mutants = [m for module in (args.module or ["calculator/engine.py"]) for m in find_mutants(module)]
    total = len(mutants)
    if args.match:
        mutants = [m for m in mutants if args.match in m.name]
    if args.rerun:
        alive = {(o["module"], o["index"]): o["mutant"] for o in json.loads(args.rerun.read_text(encoding="utf-8"))
                 if o["status"] != "killed"}
        stale = [name for (module, index), name in alive.items()
                 if not any(m.module == module and m.index == index and m.name == name for m in mutants)]
        if stale:
            raise SystemExit(f"{len(stale)} mutants of {args.rerun} no longer exist (the module changed): {stale[0]}")
        mutants = [m for m in mutants if (m.module, m.index) in alive]
    if args.sample is not None and args.sample < len(mutants):
        mutants = sorted(random.Random(args.seed).sample(mutants, args.sample), key=lambda m: (m.module, m.index))
    return mutants, total


def _report(outcomes: list[Outcome], total: int, seconds: float, out: Callable[[str], None]) -> float:
    figure = [o for o in outcomes if o.figure_changing]
    killed = [o for o in figure if o.status == "killed"]
    survived = [o for o in figure if o.status == "survived"]
    timeouts = [o for o in figure if o.status == "timeout"]
    equivalent = [o for o in outcomes if not o.figure_changing and o.status == "equivalent-by-figures"]
    score = 100.0 * len(killed) / len(figure) if figure else 100.0
    out(f"mutants total:                  {total}")
    out(f"mutants tested:                 {len(outcomes)}")
    out(f"figure-changing:                {len(figure)}")
    out(f"killed among figure-changing:   {len(killed)}")
    out(f"timeout among figure-changing:  {len(timeouts)} (not counted as killed)")
    out(f"score (killed / figure-changing): {score:.1f}%")
    out(f"not figure-changing:            {len(outcomes) - len(figure)} "
        f"({len(equivalent)} survived the tests: equivalent-by-figures, not scored)")
    out(f"time:                           {seconds:.0f} s")
    if survived or timeouts:
        out("\nsurviving figure-changing mutants:")
        for o in survived + timeouts:
            out(f"  [{o.status}] {o.mutant.name}\n      first changed figure: {o.changed}")
    if equivalent:
        out("\nequivalent-by-figures survivors (wording, citations, readings, or true equivalents):")
        for o in equivalent:
            out(f"  {o.mutant.name}")
    return score


def _iter_outcomes(args: argparse.Namespace, mutants: list[Mutant], base: Path) -> Iterator[Outcome]:
    requests = case_requests() + generated_requests(args.requests)
    labels = ([f"case {p.stem}" for p in sorted((ROOT / "tests" / "cases").rglob("*.json"))]
              + [f"generated request {n}" for n in range(args.requests)])
    requests_file = base / "requests.json"
    requests_file.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    jobs = max(1, args.jobs)
    workspaces = [Workspace.create(base, f"job{n}") for n in range(jobs)]

    started = time.monotonic()
    state, baseline = _figures_in(workspaces[0].path, requests_file, timeout=600)
    if baseline is None:
        raise SystemExit(f"the unmutated calculator does not settle the requests: {state}")
    status, detail = _pytest_in(workspaces[0].path, timeout=1200)
    if status != "survived":
        raise SystemExit(f"the fast tests fail on the unmutated calculator ({detail}); fix them first")
    timeout = args.timeout or 3 * (time.monotonic() - started) + 10
    print(f"baseline: {len(requests)} requests settled, tests pass in {time.monotonic() - started:.0f} s; "
          f"per-mutant timeout {timeout:.0f} s; {len(mutants)} mutants, {jobs} job(s)", file=sys.stderr)

    free: list[Workspace] = list(workspaces)
    free_lock = threading.Lock()

    def one(m: Mutant) -> Outcome:
        with free_lock:
            ws = free.pop()
        try:
            return run_mutant(m, ws, requests_file, baseline, labels, timeout, args.figures_only)
        finally:
            with free_lock:
                free.append(ws)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for n, outcome in enumerate(pool.map(one, mutants), 1):
            print(f"[{n}/{len(mutants)}] {outcome.status:<22} {outcome.seconds:5.1f}s  {outcome.mutant.name}",
                  file=sys.stderr)
            yield outcome


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    mutants, total = _select(args)
    if args.list:
        for m in mutants:
            print(m.name)
        print(f"{len(mutants)} of {total} mutants")
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mingbai-mutation-") as tmp:
        outcomes = list(_iter_outcomes(args, mutants, Path(tmp)))
    seconds = time.monotonic() - started
    print()
    _report(outcomes, total, seconds, print)
    if args.json:
        args.json.write_text(json.dumps(
            [{"mutant": o.mutant.name, "module": o.mutant.module, "index": o.mutant.index, "status": o.status,
              "figure_changing": o.figure_changing, "first_changed": o.changed, "seconds": round(o.seconds, 1)}
             for o in outcomes], ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
