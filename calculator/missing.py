"""The facts a partial request still needs, each with the article that makes it matter.

The chat (and any other front end) asks for what this module says is missing instead of keeping its
own copy of the rules — the "missing variables" habit of Publicodes. The order of the list is the
order a person is asked: who (category), how much, where (provider, its grade, the prescribing
level), then this year's position. The amount comes before the provider because every reader agrees
a missing amount is missing, while some read a resident's provider as the signed institution.

Pure: a :class:`Partial` in, a list of :class:`Missing` out. Nothing is guessed: a fact is missing
when the pack has a rule whose figure depends on it and the partial does not give it.
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

from .packs import Pack, get_pack

__all__ = ["Missing", "Partial", "missing_facts"]

EMPLOYEE_CATEGORIES = ("employee", "retiree", "flexible")


class Partial(msgspec.Struct, kw_only=True, frozen=True):
    """What is known of a request so far (None: not said)."""

    policy: str
    category: str | None = None
    provider_kind: str | None = None  # hospital | pharmacy | None
    provider_level: int | None = None
    provider_grade: str | None = None
    prescribed_at_level: int | None = None
    prescribed_at_grade: str | None = None
    signed: bool | None = None
    referral: str | None = None
    designated: bool | None = None
    amount: Decimal | None = None
    #: the visit was out of the city (异地) and whether it was filed (备案), as said
    offsite: bool | None = None
    offsite_filed: bool | None = None
    #: the item categories the bill was said to hold (tcm, self_pay …), beside its total
    items: tuple[str, ...] = ()
    #: any statement of this year's position (first visit, deductible met or used, fund paid)
    year_position: bool = False
    #: the bureau's figures are supplied (西安: read off the person's slip)
    parameters_supplied: bool = False


class Missing(msgspec.Struct, kw_only=True, frozen=True):
    """One fact still needed: its name (the chat's ``asking`` vocabulary) and why, by article."""

    fact: str
    article: str
    quote: str = ""


def _ratio_article(pack: Pack) -> tuple[str, str]:
    for table in pack.ratio.values():
        for cited in table.values():
            return cited.article, cited.quote
    return "", ""


def missing_facts(partial: Partial) -> list[Missing]:
    """Every fact ``partial`` still needs before :func:`calculator.calculate` can settle it, in asking order."""
    pack = get_pack(partial.policy)
    out: list[Missing] = []
    ratio_article, ratio_quote = _ratio_article(pack)
    employee = pack.meta.scheme == "employee"
    if employee and partial.category not in EMPLOYEE_CATEGORIES:
        out.append(Missing(fact="category", article=ratio_article, quote=ratio_quote))
    if partial.amount is None:
        out.append(Missing(fact="amount", article=ratio_article, quote=ratio_quote))
    if not employee:
        if partial.signed is None and partial.referral is None:
            referral = next(iter(pack.referral.values()), None)
            out.append(Missing(fact="provider_kind", article=referral.article if referral else ratio_article,
                               quote=referral.quote if referral else ratio_quote))
    elif partial.provider_level is None and partial.provider_kind != "pharmacy":
        out.append(Missing(fact="provider_level", article=ratio_article, quote=ratio_quote))
    if employee:
        rule = pack.pharmacy.rule if pack.pharmacy else "tier"
        pharmacy = partial.provider_kind == "pharmacy"
        if pharmacy and rule == "prescribing_level" and partial.prescribed_at_level is None:
            article = pack.pharmacy.article if pack.pharmacy and pack.pharmacy.article else ratio_article
            out.append(Missing(fact="prescribed_at_level", article=article,
                               quote=pack.pharmacy.quote if pack.pharmacy else ""))
        level, grade = ((partial.prescribed_at_level, partial.prescribed_at_grade) if pharmacy
                        else (partial.provider_level, partial.provider_grade))
        keys = {k for table in pack.ratio.values() for k in table}
        if (level is not None and grade is None and str(level) not in keys
                and any(k[:1] == str(level) and len(k) == 2 for k in keys)
                and not (pharmacy and rule == "tier")):
            out.append(Missing(fact="prescribed_at_grade" if pharmacy else "provider_grade",
                               article=ratio_article, quote=ratio_quote))
    unfiled = pack.ineligible_rule("offsite_unfiled")
    if partial.offsite and partial.offsite_filed is None and unfiled is not None:
        # an out-of-city visit is paid only when filed (备案): whether it was is asked, never assumed
        out.append(Missing(fact="offsite_filed", article=unfiled.article, quote=unfiled.quote))
    referral = pack.referral.get(partial.referral) if partial.referral else None
    if referral is not None and partial.amount is not None and "in_scope" not in referral.scope \
            and not set(partial.items) & set(referral.scope):
        # 南昌居民 第十四条: on a referral only the named items are paid — how much of the bill they are
        out.append(Missing(fact="referral_part", article=referral.article, quote=referral.quote))
    if partial.designated is False or (partial.offsite and partial.offsite_filed is False and unfiled is not None):
        # not designated, or out of the city without the filing: the fund pays nothing anyway
        return [m for m in out if m.fact in ("category", "amount")]
    if employee and (pack.supplied is None or partial.parameters_supplied) and not partial.year_position:
        cited = next(iter(pack.deductible.values()), None)
        out.append(Missing(fact="year_start", article=cited.article if cited else (
            pack.supplied.article if pack.supplied else ""), quote=cited.quote if cited else ""))
    return out
