"""The vocabulary names every code the calculator can emit, in each of its variants, and the other
layers' tables are it (not copies of it)."""

from __future__ import annotations

import typing

from calculator import load_packs, vocabulary
from calculator.billcheck import Slip
from calculator.packs import Beneficiary, Purpose
from calculator.request import ItemCategory

ITEMS = set(typing.get_args(ItemCategory))


def test_every_item_category_has_each_wording() -> None:
    assert set(vocabulary.ITEM_CATEGORIES) == ITEMS
    assert set(vocabulary.ITEM_CATEGORIES_SHORT) == ITEMS
    assert set(vocabulary.ITEM_CATEGORIES_FORM) == ITEMS
    # the chat repeats what it understood; in_scope is the rest of the bill, never said
    assert set(vocabulary.ITEM_CATEGORIES_CHAT) == set(vocabulary.ITEM_CATEGORIES_CHAT_EN) == ITEMS - {"in_scope"}


def test_every_ratio_tier_and_category_of_a_pack_is_named() -> None:
    for pack in load_packs().values():
        for category, tiers in pack.ratio.items():
            assert category in vocabulary.CATEGORIES
            assert set(tiers) <= set(vocabulary.TIERS), pack.meta.id
    assert set(vocabulary.CATEGORIES) == set(vocabulary.CATEGORIES_EN)
    assert set(vocabulary.GRADES) == set(vocabulary.GRADES_EN)
    assert set(vocabulary.LEVELS) == set(vocabulary.LEVELS_OR_BELOW) == set(vocabulary.LEVELS_OR_BELOW_EN)


def test_every_slip_field_and_account_use_is_named() -> None:
    assert set(vocabulary.SLIP_FIELDS) == set(Slip.__struct_fields__)
    assert set(vocabulary.BENEFICIARIES) == set(typing.get_args(Beneficiary))
    assert set(vocabulary.PURPOSES) == set(typing.get_args(Purpose))


def test_the_layers_tables_are_the_vocabulary() -> None:
    from assistant.web import forms
    from explanations import labels

    assert labels.CATEGORIES is vocabulary.CATEGORIES
    assert labels.TIERS is vocabulary.TIERS
    assert labels.ITEM_CATEGORIES is vocabulary.ITEM_CATEGORIES
    assert forms.ITEM_CATEGORIES is vocabulary.ITEM_CATEGORIES_FORM
    assert {name: label for name, label in forms.SLIP_FIELDS.values()} == {
        name: vocabulary.SLIP_FIELDS[name] for name, _ in forms.SLIP_FIELDS.values()}
