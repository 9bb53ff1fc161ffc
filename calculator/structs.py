"""The two base Structs every calculator type derives from, defined once.

``Base`` is what comes in (a rule pack, a request): frozen, keyword-only, and an unknown field is
an error, never silently dropped. ``Out`` is what goes out (a result, a trace step): keyword-only,
built once by the calculator.
"""

from __future__ import annotations

import msgspec

__all__ = ["Base", "Out"]


# No docstrings on the two bases: msgspec's JSON Schema would give every subclass without one
# its base's description.

#: What the calculator reads: a pack's table, a request's field.
class Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    pass


#: What the calculator returns: a result, a step of its trace.
class Out(msgspec.Struct, kw_only=True, gc=False):
    pass
