"""What the account and budget features share on the wire: decoding with Chinese field errors,
money checks, citations and readings in the result.

Each feature (:mod:`calculator.credits`, :mod:`calculator.usage`, :mod:`calculator.budget`) has its
own request and result Structs; this module keeps their decoding and their citations uniform with
the settlement engine's: a ``FieldError`` names the field's path and says in Chinese what is
wrong; a citation is a :class:`~calculator.result.CitationOut`; a reading used becomes an
:class:`~calculator.result.Assumption` of kind ``reading``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeVar

import msgspec

from .errors import FieldError, InvalidRequest
from .money import is_fen_exact
from .packs import Pack
from .request import from_msgspec
from .request import label as engine_label
from .result import Assumption, CitationOut, PolicyRef

__all__ = [
    "Citer", "Labels", "check_money", "choices", "decode", "field_error", "input_note", "percent", "policy_ref", "yuan",
]

T = TypeVar("T")
Labels = dict[str, str]


def _label(path: str, labels: Labels) -> str:
    last = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1]) if path else ""
    return labels.get(last, engine_label(path))


def field_error(path: str, code: str, message: str, labels: Labels) -> FieldError:
    """``金额（roster[0].birth_year）……``: the field's Chinese name, its path, the complaint."""
    return FieldError(path=path, code=code, message=f"{_label(path, labels)}（{path or '请求'}）{message}")


def decode(decoder: msgspec.json.Decoder, raw: bytes | str, labels: Labels,
           options: dict[str, str] | None = None) -> Any:
    """Decode typed JSON; turn msgspec's error into an :class:`InvalidRequest` with a Chinese message.

    ``options``: for a field with a fixed set of values, the Chinese list of them, added to the
    message when a value is not among them (``可选：self（本人）、…``).
    """
    try:
        return decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        err = from_msgspec(exc)
        prefix = f"{engine_label(err.path)}（{err.path or '请求'}）"
        if err.path and err.message.startswith(prefix):
            rest = err.message[len(prefix):]
            last = re.sub(r"\[\d+\]$", "", err.path.rsplit(".", 1)[-1])
            if err.code == "invalid_value" and options and last in options:
                rest += f"可选：{options[last]}。"
            err = FieldError(path=err.path, code=err.code, message=f"{_label(err.path, labels)}（{err.path}）{rest}")
        raise InvalidRequest.of([err]) from None


def choices(labels: dict[str, str]) -> str:
    """``self（本人）、spouse（配偶）…``: the values of a field with their Chinese names."""
    return "、".join(f"{k}（{v}）" for k, v in labels.items())


def check_money(value: Decimal, path: str, labels: Labels, maximum: Decimal, too_large: str) -> FieldError | None:
    """A non-negative amount with at most two places, not above ``maximum``."""
    if not value.is_finite():
        return field_error(path, "not_a_number", "不是有效金额（不能是 NaN 或无穷大）。", labels)
    if value < 0:
        return field_error(path, "negative_amount", "不能为负数。", labels)
    if value.is_zero() and value.is_signed():  # "-0" would come back as "-0.00"
        return field_error(path, "invalid_value", "不能写成 -0，请写 0。", labels)
    if value > maximum:
        return field_error(path, "amount_too_large", too_large, labels)
    if not is_fen_exact(value):
        return field_error(path, "too_many_places", "最多两位小数（精确到分）。", labels)
    return None


def policy_ref(pack: Pack) -> PolicyRef:
    m = pack.meta
    return PolicyRef(id=m.id, title=m.title, document_number=m.document_number, name=m.name,
                     name_en=m.name_en, city=m.city, city_en=m.city_en, scheme=m.scheme, issuer=m.issuer,
                     numbering=m.numbering)


def yuan(value: Decimal) -> str:
    return f"{value}元"


def percent(value: Decimal) -> str:
    return f"{(value * 100).normalize():f}%"


class Citer:
    """Citations of one pack, and the readings used so far (in order of first use)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.used: list[str] = []

    def cite(self, article: str, quote: str) -> CitationOut:
        return CitationOut(policy=self.pack.id, article=article, quote=quote)

    def of(self, *objs: object) -> list[CitationOut]:
        """The citations of rules (their ``article``/``quote`` and ``also``), without duplicates."""
        out: list[CitationOut] = []
        for obj in objs:
            if obj is None:
                continue
            pairs = [(getattr(obj, "article", ""), getattr(obj, "quote", ""))]
            pairs += [(c.article, c.quote) for c in getattr(obj, "also", [])]
            for article, quote in pairs:
                c = self.cite(article, quote) if article and quote else None
                if c is not None and c not in out:
                    out.append(c)
        return out

    def supplied(self, source: str) -> CitationOut:
        return CitationOut(policy=self.pack.id, article=None, quote=None, supplied=True, source=source)

    def use(self, *reading_ids: str) -> list[str]:
        out: list[str] = []
        for rid in reading_ids:
            if rid and rid not in out:
                if rid not in self.used:
                    self.used.append(rid)
                out.append(rid)
        return out

    def reading_citations(self, *reading_ids: str) -> list[CitationOut]:
        out: list[CitationOut] = []
        for rid in reading_ids:
            for c in self.pack.reading(rid).citations:
                cited = self.cite(c.article, c.quote)
                if cited not in out:
                    out.append(cited)
        return out

    def with_readings(self, citations: list[CitationOut], readings: list[str]) -> list[CitationOut]:
        out = list(citations)
        for c in self.reading_citations(*readings):
            if c not in out:
                out.append(c)
        return out

    def assumptions(self) -> list[Assumption]:
        out = []
        for rid in self.used:
            r = self.pack.reading(rid)
            out.append(Assumption(id=rid, kind="reading", text=r.text, text_en=r.text_en, reason=r.reason,
                                  citations=[self.cite(c.article, c.quote) for c in r.citations]))
        return out


def input_note(id: str, text: str, text_en: str, reason: str) -> Assumption:
    """A default taken about the request (not a reading of the document), said in the result."""
    return Assumption(id=id, kind="input", text=text, text_en=text_en, reason=reason, citations=[])
