"""Bill arithmetic a person's words need before a request can be settled.

The chat reads "花了2000，其中自费300、乙类药500" or "起付线还差200就满了"; what those mean in the
terms of a calculation request is a rule of the calculator, not of the dialogue:

* :func:`split_items` — items named inside a total leave the total; the rest is in scope.
* :func:`deductible_used` — the year's deductible already borne, from what the person says of it
  (met, still to bear, an earlier bill the fund paid nothing on), never above the pack's
  deductible for the category.
* :func:`deductible_for` — the pack's deductible for a category, with its article.

Pure: amounts in, amounts out; :class:`BillError` when the words cannot describe one bill.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .errors import CalculatorError
from .money import ZERO, round_fen
from .packs import Pack

__all__ = ["ITEM_CATEGORIES", "BillError", "deductible_for", "deductible_used", "most_fund_paid", "split_items"]

#: the item categories a bill may name inside its total (CONTRACT ``items[].category``)
ITEM_CATEGORIES = ("self_pay", "class_b_drug", "class_b_service", "consultation", "tcm", "dual_channel",
                   "prenatal")


class BillError(CalculatorError):
    """The parts of a bill named by the person do not fit its total (code ``bill_items``)."""


def _error(message: str) -> BillError:
    return BillError("bill_items", message, "visits[0].items")


def split_items(total: Decimal, items: Mapping[str, Decimal]) -> list[dict[str, str]]:
    """The request items of a bill whose ``total`` includes the named ``items``.

    The in-scope remainder is ``total − Σ items``; named items that add up to more than the total
    are an error (the person is asked), never a negative remainder.
    """
    named = {k: v for k, v in items.items() if v is not None and v > 0}
    unknown = set(named) - set(ITEM_CATEGORIES)
    if unknown:
        raise _error(f"未知的费用类别：{'、'.join(sorted(unknown))}")
    rest = total - sum(named.values(), ZERO)
    if rest < 0:
        raise _error(f"分项金额合计{sum(named.values(), ZERO)}元，超过了总费用{total}元。")
    out = [{"category": "in_scope", "amount": str(rest)}] if rest > 0 or not named else []
    out += [{"category": k, "amount": str(named[k])} for k in ITEM_CATEGORIES if k in named]
    return out


def settled_as_in_scope(pack: Pack, item: str) -> bool:
    """Whether a bill item of ``item`` category is settled exactly like any in-scope cost under
    ``pack`` — so a bill's share of it cannot change a figure and need not be asked. Only the
    consultation fee (where the pack keeps no ``[consultation]`` rule of its own: 南昌职工 第二十三条
    keeps it beside the cap) and class-B items (where the pack sets no first self-pay: only 平凉
    第六条 does) can be so, and never in a pack with a referral rule (南昌居民 第十二条: on a referral
    only Chinese-medicine items are in scope) or one that excludes the item."""
    if item == "in_scope":
        return True
    if pack.referral or any(e.category == item for e in pack.excluded):
        return False
    if item == "consultation":
        return pack.consultation is None
    return item in ("class_b_drug", "class_b_service") and item not in pack.first_self_pay


def settled_alike(pack: Pack, item: str, other: str) -> bool:
    """Whether bill items of the ``item`` and ``other`` categories are settled alike under ``pack``
    (the same first self-pay, both in scope or both excluded) — so a bill that does not say which
    of the two a part is has one figure. 乙类 not said to be a drug or a service: only 平凉 第六条
    sets them apart (10% and 15%)."""
    first = pack.first_self_pay.get(item), pack.first_self_pay.get(other)
    excluded = {e.category for e in pack.excluded}
    return ((first[0].value if first[0] else None) == (first[1].value if first[1] else None)
            and (item in excluded) == (other in excluded))


def deductible_for(pack: Pack, category: str) -> Decimal | None:
    """The year's deductible of ``category`` in ``pack`` (None where the document sets none)."""
    settled = pack.settled_category(category)
    cited = pack.deductible.get(settled)
    return None if cited is None else cited.value


def fund_paid_share(pack: Pack, category: str, share: Decimal) -> Decimal | None:
    """What the fund has paid this year when the person says a share of the year's cap is used
    (额度用了一半: ``share`` ½): the cap of ``category`` times the share, to the fen, half-up. None where
    the document sets no cap (the chat then asks the figure)."""
    cited = pack.cap.get(pack.settled_category(category))
    if cited is None or not ZERO < share <= 1:
        return None
    return round_fen(cited.value * share)


def fund_paid_from_cap_left(pack: Pack, category: str, left: Decimal) -> Decimal | None:
    """What the fund has paid this year when the person says what is left of the year's cap
    (统筹还差100就封顶了: ``left`` 100): the cap of ``category`` less ``left``. None where the
    document sets no cap or ``left`` is more than the cap (the chat then asks the figure)."""
    cited = pack.cap.get(pack.settled_category(category))
    if cited is None or not ZERO <= left <= cited.value:
        return None
    return cited.value - left


def most_fund_paid(pack: Pack, category: str, spent: Decimal) -> Decimal | None:
    """The most the fund can have paid this year of ``spent`` in-scope spending of ``category``: the
    part past the year's deductible at the document's highest ratio for the category, to the fen,
    half-up (never more than the cap). None where the document sets no deductible or ratio.

    The chat settles a bill whose year is told as spending (今年门诊花过两千多) only when the
    figure is the same with the fund having paid nothing and this much."""
    settled = pack.settled_category(category)
    deductible = deductible_for(pack, category)
    ratios = [c.value for c in pack.ratio.get(settled, {}).values()]
    if deductible is None or not ratios:
        return None
    most = round_fen(max(spent - deductible, ZERO) * max(ratios))
    cap = pack.cap.get(settled)
    return min(most, cap.value) if cap is not None else most


def deductible_used(pack: Pack, category: str, *, met: bool = False, remaining: Decimal | None = None,
                    unreimbursed: Decimal | None = None, fund_paid: Decimal | None = None,
                    deductible: Decimal | None = None) -> Decimal | None:
    """How much of the year's deductible earlier bills used, from what the person said.

    * ``met`` (起付线扣完了) or a fund payment already made this year: all of it — the fund pays
      only above the deductible (DOMAIN.md, pipeline step 4);
    * ``remaining`` (起付线还差200): the deductible less what is left, not below 0;
    * ``unreimbursed`` (花了300没报): an earlier in-scope bill the fund paid nothing on was borne
      within the deductible, up to the deductible.

    ``deductible`` is a supplied figure (西安: read off the person's slip) used where the document
    sets none. None when nothing was said or no deductible is known.
    """
    full = deductible_for(pack, category)
    if full is None:
        full = deductible
    if full is None:
        return None
    if met or (fund_paid is not None and fund_paid > 0):
        return full
    if remaining is not None:
        return max(full - remaining, ZERO)
    if unreimbursed is not None:
        return min(unreimbursed, full)
    return None
