"""The registry of rule packs: loaded once, from directories named at the edge.

The core never reads the environment. :func:`default_registry` is built on first use from the
built-in ``calculator/policies`` and the directories of ``MINGBAI_POLICY_DIRS`` (read once, here,
``os.pathsep``-separated); a caller that wants other directories builds its own
:class:`Registry` and passes its packs to :func:`calculator.engine.settle` — no process-wide cache
to clear. :func:`use_registry` swaps the default for a block (tests, a deployment's start-up).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

from .errors import PackError, UnknownPolicy
from .packs import BUILTIN_DIR, Pack, load_pack
from .supplements import Supplement, check_supplement, load_supplement, supplement_files

__all__ = [
    "Registry", "default_registry", "env_policy_dirs", "get_pack", "get_supplements", "load_packs", "use_registry",
]


class Registry:
    """The packs of some directories, by id (a later directory's pack replaces an earlier one's)."""

    def __init__(self, dirs: Sequence[Path | str] = (), *, builtin: bool = True) -> None:
        self.dirs: tuple[Path, ...] = ((BUILTIN_DIR,) if builtin else ()) + tuple(Path(d) for d in dirs)
        self._packs: dict[str, Pack] | None = None
        self._supplements: dict[str, tuple[Supplement, ...]] = {}

    def packs(self) -> dict[str, Pack]:
        if self._packs is None:
            packs: dict[str, Pack] = {}
            found: list[tuple[Path, Supplement]] = []
            for directory in self.dirs:
                if not directory.is_dir():
                    raise PackError(code="pack_dir_missing",
                                    message=f"规则包目录不存在：{directory}", path=str(directory))
                for path in sorted(directory.glob("*.toml")):
                    if path.name.endswith(".supplement.toml"):
                        continue
                    pack = load_pack(path)
                    packs[pack.id] = pack  # a deployment's pack may replace a built-in one
                found += [(path, load_supplement(path)) for path in supplement_files(directory)]
            self._supplements = self._check_supplements(packs, found)
            self._packs = packs
        return self._packs

    @staticmethod
    def _check_supplements(packs: dict[str, Pack],
                           found: list[tuple[Path, Supplement]]) -> dict[str, tuple[Supplement, ...]]:
        by_policy: dict[str, list[Supplement]] = {}
        for path, sup in found:
            pack = packs.get(sup.policy)
            problems = [f"policy: no pack {sup.policy}"] if pack is None else check_supplement(sup, pack)
            if problems:
                raise PackError(code="supplement_invalid",
                                message=f"补充规定 {path.name} 有误：" + "；".join(problems), path=str(path))
            by_policy.setdefault(sup.policy, []).append(sup)
        out: dict[str, tuple[Supplement, ...]] = {}
        for policy, sups in by_policy.items():
            sups.sort(key=lambda s: s.in_force.start)
            for a, b in pairwise(sups):
                if a.in_force.end is None or a.in_force.end >= b.in_force.start:
                    raise PackError(code="supplement_invalid", path=policy,
                                    message=f"补充规定 {a.name} 与 {b.name} 的适用期重叠（{policy}）。")
            out[policy] = tuple(sups)
        return out

    def supplements(self, policy_id: str) -> tuple[Supplement, ...]:
        """The policy's supplements, by start date (none: an empty tuple)."""
        self.packs()
        return self._supplements.get(policy_id, ())

    def pack_and_supplements(self, policy_id: str) -> tuple[Pack, tuple[Supplement, ...]]:
        """:meth:`get` and :meth:`supplements` in one look-up (once per calculation)."""
        packs = self._packs if self._packs is not None else self.packs()
        pack = packs.get(policy_id)
        if pack is None:
            return self.get(policy_id), ()  # raises UnknownPolicy
        return pack, self._supplements.get(policy_id, ())

    def get(self, policy_id: str) -> Pack:
        packs = self.packs()
        try:
            return packs[policy_id]
        except KeyError:
            known = "、".join(sorted(packs))
            raise UnknownPolicy(code="unknown_policy",
                                message=f"未知的政策“{policy_id}”。可选：{known}",
                                path="policy") from None


def env_policy_dirs(environ: dict[str, str] | None = None) -> list[Path]:
    """The directories ``MINGBAI_POLICY_DIRS`` names (read at the edge, not by the core)."""
    extra = (environ if environ is not None else os.environ).get("MINGBAI_POLICY_DIRS", "")
    return [Path(p) for p in extra.split(os.pathsep) if p.strip()]


_default: Registry | None = None


def default_registry() -> Registry:
    """The process's registry: built-in packs and ``MINGBAI_POLICY_DIRS``, read on first use."""
    global _default
    if _default is None:
        _default = Registry(env_policy_dirs())
    return _default


@contextmanager
def use_registry(registry: Registry) -> Iterator[Registry]:
    """Make ``registry`` the default for the block (and restore the previous one after)."""
    global _default
    before = _default
    _default = registry
    try:
        yield registry
    finally:
        _default = before


def load_packs() -> dict[str, Pack]:
    """All packs of the default registry, by id."""
    return default_registry().packs()


def get_pack(policy_id: str) -> Pack:
    """One pack of the default registry (:class:`UnknownPolicy` naming the known ones)."""
    return default_registry().get(policy_id)


def get_supplements(policy_id: str) -> tuple[Supplement, ...]:
    """The supplements of a policy in the default registry."""
    return default_registry().supplements(policy_id)
