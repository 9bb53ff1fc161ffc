"""Catalogs and the active locale.

The wording lives in gettext catalogs under ``locales/`` (``<lang>/LC_MESSAGES/messages.po``, with
``locales/messages.pot`` extracted from the templates and this package by ``pybabel extract -F
babel.cfg``). Simplified Chinese is the source language: every msgid is Chinese, the ``zh_CN``
catalog maps each to itself and the ``en`` catalog translates each. No ``.mo`` is committed: a
catalog is compiled in memory the first time its locale is used (``read_po`` → ``write_mo`` into a
``BytesIO`` → :class:`gettext.GNUTranslations`) and kept for the life of the process.

The catalogs on disk are listed once per process (:func:`locales_available`, cached), and a
locale name is normalised once (:func:`normalise_locale`, cached): a rendering looks nothing up on
disk (issue 12: the locale was looked up on disk three times a request).

The locale of a rendering lives in a :class:`~contextvars.ContextVar`, set for the duration of one
call (:func:`activated`); the Jinja environments have gettext callables installed that read it, so
two requests in two languages rendering at once — threads or asyncio tasks — never see each
other's catalog (no global ``install_gettext_translations``).
"""

from __future__ import annotations

import gettext as _gettext
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import locales as _locales_pkg

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES_DIR",
    "N_",
    "State",
    "activated",
    "current",
    "gettext",
    "locales_available",
    "ngettext",
    "normalise_locale",
    "translations",
]

LOCALES_DIR = Path(_locales_pkg.__file__).resolve().parent
DEFAULT_LOCALE = "zh-CN"
#: BCP 47 tag (what the API and the command line speak) → catalog directory (POSIX locale name).
_CATALOG_DIRS = {"zh-CN": "zh_CN", "en": "en"}


def N_(message: str) -> str:
    """Mark a message for extraction without translating it (translated where it is shown)."""
    return message


def _tag_of(directory: str) -> str:
    return directory.replace("_", "-")


def locales_available() -> list[str]:
    """The locales with a catalog, as BCP 47 tags; the source language (``zh-CN``) first."""
    return list(_locales_on_disk())


@cache
def _locales_on_disk() -> tuple[str, ...]:
    found = sorted(_tag_of(p.parent.parent.name)
                   for p in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    return tuple(sorted(found, key=lambda tag: (tag != DEFAULT_LOCALE, tag)))


def normalise_locale(locale: str | None) -> str:
    """``zh-CN``/``zh_CN``/``zh``/``zh-Hans`` → ``zh-CN``; ``en``/``en-US``/``en_GB`` → ``en``.

    Raises :class:`ValueError` for a locale without a catalog.
    """
    if locale is None:
        return DEFAULT_LOCALE
    return _normalise(locale)


@lru_cache(maxsize=256)
def _normalise(locale: str) -> str:
    if not locale.strip():
        return DEFAULT_LOCALE
    low = locale.strip().replace("_", "-").lower()
    for tag in _locales_on_disk():
        lang = tag.split("-")[0].lower()
        if low == tag.lower() or low == lang or low.startswith(lang + "-"):
            return tag
    raise ValueError(f"no catalog for locale {locale!r}; available: {', '.join(locales_available())}")


@cache
def translations(tag: str) -> _gettext.GNUTranslations:
    """The compiled catalog of a locale (compiled from its ``.po`` on first use, then cached)."""
    directory = _CATALOG_DIRS.get(tag, tag.replace("-", "_"))
    po = LOCALES_DIR / directory / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=directory)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class State:
    """What one rendering needs besides its data: the locale and per-rendering look-ups."""

    tag: str
    babel: Locale  # the Babel locale (parsed once: parsing a name per call is slow)
    catalog: _gettext.GNUTranslations
    extra: dict[str, Any] = field(default_factory=dict)


@cache
def babel_locale(tag: str) -> Locale:
    return Locale.parse(_CATALOG_DIRS.get(tag, tag.replace("-", "_")))


def _state_for(tag: str, **extra: Any) -> State:
    return State(tag=tag, babel=babel_locale(tag), catalog=translations(tag), extra=extra)


_STATE: ContextVar[State | None] = ContextVar("mingbai_explanations_state", default=None)


def current() -> State:
    state = _STATE.get()
    if state is None:
        state = _state_for(DEFAULT_LOCALE)
    return state


class activated:
    """Make a locale (and per-rendering values) current for the calls inside the block.

    A class rather than a ``@contextmanager`` generator: entered on every rendering, it costs
    one object instead of a generator and its wrapper (the same ``with`` semantics)."""

    __slots__ = ("state", "token")

    def __init__(self, locale: str | None, **extra: Any) -> None:
        self.state = _state_for(normalise_locale(locale), **extra)

    def __enter__(self) -> State:
        self.token = _STATE.set(self.state)
        return self.state

    def __exit__(self, *exc: object) -> None:
        _STATE.reset(self.token)


def gettext(message: str) -> str:
    return current().catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().catalog.ngettext(singular, plural, n)
