"""The calculator's errors, one tree, each carrying a Chinese message and the field it concerns.

    CalculatorError                  every error the calculator raises on purpose
    ├── InvalidRequest               the request breaks its schema; ``errors`` lists each field
    ├── UnknownPolicy                no rule pack with that id
    ├── OutOfForce                   a visit outside the pack's in-force dates
    ├── MissingFact                  a fact the document needs and the request does not give
    │                                (``fact`` names it, ``citations`` the article that needs it)
    ├── MissingParameter             a figure the document leaves to the bureau (西安) not supplied
    └── PackError                    a rule pack is malformed (a deployment's data error)

The web layer maps these to RFC 9457 problems, the command line to ``{"error": …}`` and exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CalculatorError",
    "FieldError",
    "InvalidRequest",
    "MissingFact",
    "MissingParameter",
    "OutOfForce",
    "PackError",
    "UnknownPolicy",
]


@dataclass(frozen=True)
class FieldError:
    """One offending field: its path (``visits[0].items[1].amount``), a code and a Chinese message."""

    path: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class CalculatorError(Exception):
    code: str
    message: str
    path: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "path": self.path}
        if self.citations:
            out["citations"] = self.citations
        return out


@dataclass
class InvalidRequest(CalculatorError):
    errors: list[FieldError] = field(default_factory=list)

    @classmethod
    def of(cls, errors: list[FieldError]) -> InvalidRequest:
        first = errors[0]
        message = first.message if len(errors) == 1 else f"{first.message}（另有{len(errors) - 1}处错误）"
        return cls(code=first.code, message=message, path=first.path, errors=errors)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["errors"] = [e.to_dict() for e in self.errors]
        return out


@dataclass
class UnknownPolicy(CalculatorError):
    pass


@dataclass
class OutOfForce(CalculatorError):
    pass


@dataclass
class MissingFact(CalculatorError):
    #: the chat's ``asking`` name of the missing fact (``prescribed_at_level``, ``provider_grade``…)
    fact: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["missing"] = self.fact
        return out


@dataclass
class MissingParameter(CalculatorError):
    parameter: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["missing"] = self.parameter
        return out


@dataclass
class PackError(CalculatorError):
    pass


@dataclass
class ItemNotNamed(CalculatorError):
    """A bill holds an item its document does not name (双通道 or 产检 outside 平凉).

    The visit cannot be settled by the document, so no single figure is given; ``alternatives``
    holds the figures both ways — the item settled as in scope, and the item left out of outpatient
    pooling — side by side, for the person to see what is at stake (filled by
    :func:`calculator.calculate`).
    """

    item: str = ""
    visit: int = 0
    alternatives: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.alternatives:
            out["alternatives"] = self.alternatives
        return out

