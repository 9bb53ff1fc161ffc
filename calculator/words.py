"""The words people use for a policy's place, in its rule pack: the chat reads them, so a new pack
is known to the chat without code.

Each pack may end with a ``[chat]`` table: the city's name as the chat reports it, the forms people
write for it (regular-expression sources, longest first is not required: the chat sorts them), and
its districts and counties, each with its forms and whether it is *weak* (a name other cities share,
taken only when no other city is named). These are words, not rules: they carry no figure and need
no citation.
"""

from __future__ import annotations

import msgspec

__all__ = ["ChatWords", "District"]


class District(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    name: str
    forms: list[str]
    weak: bool = False


class ChatWords(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    #: the city's name as the chat reports it (南昌)
    city: str
    #: forms people write (regex sources): 南昌市, 南昌, nanchang
    forms: list[str]
    districts: list[District] = []

    def __post_init__(self) -> None:
        if not self.city.strip() or not self.forms:
            raise ValueError("chat words need the city and at least one form")
