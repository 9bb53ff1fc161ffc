"""Rule packs: one TOML file per policy document, decoded by msgspec into frozen, typed Structs.

A pack is the document as data. It holds the document's metadata, the text of its articles, and
every figure and rule the calculator applies, each with the article that sets it and a verbatim
quote. Where the document is silent, the pack records the reading the calculator applies
(``[[readings]]``) with the reason and the articles that leave the point open; the explanation
shows it as a reading, never as a quote.

The loader refuses a pack with an unknown field (a typo), a value without a citation, a citation of
an article the pack does not carry, or a quote that is not in that article's text. Amounts and
rates are quoted strings in TOML so that no figure passes through float.

Packs are found in ``calculator/policies`` and in every directory named by the environment
variable ``MINGBAI_POLICY_DIRS`` (``os.pathsep``-separated): a new city is a data file, not code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

import msgspec

from .errors import PackError, UnknownPolicy
from .text import normalise

__all__ = [
    "Article",
    "CategoryRule",
    "Cited",
    "Citation",
    "Pack",
    "Reading",
    "TIER_KEYS",
    "load_pack",
    "load_packs",
    "get_pack",
    "policy_dirs",
]

Category = Literal["employee", "retiree", "flexible", "resident"]
ItemCategory = Literal[
    "in_scope", "class_b_drug", "class_b_service", "self_pay", "consultation", "dual_channel",
    "prenatal", "tcm",
]
Condition = Literal[
    "non_designated", "inpatient", "suspended", "offsite_unfiled", "not_signed",
]
#: Keys of a ratio table: provider level with optional grade, a pharmacy, or the resident scheme's
#: places (signed institution, county TCM referral) with their registered-poor variants.
TIER_KEYS = (
    "1", "2", "3", "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "pharmacy",
    "signed", "county_tcm", "signed_poor", "county_tcm_poor",
)
_TIER_RE = re.compile(r"^(?:[123][ABC]?|pharmacy|signed|county_tcm|signed_poor|county_tcm_poor)$")


class Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Citation(Base, kw_only=True):
    """An article and the document's own words in it."""

    article: str
    quote: str

    def __post_init__(self) -> None:
        if not self.article.strip() or not self.quote.strip():
            raise ValueError("a citation needs an article and a quote")


class Cited(Base, kw_only=True):
    """A figure (amount or rate) with the article that sets it and its quote."""

    value: Decimal
    article: str
    quote: str
    #: a reading this value relies on (id in ``[[readings]]``), when the quote alone does not say it
    reading: str = ""

    def __post_init__(self) -> None:
        if not self.article.strip() or not self.quote.strip():
            raise ValueError("a value needs an article and a quote")
        if not self.value.is_finite() or self.value < 0:
            raise ValueError("a value must be a finite, non-negative decimal")

    @property
    def citation(self) -> Citation:
        return Citation(article=self.article, quote=self.quote)


class Rule(Base, kw_only=True):
    """A rule that moves no figure of its own: cited, or resting on a reading, or both."""

    article: str = ""
    quote: str = ""
    reading: str = ""

    def __post_init__(self) -> None:
        cited = bool(self.article.strip() and self.quote.strip())
        if not cited and not self.reading:
            raise ValueError("a rule needs a citation (article and quote) or a reading")
        if bool(self.article.strip()) != bool(self.quote.strip()):
            raise ValueError("a citation needs both an article and a quote")

    @property
    def citation(self) -> Citation | None:
        return Citation(article=self.article, quote=self.quote) if self.article else None


class InForce(Base, kw_only=True):
    start: dt.date
    end: dt.date | None = None
    article: str
    quote: str
    reading: str = ""


class Meta(Base, kw_only=True):
    id: str
    city: str
    city_en: str
    scheme: Literal["employee", "resident"]
    name: str  # short Chinese name, e.g. 平凉职工门诊共济
    name_en: str
    title: str
    document_number: str
    issuer: str
    issued: dt.date
    in_force: InForce
    source_file: str = ""  # the seed this pack transcribes, for the quote check
    numbering: Literal["article", "section"] = "article"


class Article(Base, kw_only=True):
    id: str
    text: str
    #: why the calculator does not use this article (required when no rule cites it)
    note: str = ""


class Reading(Base, kw_only=True):
    id: str
    text: str  # the reading, in Chinese, as the explanation states it
    text_en: str
    reason: str  # why a reading is needed: what the document leaves open
    citations: list[Citation]

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a reading names the articles that leave the point open")


class CategoryRule(Base, kw_only=True):
    label: str
    label_en: str
    #: settle this category with another's figures (flexible workers as employees), cited
    settled_as: Category | None = None
    article: str = ""
    quote: str = ""
    reading: str = ""


class Exclusion(Base, kw_only=True):
    category: ItemCategory
    article: str
    quote: str


class Ineligible(Base, kw_only=True):
    when: Condition
    article: str = ""
    quote: str = ""
    reading: str = ""

    def __post_init__(self) -> None:
        if not (self.article and self.quote) and not self.reading:
            raise ValueError("an eligibility rule needs a citation or a reading")


class Pharmacy(Rule, kw_only=True):
    rule: Literal["tier", "prescribing_level", "not_covered"]


class Referral(Rule, kw_only=True):
    label: str
    label_en: str
    scope: list[ItemCategory]


class Consultation(Rule, kw_only=True):
    outside_cap: bool


class Retirement(Rule, kw_only=True):
    switch: Literal["month_after", "same_month"]


class NoAccount(Base, kw_only=True):
    category: Category
    article: str = ""
    quote: str = ""
    reading: str = ""


class Account(Base, kw_only=True):
    available: bool = True
    article: str = ""
    quote: str = ""
    reading: str = ""
    none_for: list[NoAccount] = []


class FamilyDoctor(Base, kw_only=True):
    bonus: Cited


class Supplied(Base, kw_only=True):
    """For a document that leaves figures to the bureau (西安): they must be supplied, and checked."""

    required: bool
    article: str
    quote: str
    min_ratio: Cited | None = None
    retiree_not_below_employee: Rule | None = None


class Pack(Base, kw_only=True):
    schema: int
    meta: Meta
    categories: dict[str, CategoryRule]
    articles: list[Article]
    readings: list[Reading] = []
    deductible: dict[str, Cited] = {}
    cap: dict[str, Cited] = {}
    ratio: dict[str, dict[str, Cited]] = {}
    first_self_pay: dict[str, Cited] = {}
    #: reading id applied to class-B items when the document sets no first self-pay
    class_b_reading: str = ""
    excluded: list[Exclusion] = []
    ineligible: list[Ineligible] = []
    pharmacy: Pharmacy | None = None
    referral: dict[str, Referral] = {}
    consultation: Consultation | None = None
    retirement: Retirement | None = None
    account: Account = Account()
    #: the article making the deductible and cap yearly and cumulative
    annual: Rule | None = None
    #: the article defining the in-scope costs (what self-pay items fall outside of)
    scope: Rule | None = None
    #: item categories the document does not name, counted in scope by a reading (id)
    item_readings: dict[str, str] = {}
    family_doctor: FamilyDoctor | None = None
    supplied: Supplied | None = None
    #: deductible and cap figures absent on purpose (the resident scheme sets none): reading id
    no_deductible: str = ""
    no_cap: str = ""

    # -- look-ups -----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.meta.id

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def reading(self, reading_id: str) -> Reading:
        for r in self.readings:
            if r.id == reading_id:
                return r
        raise KeyError(reading_id)

    def settled_category(self, category: str) -> str:
        rule = self.categories.get(category)
        return rule.settled_as if rule and rule.settled_as else category

    def ineligible_rule(self, condition: str) -> Ineligible | None:
        for rule in self.ineligible:
            if rule.when == condition:
                return rule
        return None


# -- loading and checking -----------------------------------------------------------------------


def _citations(pack: Pack) -> list[tuple[str, str, str]]:
    """Every (where, article, quote) the pack holds, for the checks."""
    out: list[tuple[str, str, str]] = []

    def add(where: str, obj: object) -> None:
        article = getattr(obj, "article", "")
        quote = getattr(obj, "quote", "")
        if article or quote:
            out.append((where, article, quote))

    add("meta.in_force", pack.meta.in_force)
    for key, cat in pack.categories.items():
        add(f"categories.{key}", cat)
    for r in pack.readings:
        for i, c in enumerate(r.citations):
            add(f"readings.{r.id}.citations[{i}]", c)
    for name in ("deductible", "cap", "first_self_pay"):
        for key, val in getattr(pack, name).items():
            add(f"{name}.{key}", val)
    for cat, table in pack.ratio.items():
        for key, val in table.items():
            add(f"ratio.{cat}.{key}", val)
    for i, ex in enumerate(pack.excluded):
        add(f"excluded[{i}]", ex)
    for i, rule in enumerate(pack.ineligible):
        add(f"ineligible[{i}]", rule)
    for key, ref in pack.referral.items():
        add(f"referral.{key}", ref)
    for name in ("pharmacy", "consultation", "retirement", "account", "annual", "scope"):
        obj = getattr(pack, name)
        if obj is not None:
            add(name, obj)
    for i, na in enumerate(pack.account.none_for):
        add(f"account.none_for[{i}]", na)
    if pack.family_doctor:
        add("family_doctor.bonus", pack.family_doctor.bonus)
    if pack.supplied:
        add("supplied", pack.supplied)
        if pack.supplied.min_ratio:
            add("supplied.min_ratio", pack.supplied.min_ratio)
        if pack.supplied.retiree_not_below_employee:
            add("supplied.retiree_not_below_employee", pack.supplied.retiree_not_below_employee)
    return out


def _reading_refs(pack: Pack) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = [("class_b_reading", pack.class_b_reading),
                                   ("no_deductible", pack.no_deductible), ("no_cap", pack.no_cap),
                                   ("meta.in_force", pack.meta.in_force.reading)]
    for key, cat in pack.categories.items():
        refs.append((f"categories.{key}", cat.reading))
    for cat, table in pack.ratio.items():
        for key, val in table.items():
            refs.append((f"ratio.{cat}.{key}", val.reading))
    for i, rule in enumerate(pack.ineligible):
        refs.append((f"ineligible[{i}]", rule.reading))
    for name in ("pharmacy", "consultation", "retirement", "account", "annual", "scope"):
        obj = getattr(pack, name)
        if obj is not None:
            refs.append((name, obj.reading))
    for key, rid in pack.item_readings.items():
        refs.append((f"item_readings.{key}", rid))
    for i, na in enumerate(pack.account.none_for):
        refs.append((f"account.none_for[{i}]", na.reading))
    for key, ref in pack.referral.items():
        refs.append((f"referral.{key}", ref.reading))
    for key, val in pack.first_self_pay.items():
        refs.append((f"first_self_pay.{key}", val.reading))
    for name in ("deductible", "cap"):
        for key, val in getattr(pack, name).items():
            refs.append((f"{name}.{key}", val.reading))
    if pack.supplied and pack.supplied.min_ratio:
        refs.append(("supplied.min_ratio", pack.supplied.min_ratio.reading))
    if pack.family_doctor:
        refs.append(("family_doctor.bonus", pack.family_doctor.bonus.reading))
    if pack.supplied and pack.supplied.retiree_not_below_employee:
        refs.append(("supplied.retiree_not_below_employee",
                     pack.supplied.retiree_not_below_employee.reading))
    return [(w, r) for w, r in refs if r]


def cited_articles(pack: Pack) -> set[str]:
    """The articles some value, rule or reading of the pack cites."""
    return {article for _, article, _ in _citations(pack)}


def check_pack(pack: Pack) -> list[str]:
    """Every problem with a decoded pack, as sentences; empty when the pack is sound."""
    problems: list[str] = []
    texts = {a.id: normalise(a.text) for a in pack.articles}
    if len(texts) != len(pack.articles):
        problems.append("two articles share an id")
    for where, article, quote in _citations(pack):
        if article not in texts:
            problems.append(f"{where}: cites {article}, which the pack does not carry")
        elif normalise(quote) not in texts[article]:
            problems.append(f"{where}: quote {quote!r} is not in the text of {article}")
    reading_ids = {r.id for r in pack.readings}
    for where, ref in _reading_refs(pack):
        if ref not in reading_ids:
            problems.append(f"{where}: names reading {ref!r}, which the pack does not define")
    cited = cited_articles(pack)
    for art in pack.articles:
        if art.id not in cited and not art.note.strip():
            problems.append(f"article {art.id}: neither cited nor given a note saying why not")
    for cat, table in pack.ratio.items():
        for key, val in table.items():
            if not _TIER_RE.match(key):
                problems.append(f"ratio.{cat}.{key}: unknown tier key")
            if val.value > 1:
                problems.append(f"ratio.{cat}.{key}: a ratio above 1")
    for key in pack.categories:
        if key not in ("employee", "retiree", "flexible", "resident"):
            problems.append(f"categories.{key}: unknown category")
    if pack.supplied is None and pack.meta.scheme == "employee":
        for name in ("deductible", "cap", "ratio"):
            for cat in ("employee", "retiree"):
                if cat not in getattr(pack, name):
                    problems.append(f"{name}.{cat}: missing")
    return problems


def _no_float(text: str) -> Decimal:
    raise ValueError(f"数字 {text} 必须写成带引号的字符串（如 \"0.55\"），金额和比例不得经过浮点数")


def load_pack(path: Path) -> Pack:
    """Decode and check one pack file; raise :class:`PackError` naming every problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=_no_float)
        pack = msgspec.convert(raw, type=Pack)
    except (msgspec.ValidationError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise PackError(code="pack_invalid", message=f"规则包 {path.name} 格式错误：{exc}",
                        path=str(path)) from exc
    problems = check_pack(pack)
    if problems:
        raise PackError(code="pack_invalid",
                        message=f"规则包 {path.name} 有误：" + "；".join(problems), path=str(path))
    return pack


BUILTIN_DIR = Path(__file__).with_name("policies")


def policy_dirs() -> list[Path]:
    extra = os.environ.get("MINGBAI_POLICY_DIRS", "")
    return [BUILTIN_DIR] + [Path(p) for p in extra.split(os.pathsep) if p.strip()]


@lru_cache(maxsize=8)
def _load_all(dirs: tuple[Path, ...]) -> dict[str, Pack]:
    packs: dict[str, Pack] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise PackError(code="pack_dir_missing",
                            message=f"规则包目录不存在：{directory}", path=str(directory))
        for path in sorted(directory.glob("*.toml")):
            pack = load_pack(path)
            packs[pack.id] = pack  # a deployment's pack may replace a built-in one
    return packs


def load_packs() -> dict[str, Pack]:
    """All packs by id: the built-in ones and those of ``MINGBAI_POLICY_DIRS``."""
    return _load_all(tuple(policy_dirs()))


def get_pack(policy_id: str) -> Pack:
    packs = load_packs()
    try:
        return packs[policy_id]
    except KeyError:
        known = "、".join(sorted(packs))
        raise UnknownPolicy(code="unknown_policy",
                            message=f"未知的政策“{policy_id}”。可选：{known}",
                            path="policy") from None
