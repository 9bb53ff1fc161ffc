"""Gazetteers and keyword patterns: places, schemes and categories, providers, year position.

Every family of patterns is one precompiled alternation scanned left to right; at each position
the first listed alternative wins, and the lists put longer, more specific forms first (南昌县
before 南昌, 还没退休 before 退休, 社区卫生服务中心 before 社区). A match yields a :class:`Hit` that sets
one or more slots. Hits preceded in their clause by a negation (不是, 并非, 不在…; for yes/no
slots also 没, 没有, 未, 非, 不) are marked ``negated``: a negated yes/no hit sets the opposite
value, a negated choice (不是三级) sets nothing. ``是不是三级`` is a question, not a negation.

Ambiguous names are only accepted in an unambiguous form: 西湖区 (not 西湖, Hangzhou's lake),
南部县, 新建区/新建县, 长安区, 东湖区, 新城区, 嘉陵 (not 嘉陵江). A few names that other cities share
(高新区, 经开区, 曲江, 新城区, 西湖区) are *weak*: they name the city only when no other city is
mentioned. Provinces (江西, 陕西…) are consumed so that 江西安义 is 安义, not 西安.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import msgspec

from . import rx

__all__ = [
    "CITIES",
    "DISTRICTS",
    "OTHER_CITIES_EN",
    "Hit",
    "find_account_uses",
    "find_beneficiaries",
    "find_places",
    "find_slots",
    "is_negated",
]

_Words = tuple[dict[str, str], dict[str, tuple[str, tuple[str, ...], bool]], dict[str, tuple[str, ...]]]
#: the last registry read and what was read from it (the registry in use can change: a deployment's
#: pack directory, a test's ``use_registry``)
_READ: dict[str, tuple[object, Any]] = {}


def per_registry(name: str, build: Callable[[], Any]) -> Any:
    """``build()`` once for the registry in use (again when another registry is in use)."""
    from calculator import default_registry

    registry = default_registry()
    seen = _READ.get(name)
    if seen is None or seen[0] is not registry:
        seen = _READ[name] = (registry, build())
    return seen[1]


def _pack_words() -> _Words:
    """Cities, districts and their written forms, from the rule packs' ``[chat]`` tables."""
    from calculator import load_packs

    cities: dict[str, str] = {}
    districts: dict[str, tuple[str, tuple[str, ...], bool]] = {}
    forms: dict[str, tuple[str, ...]] = {}
    for pack_id, pack in sorted(load_packs().items()):
        words = pack.chat
        if words is None:
            continue
        cities.setdefault(words.city, pack_id.split("-", 1)[0])
        forms[words.city] = tuple(dict.fromkeys([*forms.get(words.city, ()), *words.forms]))
        for d in words.districts:
            districts.setdefault(d.name, (words.city, tuple(d.forms), d.weak))
    return cities, districts, forms


def pack_words() -> _Words:
    """(cities → policy id prefix, districts, cities' written forms) of the registry in use."""
    words: _Words = per_registry("words", _pack_words)
    return words


_CITIES, _DISTRICTS, _FORMS = pack_words()
#: the cities 明白账 covers (the value of ``Facts.city``) → the prefix of their policy ids; from the
#: built-in packs (:func:`pack_words` reads the registry in use)
CITIES: Mapping[str, str] = _CITIES
#: canonical district / county name → (its city, the forms people write, weak?); from the built-in packs
DISTRICTS: Mapping[str, tuple[str, tuple[str, ...], bool]] = _DISTRICTS
_PROVINCES = ("江西省", "江西", "四川省", "四川", "陕西省", "陕西", "甘肃省", "甘肃", "山西", "广西")
_OTHER_CITIES = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "成都", "武汉", "长沙", "郑州", "兰州",
    "九江", "赣州", "宜春", "上饶", "吉安", "抚州", "景德镇", "萍乡", "新余", "鹰潭", "宝鸡", "咸阳",
    "渭南", "延安", "汉中", "榆林", "商洛", "铜川", "天水", "庆阳", "定西", "武威", "张掖", "酒泉",
    "陇南", "绵阳", "广安", "遂宁", "达州", "巴中", "德阳", "宜宾", "泸州", "乐山", "自贡", "内江",
    "广元", "眉山", "资阳", "雅安", "攀枝花", "金昌", "白银", "嘉峪关", "临夏", "甘南", "固原", "中卫",
    "南京", "苏州", "合肥", "济南", "青岛", "沈阳", "哈尔滨", "长春", "石家庄", "太原", "银川", "西宁",
    "乌鲁木齐", "昆明", "贵阳", "南宁", "海口", "福州", "厦门", "宁波", "无锡", "东莞", "佛山",
    # the other prefecture-level cities of the neighbouring provinces and the big ones elsewhere
    # (names that are also common words — 中山, 安康, 黄山 — are left out: they would misread a message)
    "固原", "中卫", "吴忠", "石嘴山", "白银", "金昌", "嘉峪关", "临夏", "甘南", "攀枝花", "眉山", "雅安",
    "资阳", "阿坝", "甘孜", "凉山", "西昌", "成都市", "长沙市", "株洲", "湘潭", "衡阳", "岳阳", "常德", "郴州",
    "永州", "怀化", "娄底", "邵阳", "益阳", "张家界", "湘西", "宜昌", "襄阳", "荆州", "十堰", "孝感", "黄冈",
    "咸宁", "恩施", "黄石", "鄂州", "荆门", "随州", "洛阳", "开封", "新乡", "南阳", "信阳", "周口", "商丘",
    "驻马店", "许昌", "平顶山", "焦作", "安阳", "濮阳", "漯河", "三门峡", "鹤壁", "大同", "运城", "临汾",
    "晋中", "长治", "晋城", "阳泉", "忻州", "吕梁", "朔州", "包头", "呼和浩特", "鄂尔多斯", "赤峰", "通辽",
    "徐州", "常州", "南通", "扬州", "镇江", "泰州", "盐城", "淮安", "连云港", "宿迁", "温州", "嘉兴", "湖州",
    "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆",
    "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城", "泉州", "漳州", "莆田", "龙岩", "三明", "南平",
    "宁德", "烟台", "潍坊", "临沂", "济宁", "淄博", "威海", "日照", "泰安", "聊城", "德州", "滨州", "菏泽",
    "枣庄", "东营", "珠海", "汕头", "湛江", "茂名", "江门", "惠州", "肇庆", "梅州", "清远", "韶关", "揭阳",
    "柳州", "桂林", "梧州", "北海", "玉林", "百色", "遵义", "六盘水", "安顺", "毕节", "铜仁", "曲靖", "玉溪",
    "大理", "丽江", "保定", "唐山", "邯郸", "邢台", "沧州", "廊坊", "衡水", "秦皇岛", "张家口", "承德",
    "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "铁岭", "朝阳市", "葫芦岛",
    "吉林市", "四平", "辽源", "通化", "白山", "松原", "白城", "延边", "齐齐哈尔", "牡丹江", "佳木斯", "大庆",
    "鸡西", "双鸭山", "伊春", "七台河", "黑河", "绥化", "拉萨", "日喀则", "喀什", "伊犁", "克拉玛依", "哈密",
    "三亚", "儋州", "海东", "格尔木", "香港", "澳门", "台北",
)

OTHER_CITIES_EN = {
    "北京": "beijing", "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing", "广州": "guangzhou",
    "深圳": "shenzhen", "杭州": "hangzhou", "成都": "chengdu", "武汉": "wuhan", "长沙": "changsha",
    "郑州": "zhengzhou", "兰州": "lanzhou", "南京": "nanjing", "苏州": "suzhou", "合肥": "hefei",
    "济南": "jinan", "青岛": "qingdao", "沈阳": "shenyang", "昆明": "kunming", "贵阳": "guiyang",
    "九江": "jiujiang", "宝鸡": "baoji", "咸阳": "xianyang", "天水": "tianshui", "绵阳": "mianyang",
    "厦门": "xiamen", "宁波": "ningbo", "福州": "fuzhou", "哈尔滨": "harbin", "太原": "taiyuan",
}


class Hit(msgspec.Struct, frozen=True, kw_only=True):
    """One pattern match: the slots it sets, where it is, how strongly it speaks."""

    sets: dict[str, Any]
    start: int
    end: int
    text: str
    #: higher wins over lower for the same slot (an explicit 二级 beats the 一级 a 卫生院 implies)
    priority: int = 1
    negated: bool = False


def _split_top(src: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(?:c|d)`` → ``a``, ``b(?:c|d)``)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
        i += 1
    parts.append(src[start:])
    return parts


def _close(src: str, i: int) -> int:
    """Index just after the group that opens at ``src[i]``."""
    depth, in_class = 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {src!r}")


def _first_chars(src: str) -> frozenset[str]:
    """The characters a match of ``src`` can start with (the rule forms this module uses).

    Supports literals, simple classes (``[一1]``, ``[a-z]``), optional groups and leading
    look-arounds; anything else raises at import time, so a new rule cannot silently be skipped.
    """
    out: set[str] = set()
    for alt in _split_top(src):
        out |= _first_of_sequence(alt)
    return frozenset(out)


def _first_of_sequence(src: str) -> set[str]:
    i = 0
    while i < len(src):
        if src.startswith(("(?<!", "(?<=", "(?!", "(?="), i):
            i = _close(src, i)
            continue
        if src.startswith("(?:", i):
            j = _close(src, i)
            first = set(_first_chars(src[i + 3 : j - 1]))
            optional = j < len(src) and src[j] in "?*"
            return first | _first_of_sequence(src[j + 1 :]) if optional else first
        if src[i] == "[":
            j = src.index("]", i + 1)
            body, first = src[i + 1 : j], set()
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == "-":
                    first |= {chr(c) for c in range(ord(body[k]), ord(body[k + 2]) + 1)}
                    k += 3
                else:
                    first.add(body[k])
                    k += 1
            j += 1
        elif src[i] in "\\.()^$":
            raise ValueError(f"unsupported rule start in {src!r}")
        else:
            first, j = {src[i]}, i + 1
        optional = j < len(src) and src[j] in "?*"
        return first | _first_of_sequence(src[j + 1 :]) if optional else first
    raise ValueError(f"a rule must not match the empty string: {src!r}")


class Alternation:
    """``(?:(?P<name0>src0)|(?P<name1>src1)|…)`` scanned as ``finditer`` and ``fullmatch`` scan it
    (leftmost, the first listed alternative that matches wins, no overlaps) — but trying, at each
    position, only the alternatives that can start with its character (:func:`_first_chars`;
    none may match the empty string). The matches, their spans and ``lastgroup`` are the same;
    a position no alternative can start at costs one character-class search, not every
    alternative."""

    def __init__(self, named: Iterable[tuple[str, str]]) -> None:
        by_char: dict[str, list[tuple[str, str]]] = {}
        for name, src in named:
            for char in _first_chars(src):
                by_char.setdefault(char, []).append((name, src))
        self.by_char = {char: rx.compile("|".join(f"(?P<{name}>{src})" for name, src in alternatives))
                        for char, alternatives in by_char.items()}
        # the next position whose character some alternative can start with: the positions skipped
        # are the ones where ``by_char`` has no regex, so none could match there
        self.starts = rx.compile("[" + "".join(re.escape(c) for c in sorted(by_char)) + "]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos, n, by_char, starts = 0, len(text), self.by_char, self.starts.search
        while pos < n:
            s = starts(text, pos)
            if s is None:
                return
            pos = s.start()
            m = by_char[text[pos]].match(text, pos)
            if m is None or m.end() == pos:
                pos += 1
                continue
            yield m
            pos = m.end()

    def fullmatch(self, text: str) -> re.Match[str] | None:
        pattern = self.by_char.get(text[:1])
        return pattern.fullmatch(text) if pattern is not None else None


class _Family:
    """An alternation of rules; each rule: (regex source, slots it sets, priority), scanned as an
    :class:`Alternation` of them."""

    def __init__(self, rules: Iterable[tuple[str, Mapping[str, Any], int]]) -> None:
        self.rules = list(rules)
        self.alternation = Alternation((f"r{i}", src) for i, (src, _, _) in enumerate(self.rules))
        self.boolean = [_is_boolean(sets) for _, sets, _ in self.rules]  # per rule, not per hit

    def scan(self, text: str) -> list[Hit]:
        out = []
        for m in self.alternation.finditer(text):
            pos = m.start()
            index = int((m.lastgroup or "r0")[1:])
            _, sets, priority = self.rules[index]
            boolean = self.boolean[index]
            negated = is_negated(text, pos, boolean=boolean) or (
                boolean and (_POST_NEGATION.match(text, m.end()) is not None
                             or _POST_RETRACTED.match(text, m.end()) is not None)) or (
                # 灵活就业那种不是，单位交的: denied right after it, the clause ending there
                _POST_DENIAL.match(text, m.end()) is not None)
            if _POSITION_SLOTS.isdisjoint(sets) is False and (_POST_QUESTION.match(text, m.end())
                                                              or _PRE_QUESTION.search(text, max(0, pos - 3), pos)
                                                              or _QUESTION_INSIDE.search(m.group(0))
                                                              or _EMPTY_FIELD.match(text, m.end())):
                continue  # 起付线过了吗 / 今年第一次吗: the year's position asked about, not said
            out.append(
                Hit(sets=dict(sets), start=pos, end=m.end(), text=m.group(0), priority=priority,
                    negated=negated)
            )
        return out


_BOOLEAN_SLOTS = frozenset(
    {"signed", "family_doctor", "poverty_registered", "designated", "inpatient", "offsite", "offsite_filed",
     "first_visit_this_year", "deductible_met"}
)


def _is_boolean(sets: Mapping[str, Any]) -> bool:
    return bool(sets) and all(k in _BOOLEAN_SLOTS for k in sets)


_CLAUSE_END = rx.compile(r"[,，。;；!！?？\n]")
_TO_LAST_CLAUSE_END = rx.compile(r".*[,，。;；!！?？\n]", re.DOTALL)
_POST_DENIAL = rx.compile(r"(?:那种|这种|那个|这个|的)?(?:我|俺|他|她)?(?:可)?(?:都)?不是(?:的)?(?=$|[,，。!！?？;；])")
#: 刚才说今年第一次说错了 / 今年第一次是我说错了: a yes-or-no fact said before, taken back
_POST_RETRACTED = rx.compile(r"(?:是|那个是|这个是)?(?:我|俺)?(?:说错了|搞错了|记错了|弄错了|说得不对|不对)(?=$|[,，。!！;；\s])")
_STRONG_NEGATION = rx.compile(r"(?<!是)(?:不是|并非|并不是|而不是|不在|没在|没去|不去|没有在|不算)(?:在|去|到|是)?(?:我|他|她|俺|咱|你)?"
                              r"(?:签约|签)?(?:的)?$"  # (没去签约的卫生院: the signed clinic is where the visit was not)
                              r"|(?<![a-z])not (?:a |an |at a |at an |in a |my |our |his |her |at my |at the )?(?:own |usual |signed )?$")
# (要是没签家庭医生呢: 要是 is “if” — the 没 after it still denies, unlike the 不 of 是不是)
_WEAK_NEGATION = rx.compile(r"(?<!(?<![要若还可但])是)(?:不是|并非|而不是|没有|没|未|非|不(?!过[,， ]?$)|无)(?:办|做|去|进行|签订|签约|签|在|是|到|算)?(?:过)?(?:(?:我|他|她|俺|咱|你)(?:们)?(?:家)?)?(?:的)?(?:什么|啥|任何)?(?:医保)?$")


_POSITION_SLOTS = frozenset({"first_visit_this_year", "deductible_met"})
#: 是否本年首次需核实 / 是不是今年第一次: whether — the position asked about, not said
_PRE_QUESTION = rx.compile(r"(?:是否|是不是|有没有)$")
#: 本年度首次：— on a kiosk form: the field left blank — nothing said
_EMPTY_FIELD = rx.compile(r"\s*[:：]\s*(?:—|–|-|－|/|／|无|空|未填|未知|不详)")
#: 起付线啥时候能扣完 / 起付线怎么才能满: the position asked about inside the words that would say it
_QUESTION_INSIDE = rx.compile(r"啥时候|什么时候|何时|多久|怎么|咋|能不能|会不会|是否|是不是|多少|要多少")
#: a year position turned into a question right after it (起付线过了吗, 满了没有, 第一次吗) — a bare
#: question mark is not enough: 起付线已经满了？ is how many people say what they believe
_POST_QUESTION = rx.compile(r"(?:了)?(?:(?:没有|没)(?=$|[?？,，。!！])|(?:吗|么))")

#: a yes/no fact denied right after it is named (贫困户不是, 家庭医生没签)
_POST_NEGATION = rx.compile(r"(?:[=:：] ?)?(?:我)?(?:也|倒|倒也|可)?(?:不是|没有|没签|没|不算|否)(?![^,，。;；!！?？]{0,3}(?:扣|过|报|看))"
                            # 家庭医生不是多5%吗: a question about the rule, not the fact denied
                            r"(?![^,，。;；!！?？]{0,8}(?:吗|么|嘛))")


def is_negated(text: str, start: int, *, boolean: bool = False) -> bool:
    """True when the words just before ``start`` (same clause) negate what starts there."""
    prefix = text[max(0, start - 6) : start]
    cut = _TO_LAST_CLAUSE_END.match(prefix)  # (greedy: up to the last clause end, as the last finditer match)
    if cut is not None:
        prefix = prefix[cut.end() :]
    if boolean:
        return _WEAK_NEGATION.search(prefix) is not None
    return _STRONG_NEGATION.search(prefix) is not None


# ---------------------------------------------------------------------------------------- places
def _place_rules() -> list[tuple[str, Mapping[str, Any], int]]:
    rules: list[tuple[str, Mapping[str, Any], int]] = []
    _, districts, city_forms = pack_words()
    for name, (city, forms, weak) in districts.items():
        for form in forms:
            rules.append((form, {"city": city, "district": name}, 0 if weak else 1))
    for city, forms in city_forms.items():
        for form in forms:
            rules.append((form, {"city": city}, 2))
    for province in _PROVINCES:
        rules.append((province, {}, 0))
    for other in _OTHER_CITIES:
        # (如果这家不是医保定点呢: 保定 inside 医保定点 is no city)
        form = {"保定": "(?<!医)保定(?!点)"}.get(other, other)
        rules.append((f"{form}(?:市)?", {"other_city": other}, 2))
    for other, english in OTHER_CITIES_EN.items():
        rules.append((f"(?<![a-z]){english}(?![a-z])", {"other_city": other}, 2))
    # longest written form first, so that 南昌县 wins over 南昌 and 红谷滩新区 over 红谷滩
    rules.sort(key=lambda r: -len(re.sub(r"\(\?[<!=]*[^)]*\)|\[[^]]*\]|[?\\']", "", r[0])))
    return rules


def find_places(text: str) -> list[Hit]:
    """Cities, districts/counties, other cities named in a normalised text (the registry in use's)."""
    places: _Family = per_registry("places", lambda: _Family(_place_rules()))
    return places.scan(text)


# ------------------------------------------------------------------------------ other slot families
_EMP = {"scheme": "employee", "category": "employee"}
_RET = {"scheme": "employee", "category": "retiree"}
_FLEX = {"scheme": "employee", "category": "flexible"}
_RES = {"scheme": "resident", "category": "resident"}
#: (起付线扣了)四百多 / 400: a figure right after the verb says how much of the deductible was used, so the
#: verb alone no longer says it is met (二级 / 两次 after it are no such figure)
_NO_FIGURE_AFTER = "(?!(?:[0-9]+|[一二两三四五六七八九十百千]+)(?![0-9一二两三四五六七八九十百千]|级|等|甲|乙|丙|次|回))"

_INSURED = _Family(
    [
        ("(?:还没有退休|还没退休|没有退休|没退休|未退休)(?!工资|金|费|待遇|证)|快要退休|快退休|还不到退休|下个?月(?:才|就)?(?:要)?(?:办(?:理)?)?退休|明年(?:才|就)?(?:要)?(?:办(?:理)?)?退(?:休)?(?![^,，。]{0,2}了)"
         "|(?:还)?(?:没有|没|未)(?:办|办理)(?:完)?(?:退休)?(?:手续)?(?=[^,，。]{0,2}退休|[,，。]|$)(?:退休)?(?:手续)?"
         "|即将退休|马上(?:就)?(?:要)?退休"
         # 这个月要退休了 / 在办退休手续但还没办完: not retired yet
         "|(?:这个?月|本月|月底|年底|今年底)(?:就)?要退休|(?:正在|还在|在)办(?:理)?(?:着)?退休", _EMP, 2),
        ("退休职工|退休人员|退休老人|已经退休|已退休|(?<!要)退休了|刚退休|退下来了|退了休|退休(?!手续(?:但|可|却)?(?:还|都|也)?(?:没|未))"
         "|(?:去年|前年|早就|早|已经)(?:底|年底|初|年初|中)?退的|(?<![没未])退的休|退下来的|(?:去年|前年|前几年|几年前|前两年|早几年|好几年前|早就|早)(?:就)?退(?:了|下来了)(?![^,，。]{0,3}(?:没|未|还))", _RET, 2),
        ("在职职工|在职人员|在职(?!工)|在岗(?:职工|人员)?|还在上班|在上班|还在(?:单位|厂里|公司|厂子)(?:里)?上班|交着(?:职工)?(?:医保|社保)|还在干活|还在工作|还在交|还在缴|还在交社保"
         "|单位(?:给我?)?(?:交|缴)(?:的)?(?:职工)?(?:医保|社保)|单位(?:上)?(?:给)?(?:交|缴)的"
         "|(?:through|via) my (?:company|employer)|my (?:company|employer)(?: in [a-z]+)? pays", _EMP, 2),
        # 上班/打工 say the person works, not how they are insured: alone they are the working
        # category, beside 灵活就业 or 退休 (在青山湖区上班，灵活就业) the word that names the category wins
        # 年纪大了，不上班了: no longer working says neither retired nor working — the category is asked
        ("(?:已经)?不(?:去)?上班了|(?:已经)?没(?:有)?(?:在)?上班了|不(?:在)?工作了|没(?:有)?工作了|不干活了"
         # 以前在厂头上班: worked once — how they are insured now is not said
         "|(?:以前|原来|过去|早先|从前|年轻时(?:候)?)(?:是)?(?:在[^,，。]{1,6}?)?(?:上班|工作|打工)(?:的)?", {}, 2),
        ("上班族|上班|打工", _EMP, 1),
        # 我刚工作 / 刚参加工作 / 新入职: a first job — the employee scheme
        ("(?:刚|才|新)(?:参加)?工作|刚入职|新入职|才入职", _EMP, 1),
        # 我是南昌的小学老师 / 我是公务员: a job one has is work — the employee scheme (a retired one says 退休)
        ("我(?:是|是一名|是一个|是个|在[^,，。]{1,8}?当)[^,，。退]{0,8}?(?:老师|教师|护士|职员|会计|文员|员工)"
         "(?![^,，。]{0,3}退)", _EMP, 1),
        # (the company pays employee insurance / through the school / my first job: the person works)
        ("(?:through|via) (?:the|my|our) (?:school|university|work|job|factory|hospital|firm)|(?:the|my|our) (?:company|employer|school|boss|firm) pays"
         "|(?:my|first|new) job\\b|i'?m an? (?!retired|former|ex-)(?:[a-z]+ ){0,2}(?:teacher|nurse|engineer|driver|worker|clerk|accountant"
         "|programmer|cashier|lecturer|officer|manager|doctor|cook|chef|salesman|saleswoman)\\b"
         # my husband works in Nanchong / she works at a school: someone who works
         "|works (?:in|at|for|as|full[- ]time|part[- ]time) |i teach |i work as ", _EMP, 1),
        # (自己交的社保 alone is not read: in 南昌 a resident pays their own too — the category is asked)
        ("灵活就业人员|灵活就业|灵活(?!性)|自己交的职工医保|自己缴(?:的)?职工医保|自己交职工医保"
         "|自由职业", _FLEX, 2),
        ("城乡居民医保|城乡居民|城镇居民|居民医保|居民|农村医保|新农合|农合", _RES, 2),
        ("新型农村合作医疗|农村合作医疗|新农合|农合", _RES, 2),
        # 就是农村交的那个医保 / 村里交的医保: the resident scheme, said as where it is paid
        ("(?:农村|村里|村上|乡里|镇上)(?:交|缴|买|办)的(?:那个|那种)?(?:医保|合作医疗|保险)", _RES, 2),
        ("not (?:yet )?retired|retiring (?:next|soon|this)|about to retire|still working|still employed|currently working|in work|working|employed(?! insurance)|(?<!retired )(?<!retiree )worker(?!s? insurance)|i work(?: full[- ]time| part[- ]time)? (?:in|at|for)|in[- ]service|on the job", _EMP, 2),
        # a retired railway worker / retired factory employee: the job one had, retired from
        ("retired (?:(?!or |and |nor |not |still |vs |versus |to |from )[a-z-]+ ){1,2}(?:worker|employee|staff)", _RET, 2),
        ("retired|retiree|pensioner|retirement", _RET, 2),
        # 平凉 退 二级 / 南昌退 三级: a terse note's 退 standing alone (never 退费, 退钱, 退了药)
        ("(?<![^，,])退(?=[，,。]|$)|(?<=南昌|南充|平凉|西安)退(?=[，,。]|$)", _RET, 2),
        ("flexible(?:ly)? employ(?:ment|ed)|flexible worker|self[- ]employed|gig worker|freelancer", _FLEX, 2),
        ("urban[- ]rural resident|resident scheme|resident insurance|resident", _RES, 2),
        ("employee(?:s)?(?:[- ]scheme|[- ]insurance| medical insurance| basic medical insurance)|staff insurance", {"scheme": "employee"}, 1),
        # in English “employee” alone is the working category; “retired” (priority 2) still wins
        ("(?<!retired )(?<!retiree )employee(?:s)?(?![- ]scheme|[- ]insurance| medical| basic)", _EMP, 1),
        ("职工医保|职工医疗保险|城镇职工|职工", {"scheme": "employee"}, 1),
        ("单位交的|单位交|单位缴|单位给交|单位买的", {"scheme": "employee"}, 1),
    ]
)


def _provider_rules() -> list[tuple[str, Mapping[str, Any], int]]:
    level_words = {1: "[一1]", 2: "[二2]", 3: "[三3]"}
    grade_words = {"A": "甲", "B": "乙", "C": "丙"}
    rules: list[tuple[str, Mapping[str, Any], int]] = []
    for level, lw in level_words.items():
        for grade, gw in grade_words.items():
            rules.append((f"{lw}级{gw}等?", {"provider_level": level, "provider_grade": grade}, 2))
            guard = "(?!双胍|基|苯|醚|酸|状)" if level == 2 and grade == "A" else ""
            rules.append((f"{lw}{gw}{guard}", {"provider_level": level, "provider_grade": grade}, 2))
    for level, lw in level_words.items():
        # (哪一级我不清楚: which level — asked, not level 1)
        rules.append((f"(?<!哪){lw}级(?:及以下|以下)?" if level == 1 else f"{lw}级(?:及以下|以下)?", {"provider_level": level}, 2))
    for grade, gw in grade_words.items():
        # 是乙等 (a correction, or an answer to another question): the grade alone, the level kept
        rules.append((f"(?<![一二三123级]){gw}等", {"provider_grade": grade}, 1))
    for grade in "abc":
        rules.append((f"grade[- ]?{grade}(?![a-z])", {"provider_grade": grade.upper()}, 2))
        # a class-A tertiary hospital / tier 3 hospital, class A (not a class-B drug or item)
        rules.append((f"(?<![a-z])class[- ]?{grade}(?![a-z])(?![- ]?(?:drugs?|medicines?|medications?|items?|services?|list|catalog|tests?|exams?|part))",
                      {"provider_grade": grade.upper()}, 2))
        rules.append((f"(?:level|tier|grade)[- ]?3[- ]?{grade}(?![a-z])|3{grade}(?![a-z])|(?:tier|level)[- ]?3,? grade[- ]?{grade}(?![a-z])",
                      {"provider_level": 3, "provider_grade": grade.upper()}, 2))
    for level, word in ((1, "1"), (2, "2"), (3, "3")):
        rules.append((f"(?:level|lvl|lv|tier|grade|class)[- .]?{word}(?![0-9])", {"provider_level": level}, 2))
    for level, word in ((1, "1st"), (2, "2nd"), (3, "3rd"), (1, "first"), (2, "second"), (3, "third")):
        rules.append((f"{word}[- ]level|{word}[- ]tier", {"provider_level": level}, 2))
    rules += [
        ("tertiary", {"provider_level": 3}, 2),
        ("secondary", {"provider_level": 2}, 2),
        # (a level-3 hospital outpatient clinic / the hospital's clinic: the hospital's department, no place of its own)
        ("community health (?:service )?(?:centre|center|station)|township (?:health )?(?:centre|center|hospital)"
         "|(?<!hospital outpatient )(?<!hospital's )(?<!outpatient )(?<!hospital )clinic(?! (?:bill|fees?|costs?|spending|expenses?|receipt)s?\\b)|primary care",
         {"provider_kind": "hospital", "provider_level": 1}, 0),
        ("pharmacy|pharmacies|drugstore|drug store|chemist", {"provider_kind": "pharmacy"}, 1),
        ("hospital", {"provider_kind": "hospital"}, 1),
        # 医院里的药房: the hospital's own dispensary is the hospital, not a retail pharmacy
        ("医院(?:里|里面|内|自己)?的?(?:[,，]?(?:[0-9一二三四五六七八九]楼|门诊楼|门诊部|门诊))?(?:的)?(?:西药房|中药房|药房|药局)", {"provider_kind": "hospital"}, 2),
        ("零售药店|定点药店|大药房|药店|药房|药铺", {"provider_kind": "pharmacy"}, 1),
        # 在我们店买药 (a pharmacy's assistant, for a customer): the shop is the pharmacy
        ("(?:我们|咱们|我|本)店(?:里)?(?=买|拿|配|购)|(?<=来|到)店里(?=买|拿|配|购)", {"provider_kind": "pharmacy"}, 1),
        # 拿外配处方来买药: a prescription taken out of the hospital to be filled — at a pharmacy
        ("外配处方|外购处方|处方外配", {"provider_kind": "pharmacy"}, 1),
        # 拿静宁县人民医院的处方买药: a hospital's prescription, filled at a pharmacy
        ("处方(?:去|来|到店)?(?:买药|拿药|配药|购药|买的药)", {"provider_kind": "pharmacy"}, 1),
        ("转诊(?:到|去)?(?:县)?(?:级)?中医院|县级中医院|县中医院|转县中医(?:院)?|county tcm(?: hospital)?|county (?:chinese medicine|traditional chinese medicine) hospital",
         {"provider_kind": "hospital", "referral": "county_tcm"}, 1),
        # 是签约卫生院转过去的: sent on by the signed institution (the one referral these documents know)
        ("(?:签约)?(?:的)?(?:卫生院|社区|机构|卫生室)(?:给我)?转(?:过去|过来|诊过去)的?|(?:签约机构|签约卫生院)(?:同意)?转诊",
         {"referral": "county_tcm"}, 2),
        (
            "社区卫生服务中心|社区卫生服务站|卫生服务中心|卫生服务站|社区医院|社区诊所|乡镇卫生院|镇卫生院|乡卫生院|卫生院|村卫生室|卫生室"
            "|卫生所|村医(?!保|疗)|诊所|门诊部|医务室|社区",
            {"provider_kind": "hospital", "provider_level": 1},
            0,
        ),
        ("中医院|医院|医疗机构|保健院|[一二三四]附院|附[一二三四]院?(?![a-z])|附属医院", {"provider_kind": "hospital"}, 1),
    ]
    return rules


_PROVIDER = _Family(_provider_rules())

_FLAGS = _Family(
    [
        # family doctor first, so that 家庭医生签约 is not the signed institution
        ("家庭医生(?:还)?(?:没有|没|未)签(?:约)?", {"family_doctor": False}, 2),
        # 娃他妈签过家庭医生但娃没签: another member of the family signed, the patient did not
        ("(?:签约了|签了|签约|签过|有)?家庭医生[^。]{0,10}?(?:但|可是|不过|就)(?:娃|孩子|小孩|宝宝|他|她|老人)(?:自己)?(?:没有|没|未)签(?:约)?(?:过)?",
         {"family_doctor": False}, 3),
        ("(?:签约了|签了|签约|签过|有)?家庭医[生声师](?:签约)?|(?<![这那哪一每两几某同别本])家医(?!院)"
         # 有家签 / 做了家签: the family-doctor contract, said short
         "|(?:有|签了|做了|办了|签过)家签", {"family_doctor": True}, 1),
        ("(?:别的|其他|另一家|另外一家|另一个|另外一个|另外的|非签约)(?:的)?(?:社区|卫生院|医院|诊所|卫生室|机构)|没(?:有)?转诊"
         # 没在自己签约的那家卫生院: not at the signed one
         "|(?:没|没有|不)在(?:自己|我|俺)?签(?:了)?约的"
         # 签约社区以外的一个诊所 / 不是签约的那家: outside the signed institution
         "|签(?:了)?约(?:的)?(?:社区|卫生院|机构|医院|诊所|卫生室)?(?:以外|之外|外面|外边)|不是(?:我)?签(?:了)?约(?:的)?(?:那家|那个)?"
         # 没经过签约社区，自己跑省人民医院: past the signed institution, not through it
         "|(?:没|没有|未|不)(?:经过|通过|走|去)签(?:了)?约(?:的)?(?:社区|卫生院|机构|医院|诊所|卫生室)?"
         # 今年还没选签约机构 / 还没定签约的卫生院: no signed institution chosen yet
         "|(?:没|没有|未|还没|还没有)(?:选|定|确定|选择|选定|选好|定好)(?:过|好)?(?:签(?:了)?约|定点签约)(?:的)?"
         "(?:社区|卫生院|机构|医院|诊所|卫生室)?"
         # 没在哪里签过约 / 哪儿都没签: not signed anywhere (so no visit is at a signed institution)
         "|(?:没|没有|未)(?:在)?(?:哪里|哪儿|哪|任何地方|任何机构)(?:都)?签(?:过)?(?:约)?|(?:哪里|哪儿|哪)(?:都|也)(?:没|没有|未)签(?:过)?(?:约)?",
         {"signed": False}, 2),
        # a different clinic she isn't signed with / not her signed centre: in English
        ("(?:isn'?t|is not|wasn'?t|was not|aren'?t|are not|am not|never|not) signed (?:up )?(?:with|at|to|there)"
         "(?! (?:a |any |her |his |my )?family doctor)"
         "|not (?:at )?(?:her|his|my|their|the) signed (?:clinic|centre|center|hospital|institution|one)"
         "|unsigned (?:clinic|centre|center|hospital|institution)", {"signed": False}, 2),
        ("签(?:了)?约(?:的|那个|那家|了的)?[^,，。]{0,4}?(?:机构|卫生院|医院|社区|诊所|卫生室|卫生站|服务站|服务中心|医生|村医|医疗机构|单位|地方|点|那)"
         "|signed (?!(?:up )?(?:with )?(?:a |my )?family doctor)(?:[a-z]+ ){0,4}(?:clinic|centre|center|hospital|institution|community|station)|my signed"
         "|(?:卫生院|卫生室|社区|诊所)(?:是|是我)?签(?:了)?约(?:了)?的|(?:卫生院|卫生室|社区|诊所|医院)[(（]签(?:了)?约(?:的)?[)）]"
         "|签约(?=$|[,，。0-9])|签约过|签过约|签(?:了)?约(?:了)?的(?=$|[,，。])"
         "|(?:卫生院|卫生室|社区|诊所|服务中心|服务站)签(?:了)?约(?:了)?(?!的)"
         # the community clinic she signed with / the centre we're registered with: in English
         "|(?:clinic|centre|center|hospital|institution|station) (?:that )?(?:she|he|i|we|they|my (?:mum|mom|dad|father|mother|grandma|grandpa))"
         " (?:has |have |had |is |was |am |are )?(?:signed|signed up|registered) (?:with|at)", {"signed": True}, 1),
        ("(?:not|never|isn'?t|aren'?t|am not|is not) (?:a |an )?(?:registered poor|poverty[- ]registered|poor household|registered as poor)"
         "|not (?:on the )?poverty regist(?:er|ry)", {"poverty_registered": False}, 2),
        ("建档立卡(?:贫困户|贫困人口|户)?|贫困户|贫困人口|贫困(?!线|县|地区|山区|村)|registered poor(?: household)?|poor household|poverty[- ]registered"
         "|(?:registered|listed|recorded) as (?:a |an )?(?:poverty|poor)(?: household| family)?|poverty household",
         {"poverty_registered": True}, 1),
        ("(?:no|without|not (?:signed|on) (?:a|any)|haven'?t (?:got |signed )?(?:a|any)|don'?t have (?:a|any)) family[- ]doctor(?: contract| agreement)?"
         "|not signed (?:up )?(?:with )?(?:a )?family doctor", {"family_doctor": False}, 2),
        ("family[- ]doctor (?:contract|signed|agreement)|signed (?:up )?(?:with )?(?:a )?family doctor|(?:have|has|with) a family doctor|family doctor signed", {"family_doctor": True}, 1),
        ("定点", {"designated": True}, 1),
        # a private clinic that turned out to be non-designated / not a designated pharmacy
        ("non-?designated|not (?:a |an )?designated|undesignated|(?:isn'?t|wasn'?t|is not|was not) (?:a |an )?designated"
         # a private clinic that is NOT 定点: the English negation before the Chinese word (a comma may come between)
         "|(?:not|isn'?t|wasn'?t|non)[-，, ]*(?:a |an )?(?:医保)?定点",
         {"designated": False}, 2),
        # 非医保定点的诊所 / 不是医保定点的: not designated, the insurance named between
        ("(?:非|不是|不属于|并非)(?:医保|社保)?(?:的)?定点(?![^,，。]{0,4}[吗么嘛])", {"designated": False}, 2),
        # 一家不能刷医保的药店: a place that takes no insurance card is not a designated one
        ("不能刷医保(?:卡)?|刷不了医保(?:卡)?|不能用医保(?:卡)?|不给刷医保(?:卡)?|医保(?:卡)?刷不了|不支持医保(?:卡)?(?:结算)?",
         {"designated": False}, 2),
        ("住院期间|住院的时候|住院时|住着院|住院那几天", {"inpatient": True}, 1),
        # 没办异地备案: out of the city, not filed — the negation is the filing's, not the place's
        # (没办异地安置备案 / 没办异地就医转诊备案: the document's own name of the filing, 第二十五条)
        # (没办过任何异地备案 / 没做过什么备案: the words between still leave the filing denied)
        ("(?:没|没有|未|还没|从没|从来没)(?:办|做|办理|去办)?(?:过|了)?(?:任何|什么|啥)?(?:的)?(?:异地)?(?:就医)?(?:安置)?(?:及|和)?(?:转诊)?(?:的)?备案"
         "|没备案|未备案|不用备案", {"offsite": True, "offsite_filed": False}, 3),
        ("(?:办了|办过|已经办了?|已办|做了|有)(?:异地)?(?:就医)?(?:安置)?(?:及|和)?(?:转诊)?备案|已备案|备过案",
         {"offsite": True, "offsite_filed": True}, 3),
        ("异地就医|异地|外地|外省|省外|市外|外市", {"offsite": True}, 1),
        ("本地|本市", {"offsite": False}, 1),
        # (备案要怎么办，在哪办 / 备案需要什么手续: how to file, asked — no filing said)
        ("备案(?!(?:手续)?(?:要怎么|怎么|咋|在哪|去哪|到哪|需要|要什么|要啥|流程|的流程|是什么|是啥|有什么用|管用吗|[?？吗么]))",
         {"offsite_filed": True}, 1),
        # without filing any transfer or resettlement / didn't file / not registered for out-of-area care
        ("without (?:filing|registering|registration|a filing|any filing|the filing)|(?:didn'?t|did not|haven'?t|have not|never) "
         "(?:file|filed|register|registered)|not (?:filed|registered)|no (?:filing|registration)|unfiled",
         {"offsite": True, "offsite_filed": False}, 3),
        ("(?<!not )(?<!never )(?:filed|registered) (?:for |a |an |the |my |his |her )?(?:transfer|resettlement|out-of-area|offsite|remote|"
         "relocation)|with (?:a |the )?(?:filing|registration) (?:for|of) (?:transfer|resettlement|out-of-area)"
         # (relocation filed / transfer already registered: the filing said noun first)
         "|(?:relocation|transfer|resettlement|out-of-area|offsite|remote)(?: care| medical care| registration)?"
         " (?:is |was |has been |had been |already |all )*(?:filed|registered|done)",
         {"offsite": True, "offsite_filed": True}, 3),
        # the deductible said untouched this year (起付线今年未用过, 起付线今年没动过, 门槛费一分都没扣):
        # nothing has gone toward it, so this is the year's first bill — before "not met yet",
        # which leaves how much has gone toward it open
        (
            "(?:起付线|起付标准|门槛费|起付|门槛)(?:今年|本年度|本年|年内|目前|现在|到现在|之前|以前|还|也|都|一直|是)*"
            "(?:一分钱?|一块钱?|一点|一次)?(?:都|也|还)?(?:没有|没|未|莫得|莫)(?:有)?(?:被)?"
            "(?:扣|用|动|碰|交|付|使用|扣除|起用|开始用|开始扣)(?:过|(?=$|[,，。;；!！?？~]))(?!完|满|够)"
            # 也没扣过起付线: nothing has gone toward it (the verb before the word)
            "|(?:还|也|都)?(?:没有|没|未)(?:有)?(?:扣|用|动|交|付)过(?:一分)?(?:的)?(?:起付线|起付标准|起付)"
            # 年初至今未发生门诊费用: no outpatient bill this year before this one (a hotline's form words)
            "|(?:年初至今|今年以来|本年度?内?|今年)(?:此前|之前|以前)?(?:还|都|尚)?(?:未|没有|没)(?:有|发生|产生)(?:过)?(?:任何)?(?:门诊)?(?:医疗)?费用"
            # 年初到现在就没去过医院 / 今年到现在都没看过病: no visit this year before this one
            "|(?:年初|今年|开年|今年开年|过年)(?:到|至)(?:现在|今天|目前|如今)(?:为止)?(?:就|都|还|也|一直)?(?:没有|没)(?:去过|看过|上过|进过)(?:医院|病|门诊|诊所|卫生院)?(?=$|[,，。!！;；\\s]|了)"
            # 去年看过病今年还没有: seen last year, not yet this year — this is the year's first
            "|(?<=去年)(?:看|去)过(?:病|门诊|医院)?[,，\\s]*今年(?:还|都)?(?:没有|没)(?:呢|过)?(?=$|[,，。!！;；\\s])",
            {"first_visit_this_year": True},
            2,
        ),
        (
            "(?:起付线|起付标准)(?:今年|本年度|本年|目前|现在|到现在)?(?:[0-9]{2,4}(?:元|块)?)?(?:还|也|都)?(?:没有|没|未)(?:扣完|扣满|扣(?!过|$|[,，。])|够|满|过|达到|到|用完|交够)"
            "|(?:还没有|还没|没有|没)(?:过|到|达到|够)起付线"
            "|(?:还)?没(?:有)?(?:扣|交|付|用)(?:到|完|满)?起付线",
            {"deductible_met": False},
            2,
        ),
        (
            "(?:起付线|起付标准|门槛费|deductible[ ，,]?)(?:今年|本年度|本年|年内|的钱)?(?:之前|以前|前面)?(?:[,，]?[0-9]{2,4}(?:元|块)?[,，]?(?=已|早|都|也|就|肯定|确|过了|扣完|扣过|扣满|满了|用完))?"
            "(?:已经|已|早就|早|都|也|就|肯定|确定|确实|绝对)*(?:全部扣除|扣除完毕|扣完|扣过了|扣满|扣足|够了|满了|过了|超了|超过了|超出了|花完了|花光了|达到了|已达到|达到(?=$|[,，。;；!！~])|达标了|用完了|用掉了|交够了|交完了|付完了|走完了|没得了|莫得了|没有了|扣光了|用光了)"
            "|(?:已经)?(?<!不)(?:过|超过|达到|够|超)了?起付线|起付线以上|(?:已经)?报过(?:了)?起付线"
            # 今年已扣满起付线 / 已付满起付线: the verb before the word
            "|(?<![没未不有])(?:已经|已|早就|早)?(?:扣满|扣完|扣够|扣足|付满|交满|交够|用完)了?(?:今年的?)?(?:起付线|起付标准)"
            "|(?:already )?met (?:this year'?s |the |my |his |her )?(?:annual )?deductible|deductible (?:is |was |has been )?(?:already )?(?:met|used up|reached)"
            # (deductible 已经 used up / 起付线 done already: the two languages mixed)
            "|(?:deductible|起付线)[，,]?(?:已经|已)?[，,]?(?:already )?(?:used up|done|met|reached|covered|paid)(?: already)?",
            {"deductible_met": True},
            2,
        ),
        (
            "(?:上个月|上月|之前|前面|以前|上次|另外|也|还)[^,，。]{0,8}?看(?:了|过)(?:一|两|几|1|2)(?:次|回|趟)",
            {"first_visit_this_year": False},
            2,
        ),
        (
            "(?:是|这是|这是今年)?第[二三四五2-5](?:次|回)(?=$|[,，。!！?？]|来着|了(?:吧|啊)?(?:$|[,，。!！?？]))|今年(?:是|都)?第[二三四五六2-6](?:次|回|趟)|"
            # 今年在外面药店也买过药 买了好多回: bills of this year before this one
            "今年[^,，。]{0,10}?(?:也|还)(?:买|拿|看|去)过(?:药|病|门诊)?|(?:买|拿|看)了好(?:多|几)(?:回|次)|"
            "(?<!去年)(?<!去年也)(?:看|来|去)过(?:好几|几|很多|两|三|2|3)(?:次|回)|报过(?:好几|几|很多|两|三)次|(?:已经)?报了(?:好几|几|两|三|四|五|[2-9])(?:次|回)|看了(?:[2-9]|好几|两|三|四|五|六)次|(?:之前|以前|前面)(?:已经)?(?:看|报)过"
            "|已经(?:看|报)过|(?:今年)?(?:之前|以前|前面)[^,，。没未不]{0,6}?(?<![没未不])(?:刷过|看过|去过|买过|拿过)(?:药)?(?:一次|一回|两次|几次)?"
            # 今年两次就诊 / 今年一共看了三回: the visits of the year counted, this one among them
            "|今年(?:一共|总共|共|已经)?(?:两|二|三|四|五|[2-5])(?:次|回|趟)(?:就诊|门诊|看病|看门诊)"
            # 反正今年看过 / 今年报过了: not the year's first (said, not asked)
            "|(?<![没未不])(?:反正|肯定|确实)?今年(?:已经|都|也)?(?:看|报|去)过(?:了)?(?=$|[,，。;；!！]|[一二三]级|[0-9])"
            # 今年看过一次不知道起付线扣没扣完: one visit before this one (not 今年就看过一次, the only one)
            "|(?<![没未不就只才])今年(?:已经|都|也)?(?:看|去)过(?:一次|一回)(?=[^,，。]{0,3}(?:不知道|不清楚|起付|统筹|花了|这次|今天))"
            # 今年看过一次了: one visit before this one, said as done
            "|(?<![没未不就只才])今年(?:已经|都|也)?(?:看|去)过(?:一次|一回)了(?=$|[,，。!！])"
            # 10月看过一次门诊不记得花了多少，今天…: a visit of an earlier month this year, said as one that has been
            # (年初看过一次 花了多少忘了: the year's start is an earlier month of it)
            "|(?:(?<![0-9])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?|(?<!去)年初|今年初|(?<!去)年头|开年)(?:也|还)?(?:看|去)过(?:一次|一回|一趟)"
            "(?=[^,，。]{0,8}(?:不记得|不知道|不清楚|记不清|忘了|起付|统筹|花了|报了|报销))"
            # 我想起来今年3月看过一次门诊，报过了: a visit of an earlier month, claimed — one that has been
            "|(?<![0-9])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?(?:也|还)?(?:看|去)过(?:一次|一回|一趟)(?:门诊|病)?[,，]?(?:统筹)?(?:也)?报(?:过|了)"
            "|想起来[^,，。]{0,6}?(?:看|去)过(?:一次|一回|一趟)"
            # 上个月也去过一次二级医院: a visit this year before this one
            "|(?:上个?月|前几天|上周|上礼拜|前段时间|前阵子)(?:也|还)(?:去|看)过(?:一次|一回|一趟)"
            "|(?:上个?月|前几天|上周|上礼拜|前段时间|前阵子)(?:也|还)花(?:了|过)"
            "|(?:上个?月|前几天|上周|上礼拜|前段时间|前阵子)(?:好像|可能)?(?:也|还|已经)?在[^,，。]{1,6}?(?:看|报)过(?:一次|一回|一趟)",
            {"first_visit_this_year": False},
            2,
        ),
        (
            # I only went once before / I've been twice already / an earlier visit / not my first visit: in English
            "(?:went|been|gone|visited)(?: (?:to (?:the |a )?(?:doctor|hospital|clinic|pharmacy)|there))?"
            " (?:once|twice|one time|two times|a few times|several times) (?:before|already|earlier)"
            "|(?:an?|one) (?:earlier|previous|prior) (?:visit|bill|claim)"
            "|not (?:my|the|his|her|our) first (?:outpatient )?(?:visit|time|bill|claim)"
            "|(?:second|2nd|third|3rd) (?:outpatient )?(?:visit|time|bill|claim) (?:this year|of the year)",
            {"first_visit_this_year": False},
            2,
        ),
        (
            "(?:deductible|threshold)(?: for (?:this|the) year| this year| ?for ?20[0-9]{2})?(?: ?[0-9]{2,4}(?: ?yuan)?[,，]?)?(?:'s| is| was| has)? ?(?:already )?(?:been )?(?:fully |completely |entirely )?(?:already )?(?:met|used up|used|reached|paid|covered|done|satisfied|cleared|exceeded)"
            "|(?<!n't )(?<!not )(?<!never )(?<!yet )(?:already )?(?:met|reached|passed|used up|used|past|hit|cleared|paid) (?:(?:the|my|her|his) ?[0-9]+(?: ?yuan)? |the |my |her |his |up the |this year'?s |(?:his|her|my) (?:annual )?)?(?:full |whole |entire )?(?:annual |yearly )?deductible",
            {"deductible_met": True},
            2,
        ),
        (
            "(?:first|1st) (?:outpatient |doctor'?s? |clinic |hospital |pharmacy )?(?:visit|time|claim|bill|one|purchase|spend|spending|expense)|first (?:this|of the) year"
            "|(?:first|1st) outpatient(?: (?:visit|bill|claim))? (?:this|of the) year|今年1st|1st(?= |$|[,，。])|haven'?t claimed|have not claimed|nothing claimed"
            "|no claims?(?: yet)?|not claimed anything|never claimed",
            {"first_visit_this_year": True},
            1,
        ),
        (
            "今年(?:他|她|我|俺|咱|老人家?|老爷子|老太太)?(?:的|门诊|看病|看门诊|还是|是|就诊|这)*(?:第[一1](?:次|回|笔|趟)|头(?:一)?(?:次|回|遭|趟)|首次)|年内首次|今年首次"
            # 年内:首次门诊 / 本年度：首次 (a form's field) / 今年刚开始看病
            "|(?:年内|本年度|本年|今年)[:：]首次|今年(?:才|刚)(?:刚)?开始看(?:病|门诊)"
            # 今年3月在阆中市人民医院（二级）首次门诊: that visit was the year's first
            "|今年(?:(?!这家|这个|这里|这儿|本院|该院|这边)[^,，。;；]){0,24}?(?<![是否])(?:首次|第一次|头一次|头一回)(?:门诊|就诊|看病|看门诊)"
            # 今年门诊统筹尚未使用: nothing claimed yet this year, said formally
            "|(?<!账户)(?<!个账)今年(?!账户|个账|卡)[^,，。；;]{0,6}?(?:尚未|还没(?:有)?)(?:使用|用过|报销|报过|支付|发生)"
            "|(?:今年|之前)[^,，。看去报用]{0,10}?(?:一|1)(?:次|回)(?:都|也)?没(?:有)?(?:看|去|报|用)(?:销)?(?:过)?"
            "|(?:今年|之前)[^,，。]{0,4}?(?:一|1)(?:都|也)?没(?:有)?(?:看|去|报|用)(?:销)?(?:过)?"
            # (今年之前从来没看过门诊: never, this year)
            "|(?:今年)?(?:之前|以前|前面)(?:门诊|医保|统筹)?(?:都|还|也|一直|从来|从)*没(?:有)?(?:看|去|报|用)(?:销)?过(?:病|门诊|医院|医保)?"
            "|(?:今年)?(?:之前|以前|前面)(?:都|还|也|一直)?(?:没有|没|未)在(?:门诊|医保|统筹)(?:上)?(?:报|用|报销|结算)过"
            "|今年(?:他|她|我|俺|老人)?(?:都|还|也|一直)?没(?:有)?(?:看|去|报|用)(?:销)?过(?:病|门诊|医院|医保)"
            "|今年第一次用医保|今年头一次用医保|第一次用医保[（(]今年[)）]|头一次用医保[（(]今年[)）]"
            # 要是之前那次没看 / 如果上次那回没去: the one earlier visit supposed away — the year's first
            "|(?:要是|如果|假如|假设)(?:我)?(?:之前|前面|上次|上回|10月|[0-9一二三四五六七八九十]{1,2}月)?(?:的)?那(?:一)?(?:次|回)(?:都)?(?:没|没有)(?:看|去|看病|就诊)"
            # 今年之前门诊一分没报过，也没看过: nothing claimed and no visit — the year's first
            "|(?:今年)?(?:之前|以前|前面)(?:门诊)?(?:一分(?:钱)?)?(?:都|也)?没(?:有)?报(?:销)?过[,，]?(?:门诊)?(?:也|都)没(?:有)?(?:看|去)过"
            # 年度首次 (a kiosk's or a slip's words)
            "|(?:本)?年度首次(?![=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))|年内首次|本年首次(?!需|待|[=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))"
            # 今年1月份以来第一次门诊 (统筹一分没报过 is left asked: some of the deductible may be used)
            "|今年[0-9一二三四五六七八九十]{1,2}月(?:份)?以来第一次"
            # 今年3月在乡镇卫生院看的第一次门诊: the first of the year, in March (an earlier visit told)
            "|今年[0-9一二三四五六七八九十]{1,2}月(?:份)?[^,，。;；]{0,12}?看的(?:第一次|头一次|头一回)(?:门诊)?"
            # 今年此前未发生门诊费用: no outpatient cost this year before this one
            "|(?:今年|本年度?)(?:此前|之前|以前)?(?:未|没有|没)(?:发生|产生)(?:过)?(?:门诊|任何)?(?:统筹)?(?:费用|医疗费用|花费|报销)"
            # 今年之前…没刷过医保: no claim made this year — nothing went toward the deductible
            "|(?:今年|今年之前|今年以前)[^。;；]{0,16}?(?:都|也|还|从)?(?:没有|没|未)(?:刷|用|走)过(?:医保|医保卡|统筹)(?:卡)?"
            # 今年之前看病都没用过统筹 / 今年之前一次门诊都莫得看过 / 今年之前一分钱门诊都没花过
            "|(?<!账户)(?<!个账)(?<!卡里)(?<!卡上)(?:今年之前|今年以前|今年)[^,，。;；账卡]{0,8}?(?:都|也|还)(?:没有|没|未)(?:看过|去过|花过|用过|报过)(?!账|卡)"
            "|(?:起付线|起付)(?:还|也|今年|之前|以前)*(?:一分|一点|一次)?(?:都|也|还)*没(?:有)?(?:扣|用|交|付)(?:过|(?=$|[,，。]))"
            "|(?:今年)?(?:还)?没(?:有)?(?:扣|用)过起付线|年首次(?![=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))|年内首次"
            "|(?<![^,，。如果要是假])(?:还)?没(?:有)?扣过(?=$|呢|的话|[,，。?])"
            "|deductible (?:has |is )?not (?:yet )?(?:been )?(?:used|met|touched)(?: yet)?"
            "|(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not) (?:yet )?(?:used|touched|met|reached|paid) (?:any of )?(?:the|my|her|his|this year'?s) deductible"
            "|(?:今年)?(?:此前|之前|以前)(?:没有|没)(?:任何|过)?(?:门诊)?(?:费用|看过病|看过|就诊|就医|花费)"
            "|(?:起付线|起付)(?:今年)?还没(?:有)?开始(?:用|扣|算)"
            "|(?:has|have)n'?t seen a doctor (?:at all |yet )?this year|(?:has|have) not seen a doctor (?:at all |yet )?this year"
            "|no (?:other |earlier )?(?:visits?|doctor'?s? visits?) (?:yet )?this year"
            # 今年首诊; 今年在三级医院第一次门诊 (the place between: not 今年在这家医院第一次看, first here);
            # 统筹今年还没用过, 去年看过病今年还没 (not 账户今年还没用过: the account, not the fund)
            "|(?:今年|本年|本年度)(?:的|是)?(?:普通)?(?:门诊)?首诊"
            "|今年在(?!这|那|该|此)[^,，。；;!！?？]{1,14}?(?:第一次|头一次|第一回|头一回)(?:门诊|看门诊|看病|就诊|就医)"
            "|(?<!账户)(?<!个账)(?<!卡里)今年(?:都|还|也|一直)?没(?:有)?(?:看|去|报|用)(?:销)?过(?=$|[,，。!！?？~ ])"
            "|(?<!账户)(?<!个账)(?<!卡里)今年(?:都|也)?还没(?=$|[,，。!！?？~])"
            "|今年(?:的)?(?:第一|头一?)张(?:门诊)?(?:单子|单|票|发票|结算单)"
            # 两千五 首 / 甲类620.5 自费79.5 首诊: a terse note's 首 standing alone (the year's first)
            "|(?<![^，,])首(?:次|诊)?(?=[，,。]|$)"
            "|(?:本年度|本年|年度内|年内)(?:的|为|是|系)?(?:第一次|头一次|头一回|首次)(?![=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))|年度[:：] ?首次"
            # 看牙花了三百 第一次报: the first claim (of the year)
            "|第一次报(?=$|[,，。!！?？ ]|了)"
            # 今年还没在门诊报过钱 / 今年都没用医保报过: the claim's channel said between
            "|(?<!账户)(?<!个账)(?<!卡里)今年(?:都|还|也|一直)?(?:没有|没|未)在?(?:门诊|医保|统筹)(?:上)?(?:报|用|看|报销|结算)过",
            {"first_visit_this_year": True},
            2,
        ),
        (
            "(?:到现在|到今天|至今|以来)(?:为止)?(?:就|只|才)(?:看过|看了|去过)(?:这|那)?一(?:次|回)"
            "|今年(?:的)?(?:第一|头一?)(?:回|次|遭|趟)(?![^,，。]{0,2}?[0-9一二三四五六七八九两])|今年就(?:这|那)一(?:次|回)|今年(?:就|只)看过(?:这|那)?一(?:次|回)|(?:今年)?唯一(?:的)?一(?:次|回)|今年(?:就|只)看了?(?:这)?一(?:次|回)|今年首回|今年(?:还)?(?:一次)?(?:都)?没(?:有)?(?:看|去|报)(?:销)?过(?!那么|这么|多少|几)"
            # (今年看过两回了，第一回就把起付线扣完了: the first of the visits told — not this one)
            # (看了两回病 第一回三百 第二回五百: the first of the visits listed, by its figure — not the year's)
            "|今年(?:还)?(?:一次)?都没(?:有)?(?:看|去|报)|(?:头回|第一回|头一遭)(?![^,，。]{0,4}?(?:把)?起付)"
            "(?![^,，。]{0,2}?[0-9一二三四五六七八九两])",
            {"first_visit_this_year": True},
            1,
        ),
        (
            "(?:起付线|起付标准|起付|门槛费|门槛)[^,，。;；!！?？没未不]{0,10}?(?:扣完|扣满|扣足|满了|已满|过了|早过|已过|够了|已够|早够|达到了|用完|交够|交完|付完|走完|扣过了|扣过(?=$|[,，。;；!！?？])|交过了|扣了" + _NO_FIGURE_AFTER + "|已扣" + _NO_FIGURE_AFTER + "|扣掉了" + _NO_FIGURE_AFTER + "|早没了|没了|满|扣除完毕|扣除完|已扣除" + _NO_FIGURE_AFTER + "|扣除了" + _NO_FIGURE_AFTER + ")"
            "|已(?:经)?过(?:了)?起付(?:线|标准)?|起付(?:线)?过(?=$|[,，。;；!！?？])"
            # 起付线今年已经交了 / 今年已经花过门诊起付线了 / 本年度已付起付线：是
            "|(?:起付线|起付标准)(?:今年|本年)?(?:已经|已)(?:交|付)(?:了|过)(?![0-9一二两三四五六七八九十百])"
            "|(?:已经|已)(?:花|交|付)过(?:了)?(?:门诊)?(?:的)?起付(?:线|标准)?|已付起付(?:线|标准)[:：]?是"
            # 起付线去年就…不对 是今年已经扣完了: the deductible named before the correction
            "|(?<!账户)(?<!卡里)(?<!个账)(?<=是)今年(?:已经|早就|早|都)?扣(?:完|满|足)了",
            {"deductible_met": True},
            1,
        ),
        (
            "(?<![^|,，。 /])首次(?=$|[|,，。 /])|今年(?:的)?第[一1](?:次|趟)|今年首次|今年头一回|今年头一次|今年头一趟|今年头一盘|今年头一遍|(?:去年|当年|那年)(?:的)?(?:第[一1](?:次|回|趟)|头一回|头一次)|第一次(?:来)?(?:看病|看门诊|就医|就诊|报销|去医院|买药|看|去)"
            # (这个月第一次 / 这周头一回: the first of a month or a week, not of the year)
            "|(?<!这个月)(?<!本月)(?<!这月)(?<!这周)(?<!上个月)(?<!这礼拜)第一次(?=$|[,，。!！?？~])"
            "|(?<!这个月)(?<!本月)(?<!这月)(?<!这周)头一回|(?<!这个月)(?<!本月)(?<!这月)(?<!这周)头一次|首次就医|首次就诊|本年度首次(?![=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))|本年首次(?![=:：]\\s?(?:未问|未知|不详|不清楚|待|[?？]|$|[;；,，。\n]))|年度内首次|还没(?:有)?报(?:销)?过(?!那么|这么|多少|几)|今年(?:还)?没(?:有)?(?:看|报)(?:销)?过(?!那么|这么|多少|几)",
            {"first_visit_this_year": True},
            1,
        ),
    ]
)


def find_slots(text: str) -> list[Hit]:
    """Scheme, category, provider and the yes/no facts named in a normalised text, in order."""
    hits = _INSURED.scan(text) + _PROVIDER.scan(text) + _FLAGS.scan(text)
    hits.sort(key=lambda h: h.start)
    return hits


# ----------------------------------------------------------------------- account-use questions
_BENEFICIARY = _Family(
    [
        ("我妈妈|我妈|我爸爸|我爸|妈妈|爸爸|父母|爸妈|母亲|父亲|老妈|老爸|双亲|(?<![a-z])(?:parents?|mother|father|mum|mom|dad)(?![a-z])", {"beneficiary": "parent"}, 1),
        ("老婆|老公|爱人|配偶|媳妇|妻子|丈夫|老伴儿|老伴|(?<![a-z])(?:wife|husband|spouse)(?![a-z])", {"beneficiary": "spouse"}, 1),
        ("孩子|儿子|女儿|小孩|子女|娃|(?<![a-z])(?:children|child|kids?|son|daughter)(?![a-z])", {"beneficiary": "child"}, 1),
        ("家里人|家人|家属|亲属|亲人", {"beneficiary": "family"}, 1),
        (
            "爷爷|奶奶|外公|外婆|姥姥|姥爷|兄弟|姐妹|哥哥|姐姐|弟弟|妹妹|孙子|孙女|岳父|岳母|公公|婆婆|朋友|同事|亲戚",
            {"beneficiary": "other"},
            1,
        ),
        ("我自己|自己(?!交|缴|掏|付|出)|本人", {"beneficiary": "self"}, 1),
    ]
)

_ACCOUNT_USE = _Family(
    [
        ("大额医疗费用补助|大额医疗|大额补助", {"account_use": "large_medical_contribution"}, 1),
        ("职工大病保险|大病保险|大病医疗", {"account_use": "serious_illness_contribution"}, 1),
        (
            "(?:交|缴|缴纳|买|续|续交)(?:城乡)?(?:居民)?(?:医保|医疗保险|保险)(?:费)?|居民医保费?|城乡居民医保|新农合|农合",
            {"account_use": "resident_contribution"},
            1,
        ),
        ("取现|提现|取出来|取出|取钱|套现|变现|换现金|转出来|转到银行卡|withdraw|cash(?: out)?(?! pay)", {"account_use": "cash"}, 1),
        ("健身房|健身|游泳|瑜伽|锻炼|gym|fitness|swimming|yoga", {"account_use": "fitness"}, 1),
        ("保健品|保健|养生|美容|按摩|足疗|营养品|化妆品|supplements?|cosmetics|beauty|massage", {"account_use": "wellness"}, 1),
        ("体检|健康检查|查体|check-?up|physical exam", {"account_use": "checkup"}, 1),
        ("买药|开药|拿药|配药|药店|药房|买点药|药品|medicines?|pharmacy|drugs", {"account_use": "medicine"}, 1),
        ("看病|看门诊|门诊|挂号|住院|就医|医院|看牙|治病|outpatient|hospital|clinic|(?:medical|doctor|doctor's) (?:bills?|visits?)", {"account_use": "hospital"}, 1),
        ("日用品|生活用品|超市|买东西|买米|买油|买菜", {"account_use": "daily_goods"}, 1),
    ]
)


def find_beneficiaries(text: str) -> list[Hit]:
    """Who an account-use question is about (parent, spouse, child, family, other, self)."""
    return _BENEFICIARY.scan(text)


def find_account_uses(text: str) -> list[Hit]:
    """What an account-use question wants to pay for."""
    return _ACCOUNT_USE.scan(text)
