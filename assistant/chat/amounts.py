"""Money amounts in a chat message, with the role the sentence gives them.

Forms understood: ``1200元``, ``1,200块``, ``¥1200``, ``1200.5元``, ``一千二百元``, ``一千二`` (=1200),
``两千``, ``1.2千``, ``1.2万``, ``三百五十块五毛`` (=350.50), ``八十八块八`` (=88.80), ``五块二毛三``,
``5块2毛3分``, ``五毛``, and a bare number after a money word (``花了1200``, ``一共一千二``).

How a number becomes money:

* our own regex extracts a numeral span; the yuan part is parsed by :func:`parse_number` —
  ASCII digits straight into ``Decimal``, ``1.2万``-style digits times a unit in ``Decimal``, and
  Chinese numerals by ``cn2an.cn2an(span, "smart")`` (integers only, so no float ever carries a
  fraction); 角/毛 and 分 are single digits added in ``Decimal``. Results are quantized to 0.01.
* it must look like money: a currency sign, 元/块, 角/毛, a money word before it (``花了``,
  ``自费``, ``还有``…), or — without any of these — a large number (ASCII ≥ 10, or a Chinese
  numeral with 百/千/万) that is not followed by a non-money unit (年 月 日 号 级 岁 次 天 个 % …).
  Dates are masked first. ``第一``, ``百分之六十``, ``三级``, ``2023年``, ``5月`` are never money.
* approximations (``一千多``, ``大概一千``, ``1200左右``, ``七八百``) are reported with
  ``approximate=True`` and are not used as facts: only exact amounts are.
* ``不是1200`` is reported with ``negated=True``.

Roles (from the nearest money word before the amount in the same clause, or a role word right
after it): ``total`` (花了/一共/总共/费用…), ``self_pay`` (自费), ``class_b_drug`` (乙类药),
``fund_paid`` (已经报了/统筹已经付了), ``deductible_used`` (起付线累计了/已经扣了X起付线),
``account_balance`` (个人账户/医保卡里还有), ``other`` (a money word that is none of these:
起付线是…, 工资, 退休金, 每月划…), ``None`` when nothing says (the caller treats it as the total).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import cn2an
import msgspec

from . import rx
from .dates import find_dates
from .gazetteer import Alternation
from .normalise import ID_WORDS, normalise

__all__ = ["AMOUNT_ROLES", "Amount", "correction_between", "extract_amounts", "parse_amount", "parse_number",
           "role_of_word"]

AMOUNT_ROLES = (
    "account_balance",
    "age",
    "cap_left",
    "class_b_drug",
    "class_b_service",
    "consultation",
    "deductible_remaining",
    "deductible_used",
    "dual_channel",
    "fund_paid",
    "other",
    "part",
    "prenatal",
    "prior_unreimbursed",
    "rest",
    "self_pay",
    "slip_account",
    "slip_cash",
    "slip_deductible",
    "slip_excluded",
    "slip_first_self_pay",
    "slip_fund",
    "stated_cap",
    "stated_deductible",
    "slip_personal",
    "slip_unknown",
    "tcm",
    "total",
)

_FEN = Decimal("0.01")
_CN_DIGITS = "零一二两三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate("0123456789")}
_DIGIT_VALUE.update({c: i for i, c in enumerate("零一二三四五六七八九")})
_DIGIT_VALUE["两"] = 2
_UNIT_VALUE = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}
_D = rf"[0-9{_CN_DIGITS}]"  # one digit
_D_NZ = r"[1-9一二两三四五六七八九]"
_BOUNDARY = ",，。;；!！?？\n"
_MASK = "□"
_TOO_LARGE = Decimal(100_000_000)  # phone numbers, ids: no outpatient bill is this large


class Amount(msgspec.Struct, frozen=True, kw_only=True):
    """One amount of money found in a message."""

    value: Decimal
    role: str | None
    start: int
    end: int
    text: str
    #: a money word (or unit-less cue) said what the amount is; ``False`` for the default role.
    explicit: bool = False
    approximate: bool = False
    negated: bool = False
    #: the money word that gave the role (花了, 自费, 药费…), None when nothing did
    cue: str | None = None


_ARABIC = rx.compile(r"\d+(?:\.\d+)?")
_GROUPED = rx.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DIGIT_UNITS = rx.compile(r"\d(?:千\d百(?:\d十?)?|万\d千(?:\d百)?|百\d十)")  # (1百2十: 一百二十)
_TO_CN_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")
_ARABIC_UNIT = rx.compile(rf"(\d+(?:\.\d+)?)([十百千万])({_D})?")
#: 七八百 / 三四十 / 一千二三: a span said as two neighbouring digits (the second named)
_RANGE_SAID = re.compile(r"(?:[一二两三四五六七八九][十百千万])*[一二两三四五六七八九](?P<second>[二两三四五六七八九])[十百千万]?")
_ADJACENT_DIGITS = rx.compile(r"[一二两三四五六七八九]{2}")


@lru_cache(maxsize=4096)
def parse_number(num: str) -> Decimal | None:
    """The value of a numeral span (``1200``, ``1,200.5``, ``1.2万``, ``3千5``, ``一千二``), or None.

    Only integers go through cn2an; ranges (``七八百``) and malformed spans give None.
    """
    if not num:
        return None
    if _ARABIC.fullmatch(num):
        return Decimal(num)
    if num.endswith("k") and _ARABIC.fullmatch(num[:-1]):  # 2.3k, 1k
        return Decimal(num[:-1]) * 1000
    if num.endswith("w") and _ARABIC.fullmatch(num[:-1]):  # 1w, 1.2w: 万 as people type it
        return Decimal(num[:-1]) * 10000
    if _DIGIT_UNITS.fullmatch(num):  # 1千2百 is 一千二百
        num = num.translate(_TO_CN_DIGITS)
    zero = re.fullmatch(r"(\d)([千万])零(\d{1,3})", num)
    if zero:  # 1千零50 = 1050 (the digits after 零 are below the next unit down)
        unit, rest = _UNIT_VALUE[zero.group(2)], Decimal(zero.group(3))
        return Decimal(zero.group(1)) * unit + rest if rest < unit / 10 else None
    k = re.fullmatch(r"(\d+)k(\d)", num)
    if k:  # 1k2 = 1.2k = 1200, as 1千2 is
        return (Decimal(k.group(1)) + Decimal(k.group(2)) / 10) * 1000
    if _GROUPED.fullmatch(num):
        return Decimal(num.replace(",", ""))
    m = _ARABIC_UNIT.fullmatch(num)
    if m:
        unit = _UNIT_VALUE[m.group(2)]
        value = Decimal(m.group(1)) * unit
        if m.group(3):
            if unit == 10:
                return None
            value += _DIGIT_VALUE[m.group(3)] * unit / 10
        return value
    if "." in num or "," in num or _ADJACENT_DIGITS.search(num):
        return None
    try:
        value = cn2an.cn2an(num, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))
    if not isinstance(value, int):
        return None
    return Decimal(value)


# A numeral span: starts with a digit or a Chinese digit / 十, never with 百千万.
_TOKEN = rx.compile(
    rf"(?P<cur>¥ ?|rmb ?|cny ?|人民币)?(?P<num>"
    # arabic digits, then at most a unit and one digit (1.2万, 1千8, 2.3k): never glued on to a
    # Chinese numeral that starts the next word (¥450三甲 is 450 at a 三甲 hospital)
    # 1千2百 / 2万3千: a digit, a unit, a digit and the next unit down — one number
    rf"\d(?:千\d百(?:\d十?)?|万\d千(?:\d百)?|百\d十)(?![0-9{_CN_DIGITS}十百千万])"
    # 1千零50 / 2万零500: a digit, a unit, 零 and the digits below it
    rf"|\d[千万]零\d{{1,3}}(?![0-9{_CN_DIGITS}十百千万])"
    rf"|\d[\d,.]*(?:k\d?(?![0-9a-z])|w(?![0-9a-z])|[十百千万](?:[0-9一二两三四五六七八九](?![0-9{_CN_DIGITS}十百千万]))?)?"
    rf"|[{_CN_DIGITS}十][{_CN_DIGITS}十百千万]*)"
)
_YUAN = rx.compile(r"元钱?|块钱?| ?rmb| ?yuan| ?cny|人民币")
_AFTER_YUAN = rx.compile(
    rf"零?(?P<j>{_D})[角毛](?:(?P<f>{_D_NZ})分?)?"  # (一百块零五毛 is 100.50: 零 before the 毛)
    rf"|零(?P<f0>{_D_NZ})分?"
    # (300元一起结算的 / 两百块一共: 一 begins a word of its own — never 300.10)
    rf"|(?P<jb>{_D_NZ})(?![0-9{_CN_DIGITS}十百千万级年月日号岁次天个周%倍人家名位点条分甲乙丙院医等类附起共下样些直定般并齐同道张盒趟遍])"
)
_JIAO_ONLY = rx.compile(rf"[角毛](?:(?P<f>{_D_NZ})分?)?")
_TRAILING_QIAN = rx.compile(r"钱")
_NOT_MONEY_AFTER = rx.compile(
    r"[级年月日号岁次天周%倍人家名位点条项秒楼层期届批成折斤克米度路本张盒片粒支瓶袋种只遍回趟页栋幢]|个(?!人)|单元"
    r"|分钟|小时|公里|以上|以下|以内|甲(?!类)|乙(?!类)|丙|医|路|诊室|室|房间|病房|床|房(?!费|租)"
)
#: 检查六十 / 药八十 / 挂号五十: the name of a cost right before a bare figure
_COST_WORD_END = rx.compile(r"(?:检查|化验|挂号|拿药|开药|买药|西药|中药|中成药|药|治疗|理疗|针灸|拍片|B超|b超|CT|ct|抽血|输液|打针)(?:费)?$")
#: 一张八十五 / 单据八十五 / 另一张票六十: a slip's figure, named by the slip it is on (money, never a count)
_SLIP_PIECE_END = rx.compile(r"(?:一|另一|第[一二三四五六七八九]|这一?|那一?)张(?:单子|单据|票据|票|发票|收据|小票)?$"
                             r"|(?:单据|单子|发票|收据|小票|票据)$")
_GENERATION_AFTER = rx.compile(r"后(?![面边头来续])")
_APPROX_AFTER = rx.compile(r"多(?!少)|余(?!额)|来[块元]|几|好几|出头|左右|上下|不到|以上|以下|-?ish\b| or so\b|-odd\b"
                           # 不对，1030？记不清了: the figure itself doubted right after it
                           r"|(?:块|元)?[?？]\s?(?:我)?(?:也)?(?:记不清|记不太清|不确定|不太确定|不记得|拿不准)"
                           r"|(?:块|元)?(?:到|至|~|～)[0-9零一二两三四五六七八九十百千万]+(?:块|元)?(?:之间|左右)?")  # (the bottom of a range)
_APPROX_BEFORE = rx.compile(
    r"(?:around ?|about ?|roughly ?|approximately ?|approx\\. ?|maybe ?|i think ?|(?<![a-z])(?:a (?:bit|little) |just |slightly |a touch |somewhat )?(?:over|more than|under|less than|above|below) ?|(?<![a-z])(?:almost|nearly|at least|at most|up to|like|roughly like|something like) ?|好像|可能是|(?:也|或者|还|又)可能|也许是|似乎是|估摸|(?<!大)小(?=$)|大概|大约|约莫|约为|(?<![签预节合制])约|差不多|将近|接近|不到|不足|大致|估计|起码|至少|最多|最少|不超过|超过|高于|低于|少于|多于|好几"
    # 快两千了: nearly (快 right before the figure, never a 块 after one)
    r"|(?<![0-9零一二两三四五六七八九十百千万])快(?=$))"
    r"[^,，。;；!！?？]{0,4}$|几$"
    r"|[0-9零一二两三四五六七八九十百千万](?:块|元)?(?:到|至|~|～)$"  # 五百到六百之间: the top of a range said
)
_EN_CUE_END = rx.compile(
    r"(?:spent|spend|spending|another|additional|extra|(?:charged|billed|cost) (?:me|us|him|her)|charged|billed|costing|paid|of|bill|cost|costs|for|purchase|reimbursed|rmb|cny|yuan|around|about|roughly|approximately"
    r"|is|was|just|only|out|total|totalled|totaled|came to|today|drugs|medicine|medicines|fee|including|includes|include|included|containing|contains|plus|mean|meant|fund|cash|pre-self-pay|and|shows|show|says|reads|states|lists"
    r"|of which|which|like|also a|also an|another one|on the receipt"
    r"|pharmacy|hospital|clinic|centre|center|visit|exactly|precisely|amount|amounts|yes|ok|okay|sum"
    r"|have|has|had|got|still|left|balance|over|under|with|or"
    r"|been|be|were|are|instead"  # what if it had been 1,300 / if it were 1,300 / 1,300 instead
    r"|then|later|again|yesterday|afterwards|after that|before that|earlier|actually|basically|anyway|so|but|well|used|used up|took|counted"  # …800 at a clinic, then 200 at a pharmacy
    r"|ct|mri|pet|dr|x光|b超|彩超"
    # in-scope items 900, an X-ray 150, lab tests 80: a bill's line named in English
    r"|worth|items?|in-scope|stuff|fees|charges?|tests?|exams?|x-ray|xray|scans?|services?|consultation|registration|supplies|materials?|meds|medications?|drug|injections?|treatments?|herbs)$"
)
#: (其他一百是检查费: 其他 is the rest of the bill, never a person whose age follows)
_AGE_BEFORE = rx.compile(r"(?:我|(?<!其)他|她|我妈|我爸|老人|男|女|年龄|岁数|今年|已经|满|年满|刚满|快满|已满|今年刚好|今年正好|今年刚|现在|如今"
                         r"|老伴|老伴儿|老公|老婆|爱人|老头|老头子|老太太|老爷子|奶奶|爷爷|外婆|外公|婆婆|公公|父亲|母亲)$"
                         # (my landlord, 66) / my mother, 72: a person named, then a small bare number — an age
                         r"|(?:landlord|mother|father|mom|mum|dad|wife|husband|grandma|grandpa|grandmother|grandfather"
                         r"|aunt|uncle|neighbou?r|friend|retiree|pensioner)[,， ]*$")
_AGE_AFTER = rx.compile(r"了|岁|周岁| ?(?:years?|yrs?)(?: old|-old)| ?y/o")
_AGE_END = rx.compile(r"(?:了|岁|周岁)(?:啦|哦|呀)?(?![0-9零两百千万块元多])")
#: 上周180 / 上个星期200块: a figure after the week named (a weekday is one digit, 周3, said alone)
_WEEK_END = rx.compile(r"(?:周|星期|礼拜)$")
_NOT_MONEY_BEFORE = rx.compile(r"(?:第|之|星期|礼拜|周|编号|号码|电话|手机|手机号|尾号|卡号|身份证|工号|学号|社保号|医保号|病历号|门牌|[a-z]|\*)$"
                               # 小区5栋302 / 3单元201: an address, never money
                               r"|[0-9一二三四五六七八九十]+(?:栋|幢|单元|号楼)$"
                               # 尾号 0791 / 工单 2026-1125-88 / 单号：1125017: identifiers, never money
                               r"|" + ID_WORDS + r"[ \u3000]*[:：]?[ \u3000]*$"
                               r"|(?:编号|号码|手机号|卡号|尾号|身份证号?|工号|学号|社保号|医保号|病历号)(?:是|为|:|：)$"
                               r"|(?:卡号|号码|尾号|手机|电话|身份证)[^,，。]{0,3}(?:后|末|前)[三四六几]位(?:是|为)?$"
                               # 医保卡后四位0825 / 社保卡末四位: digits of a card, never money
                               r"|(?:卡|证|号)(?:的)?(?:后|末|前|最后)[三四六几1-9一二五]位(?:数|数字|号码)?(?:是|为|:|：)?$")
_PAID_AT_COUNTER = rx.compile(r"(?:我|俺|就|只)?(?:交了|付了|缴了|交的|付的)(?:钱)?")
_TO_PAY_CUE = rx.compile(r"(?:说|让|叫|要求)(?:我|俺)?(?:要|得|需要|还要)?(?:交|付|缴|掏)|(?:说)?(?:要|让|叫)(?:我|俺)(?:再)?(?:交|付|缴|掏)")
_PAID_INTO_DEDUCTIBLE = rx.compile(r"(?:付掉|付了|交了|交掉|花掉)(?:了)?(?:起付线|起付标准|起付)(?:里|里面|里头)?的$")
_PER_YEAR_BEFORE = rx.compile(r"(?:一年|每年|全年|年度)(?:最多|最高|封顶)?(?:就|是|才)?$")
_CHECKED_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:是吧|对吧|吧|吗|么|嘛|[?？]|是不是|对不对|没错吧)")
_STILL_SHORT_BEFORE = rx.compile(r"(?:还差|只差|就差|还剩|离封顶还差|距离封顶还差|离限额还差)(?:个)?$")
_TO_CAP_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:就|便)?(?:封顶|到顶|顶格|报满|满额|到限额|达到限额|用完|用满)")
#: 额度只剩100了 / 卡里还剩50了 / 余额80了: what is left of some money — never an age, whatever 了 follows
#: (every ending _CAP_LEFT_BEFORE reads is one of these)
_LEFT_OF_MONEY_BEFORE = rx.compile(r"(?:还|只|就)?(?:剩下?|剩余|余额|还有)(?:了)?$")
_CAP_LEFT_BEFORE = rx.compile(r"(?:额度|限额|封顶线|最高支付限额)(?:今年)?(?:还|只)?(?:剩下?|剩余|还有|就剩)(?:了)?$")
_ITEM_ROLES = frozenset({"self_pay", "class_b_drug", "class_b_service", "tcm", "consultation", "dual_channel", "prenatal"})
_KIND_DOUBTED_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:是|算)?[^,，。0-9]{0,6}?(?:还是啥|还是什么|还是别的|还是其他|"
                                 r"[^,，。0-9]{0,4}(?:我也|也)?(?:不清楚|不知道|不晓得|不确定|搞不清))")
_EITHER_AFTER = rx.compile(rf"(?:块|元)?(?:钱)?(?:还是|或者|或是)[0-9{_CN_DIGITS}十百千万]+(?:块|元)?(?:钱)?[,，]?[^,，。]{{0,4}}?"
                           r"(?:记不住|记不清|不记得|记不得|忘了|搞不清|来着|吧|看不清|[?？])")
_NOT_REMEMBERED_AFTER = rx.compile(r"(?:块|元)?(?:钱)?[,，]?[^,，。]{0,4}?(?:记不住|记不清|不记得|记不得|忘了|搞不清|来着|看不清|看不太清)"
                                   r"|(?: ?yuan)?[,，]? ?[^,，。.]{0,10}?(?:not sure|unsure|can'?t remember|doesn'?t remember|don'?t remember)")
_EITHER_BEFORE = rx.compile(r"[0-9一二两三四五六七八九十百千万块元](?:还是|或者|或是)$|[0-9] ?or ?$"
                            # 花了1200，又好像是1300: a second figure offered for the same bill
                            r"|[0-9一二两三四五六七八九十百千万块元][,，]?(?:又|也)(?:好像|可能|像)是?$")
_SUMMED_COSTS = rx.compile(r"(?:一共|总共|共|合计|加起来)(?:是|为|花了)?$")
_PARTS_FOLLOW = rx.compile(r"(?:元|块)?(?:钱)?[,，。 ]*(?:其中|里面|里头|这里面|包括|含)")
_ACCOUNT_JUST_BEFORE = rx.compile(r"(?:个人账户|账户|个账|医保卡|社保卡)[^,，。0-9]{0,4}[,，]?$")
_BANKNOTES = frozenset(Decimal(v) for v in (1, 5, 10, 20, 50, 100))
_NOTES_BEFORE = rx.compile(r"(?:[0-9一二两三四五六七八九十]+|几)张(?:的)?$")
#: (两百八哦不是两百六: 哦不是 takes back the figure before — a correction, not a denial of the one after)
_NEGATED_BEFORE = rx.compile(r"(?<!是)(?<![啊哦噢呃额])(?:不是|并非|并不是|而不是)(?:花了|花|一共|共)?$")
_TOGETHER_AFTER = rx.compile(r"[去儿来看走吃住玩做办]")
_CORRECTION = rx.compile(r"(?<!对)不对|说错|写错|打错|输错|搞错|弄错|错了|(?<!觉得)(?<!认为)应该是|其实是|改成|改为|更正|[?？,，。 ]不是[,，。 ]"
                         r"|(?:啊|哦|噢|呃|额)不是(?:[,，。 ]|$|(?=[0-9零一二两三四五六七八九十]))|(?:哦|噢)不[,，。 ]|我想起来了[,，。 ]?(?:是|应该是)"
                         # 花了600 不是600是650: the figure said again, then the right one
                         r"|(?<![是])不是[0-9０-９][0-9０-９.,，]*(?:元|块)?(?:钱)?[,，]?(?:而)?是"
                         # 算了我再看一眼，是甲等 / 刚看了下发票是1100: looked again, and the right one said
                         r"|(?:再|又|刚|仔细|重新)(?:看|瞅|瞧|查)了?(?:一眼|一下|下)[^,，。]{0,6}?[,，]?(?:是|写的是|写着|上面是)"
                         # 刚开始收费处说900，后来退了一项检查，最后实际结算是760: the figure first quoted, then the one
                         # settled in the end
                         r"|(?:最后|最终)(?:实际(?:结算|结账|交|付|收)|结算|结账)(?:的|了)?(?:是|为|了)?$"
                         # 1.5k yuan? no sorry, 150 yuan / 1500, sorry I mean 150
                         r"|\bno[,，]? ?sorry\b|\bsorry[,，]? ?(?:i )?mean(?:t)?\b|\bi mean(?:t)?\b|\bcorrection\b|\bmy mistake\b"
                         # Grade B I think. No wait, it's grade A: the one before taken back
                         r"|\bno[,，]? ?wait\b|\bwait[,，]? ?no\b"
                         # 1,200 — sorry, 1,250: 'sorry' right before the figure that replaces the one before
                         r"|\bsorry[,，]? ?$")

# Money words before an amount; the nearest one in the clause gives the role.
_PRE_CUES: tuple[tuple[str, str], ...] = (
    ("consultation", r"consultation(?: fee)?"),
    ("self_pay", r"self[- ]pa(?:y|id)(?: part| items?)?"),
    ("class_b_drug", r"class[- ]b drugs?"),
    ("tcm", r"(?:chinese )?(?:herbal|patent) medicines?|chinese medicines?|tcm (?:drugs|medicines?)"),
    # 单子上统筹基金支付那栏我这写的是450: the slip's fund column, what it shows
    ("slip_fund", r"(?:统筹|统筹基金|基金)(?:支付)?(?:那一?栏|那一?项|栏|一栏|那里|那儿|那行|那部分|的部分|那一?块|报的那部分)(?:我这|我这里|上面|里)?(?:写的是|写着|是|为|印着|显示|应该是)?"),
    # 医保只返了400，咋回事: what the fund gave back on this bill (not an account credit)
    ("fund_paid", r"(?:医保|统筹)(?:只|就|才|一共)?(?:返了|返还了|返给我|退了|退给我)"),
    # 今年已经享受门诊统筹报销共计950元: what the fund has paid this year, said formally
    ("fund_paid", r"(?:已经|已)?享受(?:了)?(?:门诊)?(?:统筹)?(?:报销|待遇|支付)(?:金额)?(?:共计|累计|合计|共)?(?:为|是|:)?"),
    # (单子上统筹才报200 / 只给了: an adverb between the fund and its verb)
    ("slip_fund", r"(?:单子|结算单|清单|发票|小票|收据|票据)(?:上|里)?(?:面)?(?:写(?:的|着)?)?(?:统筹(?:基金)?|医保|基金)(?:才|只|就|只给|一共|总共)?(?:支付|报销|报了|报|付了|付|给了|给)?(?:了)?"
                  r"(?:(?:那里|那儿|那一?栏|那一?项|那行)(?:写的是|写着|写的|是|为|印着|显示))?"),
    ("slip_personal", r"(?:单子|结算单|清单|发票|小票|收据|票据)(?:上|里)?(?:面)?(?:写(?:的|着)?)?(?:个人(?:支付|自付|负担)|自付)(?:了)?"),
    # 单子上现金付了220: the slip's cash line (what the account did not pay), not the whole personal share
    ("slip_cash", r"(?:单子|结算单|清单|发票|小票|收据|票据)(?:上|里)?(?:面)?(?:写(?:的|着)?)?(?:个人)?现金(?:支付|付了|付)?(?:了)?"),
    # 小票上统筹支付240个人160: the slip's lines one after the other — 个人 right after the fund's figure
    ("slip_personal", r"(?<=[0-9])(?:元|块)?[,，]?个人(?:的|部分)?(?=$|[0-9])"),
    # 医院报了200, 这次给报了200, 结算的时候统筹报了200: what this visit's settlement paid — the slip's fund line
    # 统筹实际报了231.84: what the fund actually paid of this bill — its slip
    ("slip_fund", r"(?:统筹|医保)(?:基金)?实际(?:上)?(?:只|才|就)?(?:给我?)?(?:报了|报销了|支付了|付了|给了|报)"),
    # 系统给了196 / 系统结算出来报了182 (a cashier reading the settlement system): this bill's fund line
    ("slip_fund", r"系统(?:上|里)?(?:结算|算)?(?:出来)?(?:的)?(?:统筹|医保)?(?:只|才|就)?(?:给了|给报了|报了|结了|算了|给|是)"),
    # 统筹单上给的是364 (a slip called by its fund line): what the slip says the fund paid
    ("slip_fund", r"(?:统筹|医保|报销)单(?:子)?(?:上|里)(?:面)?(?:给的|写的|报的|印的)?(?:是|为)?"),
    ("slip_fund", r"(?<![家个所])(?<!上次)(?<!那次)(?<!之前)(?<!以前)(?<!去年)(?<!上回)(?:医院|社区|卫生院|诊所|药店|结算时|结算的时候|结算(?=统筹|医保)|实际(?:上)?(?=统筹|医保|只|才|给|报)|结账时|结账的时候|窗口|收费处|这次|这回|本次)(?:统筹|医保)?(?:只|才|就|一共|总共)?(?:给我|给|帮我)?"
                  r"(?:报了|报销了|给报了|报(?!过)|给了|支付了|付了)(?:我)?"),  # (在别的医院统筹报过200: 报过, the year's)
    # 结算单：不予支付2000.00: the slip's line of what the fund does not pay at all (the national record's
    # 全自费 band) — checked against the calculator's excluded figure, never a part of the bill
    ("slip_excluded", r"(?:统筹|基金|医保)?(?:基金)?不予(?:支付|报销)(?:的)?(?:金额|部分|费用)?(?:是|为|:)?"),
    # 先行自付40 on a slip: the class-B share paid first — not a bill part the chat can place; asked
    ("slip_unknown", r"(?:个人)?(?:先行自付|先自付|乙类自付|乙类自理|乙类先行自付|乙自付|乙自理|乙自)(?:金额|部分)?(?:写的是|写的|写着|是|为|:)?"),
    # 结算单上写着自付段 360: a band of the slip (what fell below the deductible, or the person's band) —
    # which figure it is, is asked; never the bill
    ("slip_unknown", r"(?:个人)?(?:自付段|起付段|自负段|统筹段)(?:金额)?(?:写的是|写的|写着|是|为|:)?[,，]?"),
    # 收据上大写壹仟贰佰元整 / 发票合计1,200: a receipt's amount, in words or its sum, is the bill
    ("total", r"(?:收据|发票|票据)(?:上)?(?:的)?(?:大写|小写|合计|总计|总金额|金额合计)(?:金额)?(?:是|为|:)?"),
    # 发票上写的1260: an invoice's one figure said with no line named is its amount — the bill
    ("total", r"发票(?:上)?(?:写(?:的|着)|印(?:的|着)|开(?:的|了))(?:是)?(?=$|[0-9０-９一二三四五六七八九两壹贰叁肆伍陆柒捌玖¥￥])"),
    # 单子上300, 结算单上写了个330: a slip's figure with no field named — total? fund? cash? asked
    # 单子上统仇支付显示250 (a label the reading does not know): a line of the slip, never the bill — asked
    ("slip_unknown", r"(?:单子|结算单|小票|发票)上(?![^,，。0-9]{0,6}?(?:起付|统筹|基金|个人|现金|账户|自费|乙类|总|合计|医疗费|政策|限额|比例|报销))"
                     r"[^,，。0-9]{1,6}?(?:显示|写着|写的是|印着)(?:的是|是)?"),
    ("slip_unknown", r"(?:单子|结算单|清单|小票|收据|票据|单据|发票)(?:上|里)?(?:面)?(?:有个|有一个|有)(?:数字|数)(?:是|为|写着)?"
                     r"|(?:单子|结算单|清单|小票|收据|票据|单据|发票)(?:上|里)(?:面)?(?:有个|有一个)"),
    # 发票上有个数字是385, 单子最下面写着286: a slip's number with no field named — asked
    ("slip_unknown", r"(?:单子|结算单|收费单|收费条|缴费单|缴费条|费用单|清单|小票|收据|票据|单据|发票)(?:上|里)?(?:面)?(?:最下面|最下边|最底下|最底部|底部|下面|底下|最后|上面|右下角)?"
                     r"(?:的)?(?:一行|那行|那一行|一栏|那栏|那一栏)?"
                     r"(?:有个|有一个)?(?:数字|数)?(?:写(?:的|着|了)?|印(?:的|着)|显示(?:的)?|是)(?:个(?!人)|的)?(?:是)?"),
    # 结算单一个数字是660: one number of the slip, its field not named — asked
    ("slip_unknown", r"(?:单子|结算单|收费单|发票)(?:上)?(?:的)?(?:有)?一个数(?:字)?(?:是|为|写着)?"),
    # 医院给了张单子，上面有个450: a slip's number with no field named — asked
    ("slip_unknown", r"上面(?:有个|有一个|写着|写的|印着)(?:数字|数)?(?:是)?"),
    # 单子上写着 60% 还有一个 90: another figure of the slip, its field not named — asked
    ("slip_unknown", r"还有(?:一个|个)(?:数字|数)(?:是)?"),
    # 医保给了我一个数字165: a number the fund's office gave, its field not named — asked
    ("slip_unknown", r"(?:医保|医院|统筹|系统|窗口|收费处)?(?:给了?|告诉了?|报了?)(?:我)?(?:一个|个)(?:数字|数)(?:是|为)?"),
    ("slip_unknown", r"(?:单子|结算单|清单|小票|收据|票据|单据)(?:上|里)(?:面)?(?:写(?:的|着|了)?|印(?:的|着)|显示(?:的)?)?(?:个(?!人)|的)?(?:是)?"),
    # 医保卡里扣了300: what the card (the account) paid of this bill — a slip figure, not a balance
    ("slip_account", r"(?:医保卡|个人账户|账户|个账|卡)(?:里|上)?(?:面)?(?:扣了|扣掉了?|划了|划走了?|刷了|付了|支付了?)"),
    # 刷了医保卡 扣了180: what the card paid of this bill, said after the swipe
    ("slip_account", r"(?:刷了?|用了?)(?:医保卡|社保卡|卡)[,，]?(?:卡里|里面|上面)?(?:扣了|扣掉了?|划了|划走了?)"),
    # 这次扣了账户100 / 扣了我个人账户80: what the account paid of a bill, the verb before the account
    ("slip_account", r"(?:扣了|扣掉了?|划了|划走了?|刷了|用了)(?:我|他|她)?(?:的)?(?:医保卡|个人账户|账户|个账)(?:里|上)?(?:的)?(?:钱)?"),
    # 统筹那栏 65 / 医保支付那一栏写的200: the slip's fund column
    ("slip_fund", r"(?:统筹|医保|基金|统筹支付|医保支付|基金支付)(?:那|这)?(?:一)?(?:栏|项|行|格)(?:里|上)?(?:是|写的|写着|显示)?"),
    ("slip_cash", r"(?:个人)?现金(?:支付|付了|付)?(?:了)?"),
    ("slip_personal", r"个人(?:支付|自付|负担|付|掏|出)?(?:了)?|自己(?:要|得|需要|还要|还得)?(?:付|掏|出|给)(?:了|的)?(?:钱)?(?:是)?"),
    ("deductible_remaining", r"(?:起付线|起付标准|起付)(?:还|今年还)?(?:差|剩下?|有|余)(?:个)?"),
    # (统筹额度今年已经用满2000了: the cap used — what the fund has paid this year)
    ("fund_paid", r"(?:统筹|门诊统筹|报销)?(?:的)?(?:额度|限额)(?:今年)?(?:已经|已|都|早就)?(?:用满了?|用完了?|用光了?|用掉?了?|花掉?了?|用去了?)"),
    ("consultation", r"(?:其中|里面|里头|含|包含|包括|包括了|有个?|加上|另有)?(?:的)?诊察费(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?"
                     r"(?:另外|额外)?(?:还)?(?:有|是|为|占|花了|共|了|收了)?"),
    ("tcm", r"(?:其中|里面|含|包括)?(?:的)?(?:中成药|中药饮片|中药|饮片|甲类中医诊疗(?:项目)?|甲类中医项目|中医诊疗(?:项目)?|中医治疗|(?:甲类)?中医理疗"
            r"|(?:中医)?(?:针灸|推拿|拔罐|艾灸)(?:[(（]甲类[)）])?)(?:费)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?"
            # (中成药和饮片一共三百: the two named together, their sum)
            r"(?:一共|总共|合计|加起来|共|有|是|为|占|花了|了)?"),
    ("dual_channel", r"(?:其中|里面|含|包括)?(?:的)?(?:双通道(?:管理)?(?:的)?(?:谈判)?(?:药品|药)?|谈判药(?:品)?)(?:费用|费)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|买了|开了|拿了|共|了)?"),
    # (prenatal check at a level-3 hospital, 800 yuan: in English — the figure after it, a few words between)
    ("prenatal", r"(?:prenatal|antenatal|pregnancy) (?:check(?:-?up)?s?|exams?|visits?|care)(?: (?:at|in) [a-z0-9 -]{0,40}?(?:hospital|clinic|centre|center))?[,，:]? ?(?:cost |was |of |for )?"),
    ("prenatal", r"(?:其中|里面|含|包括)?(?:的)?(?:产前检查|产检|孕检|孕期检查)(?:费)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|共|了)?"),
    ("class_b_service", r"(?:其中|里面|含|包括)?(?:的)?(?:乙类(?:的)?(?:检查|诊疗项目|诊疗|治疗项目|治疗|化验|项目|耗材|医用耗材|材料)|医用耗材|耗材)(?:费)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|共|了)?"),
    ("deductible_used", r"(?:起付线|起付标准|起付)(?:今年)?(?:之前|前面|此前|以前|先前)?(?:已经|已|都|也|今年|只|才)?(?:累计|扣除|扣|使用|用|交|支付|付|花|算|走|达到|攒)(?:了|掉|过)?(?:有|的)?[:：]?"),
    ("deductible_used", r"(?:只|才|一共|总共|已经)?扣(?:了|掉|过)(?=[0-9一二两三四五六七八九十百千]+(?:元|块)?(?:的)?起付)"),
    # (第一张单子)已经扣了起付线300: what went toward the deductible, the figure after its name
    ("deductible_used", r"(?:已经|已|都|就|先)扣(?:了|掉|过)(?:了)?(?:起付线|起付标准|起付)(?:的)?"),
    ("deductible_used", r"(?:已经|已)扣(?:了|掉|过)"),
    # (起付线扣了200 →) 那如果我那次扣的是100呢: what an earlier visit took, said of that visit — its deductible
    # (上次扣了账户100: what the account paid, not the deductible)
    ("deductible_used", r"(?:那次|那回|上次|上回)(?:已经|已|就|只|才)?扣(?![了掉过]?(?:的)?(?:我|他|她)?(?:的)?(?:医保卡|个人账户|账户|个账|卡))"
                        r"(?:了|掉|过)?(?:的)?(?:是|有)?"),
    # 自助机打印：本年累计起付线 200.00: the year's deductible reached so far, a kiosk's field
    ("deductible_used", r"(?:本年|今年|年度)?累计起付(?:线|标准)?(?:金额)?[:：]?|起付(?:线|标准)累计[:：]?"),
    # 起付线还剩200没扣完（之前扣了400）: what went before, in the deductible's own clause
    ("deductible_used", r"(?<=[(（])(?:之前|此前|前面|已经|已)扣(?:了|掉|过)"),
    ("deductible_used", r"(?:起付线|起付)(?:今年)?(?:那会儿?|那时候|那次|当时)(?:已经|已|都)?(?:扣|用|交|付)(?:了|掉|过)"),
    # 累计算进起付线的有400: what the year's bills put toward the deductible
    ("deductible_used", r"(?:算进|算入|计入|进了|记入)(?:了)?(?:起付线|起付标准|起付)(?:的)?(?:有|是|为|了)?"),
    ("deductible_used", r"(?:已经|已|今年|都)?(?:用|扣|花|交)(?:了|掉|过)?(?:的)?(?:起付线|起付标准|起付)(?:了|有)?"),
    # 今年已在一级医院门诊累计自付起付线400元: what the year's bills have paid toward the deductible
    ("deductible_used", r"(?:累计|已经|已|之前|以前|前面|此前)(?:门诊|看病)?(?:已经|已|都)?(?:自付|付|自己付|自己交|负担)(?:了|过)?(?:的)?(?:起付线|起付标准|起付)(?:了|有|共)?"),
    # deductible already used 300 this year: the part of the deductible used, in English
    ("deductible_used", r"(?:the )?deductible (?:has )?(?:already )?(?:used|paid|covered|spent)(?! ?up| ?in full| ?all) ?(?:so far )?"),
    ("slip_fund", r"(?:hifp_pay|fund_pays)(?: ?(?:显示|是|为|=|:))?"),
    # (our system says the fund pays 100: the hospital's own figure for this bill, to check)
    ("slip_fund", r"(?:slip|receipt|statement|system|hospital|counter|cashier|invoice) (?:shows|says|lists|has|gives)(?: that)?(?: a| the)? (?:fund|insurance)"
                  r"(?: (?:paid|pays|payment|share|portion|will pay|covers|covered))?(?: of| as| at|:)?"),
    # The hospital only gave me 200 from the fund: what the hospital settled of this bill, to check
    ("slip_fund", r"(?:the )?(?:hospital|clinic|pharmacy)(?: only| just)? (?:gave|reimbursed|refunded)(?: me| him| her| us)?(?: back)?(?: only| just)?"),
    ("slip_cash", r"psn_cash_pay|cash_pays"),
    # The slip shows 330 / the receipt says 860: a slip's figure with no field named — asked
    ("slip_unknown", r"(?:slip|receipt|invoice|statement)s? ?(?:shows?|says|reads|lists|states)(?: that)?(?: a)? ?"),
    # medfee_sumamt 650，hifp_pay 显示 325: the settlement record's own field names
    ("slip_fund", r"hifp(?:_pay)?(?:[ :：=]|显示|是)*"),
    ("total", r"medfee_sumamt(?:[ :：=]|显示|是)*"),
    # Slip: total 1,000, fund 650, cash 350 — a slip's lines in English, the word right before its figure
    # (anchored at the figure: “fund has already paid 500” keeps its own, longer cue)
    ("fund_paid", r"(?<![a-z])fund(?: share| part| portion)?[:：]? ?$"),
    ("slip_cash", r"(?<![a-z])cash(?: paid| part)?[:：]? ?$"),
    ("slip_first_self_pay", r"(?<![a-z])(?:pre-self-pay|pre self-pay|first self-pay|self-pay first)[:：]? ?$"),
    ("slip_account", r"acct_pay|account_pays"),
    ("total", r"medfee_sumamt"),
    # the national settlement record's self-pay field (fulamt_ownpay_amt): the bill's self-pay part
    ("self_pay", r"fulamt_ownpay_amt(?: ?(?:显示|是|为|=|:))?"),
    # 限额今年已经用了300: the cap used so far this year — what the fund has paid
    ("fund_paid", r"(?:限额|额度|封顶线?)[,，]?(?:今年|本年|年内)(?:已经|已|都)?(?:用了|用掉了?|用去了?)"),
    # 今年门诊统筹报销已经到1200了: the year's fund figure reached
    ("fund_paid", r"(?:统筹|医保)(?:报销|报|支付)?(?:金额)?(?:已经|已|都)(?:到|达到|到了|有)(?:了)?"),
    ("fund_paid", r"(?:医保)?(?:统筹|基金|统筹基金|医保)(?!范围|目录|内|外|卡)(?:今年|本年度|本年|年内)?(?:此前|之前|以前|前面)?(?:实际|实际上|其实|最后|确实|的确|确确实实)?(?:已经|已|都|也|一共|总共|共|累计|才|只|就)?(?:一共|总共|共|累计)?(?:给我报销|给我报|给报销|给报|付|支付|报|报销|给|出|支出|用|用掉)?(?:了)?(?:我)?"),
    # 为啥不是720: the figure the person expected, not one of the bill's
    ("other", r"为啥不是|为什么不是|怎么不是|咋不是|不应该是|不是应该(?:是|报)?|不该是|不是该(?:是|报)?|不该报"),
    # 按55%应该495吧 / 我算65%是37.297 / 四舍五入应该37.30: the person's own sum, no figure of the bill
    ("other", r"按 ?\d{1,3}(?:\.\d+)?%(?:算)?(?:的话)?(?:应该|应|该|就|得)?(?:是|报|给|能报|有)?"
              r"|(?:我|俺)(?:自己)?算(?:的|出来|下来|了一下)?(?:按)? ?\d{1,3}(?:\.\d+)?%(?:是|为|得|应该是)?"
              r"|四舍五入(?:以后|后|之后)?(?:应该|应|该|就)?(?:是|为)?"
              # 1000乘60%应该是600 / 800×55%=440: the person's multiplication, its product
              r"|(?:乘以|乘|×) ?\d{1,3}(?:\.\d+)? ?%(?:的话)?(?:应该|应|该|就|得)?(?:是|等于|为|=)"),
    # 少了60块 / 多报了40 / 差了60: the difference the person sees, not a bill or a payment
    ("other", r"(?:少|多|差)(?:报|给|算|付|扣)?(?:了)(?:我)?|(?:少|多)(?:报|给|算)(?:了)?(?:我)?|相差|差额(?:是|为)?|差距(?:是|为)?"),
    ("fund_paid", r"(?:已经|已|今年|之前|前面|上次|累计)?(?:报了|报销了|报销过|报过|已报|报销掉|报销|报的)(?:有)?"),
    # 今年已经报满1000了: the fund has paid that much (the cap, as the person says)
    ("fund_paid", r"(?:已经|已|今年|都)?报(?:销)?满(?:了)?"),
    ("fund_paid", r"fund (?:has |had )?(?:already )?(?:paid|covered|reimbursed)(?: out)?|(?:already )?reimbursed|fund paid"
                  r"|(?:the )?(?:hospital|insurance|medical insurance|scheme) (?:only )?(?:paid|covered|reimbursed)(?: me)?(?: only| just)?"),
    ("slip_fund", r"(?:the )?(?:hospital'?s?|slip'?s?|receipt'?s?) fund (?:payment|paid|figure)(?: was| is| of| says| shows)?"),
    # the fund payment on my slip says 220: the slip's fund line, named before where it is read
    ("slip_fund", r"(?:the )?fund (?:payment|paid|share|portion|line)(?: on| in| from) (?:my|the|his|her) (?:slip|receipt|statement|invoice)"
                  r"(?: says| shows| reads| is| was| lists)?(?: only)? ?"),
    # 卡上显示120: what the card (or the machine it was swiped in) showed — the balance, or what the card paid?
    # Asked (卡里还有120 / 卡上余额120 stay the balance)
    ("slip_unknown", r"(?:医保卡|卡)(?:上|里)(?:面)?(?:显示|写着|写的|显示的|打出来)(?:的是|是)?"),
    ("account_balance", r"(?:个人账户|医保账户|个账(?!户)|账户|(?:医保卡|卡)(?=里|上|中|的钱|余|还|有|剩|原来|本来|目前|现在))(?:里|上|中)?(?:面)?"
     # 卡里（个人账户）结算前540: the account named again in brackets
     r"(?:[(（](?:个人账户|个账|医保账户|账户)[)）])?(?:的钱)?(?:原来|本来|原先|之前|看病前|结算前|结账前|付款前|交费前|缴费前|一开始|开始|起初|最开始|年初|今天之前|今天看病前|这次之前|这次看病前|今天早上|今天上午|今早|早上|今天)?(?:应该|大概|估计|好像)?"
     # (我个人账户今天早上一共就30块: the balance, said with 一共 — not a bill)
     r"(?:明明|其实|确实|分明)?(?:一共|总共)?(?:还|目前|现在|只|就)?(?:有|剩|剩下|余|余额)?了?(?:有|是|为)?"),
    ("account_balance", r"余额(?:还|只)?(?:有|是|为)?|还剩(?:下)?"),
    ("account_balance", r"balance (?:in|of) (?:my |the |his |her )?(?:personal )?(?:medical )?account(?: is| of|:)?"
                        r"|(?:account )?balance(?: is| of)?|in (?:my|the) account"),
    ("account_balance", r"(?:(?:my|his|her|the) )?(?:personal )?(?:medical )?account (?:has|holds|had|held|contains|contained)(?: still| only| about)?"),
    ("self_pay", r"自费(?:的)?(?:部分|药品|药|项目|耗材|医用耗材|材料|检查|针剂|CT|ct)?(?:费)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|共|了)?"),
    ("class_b_drug", r"(?:乙类(?:药品|药)?|乙药|(?<![一二三四级])乙(?=$))(?:的)?(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|共|了)?"),
    # 交了240 / 我付了350: what was paid at the counter — the bill, or the share after the fund? Asked
    ("slip_unknown", r"(?<![共计])(?:我|俺|就|只)?(?:交了|付了|缴了|交的|付的)(?:钱)?"),
    # 医院收了我240: what the counter took — the bill, or the share after the fund? Asked
    ("slip_unknown", r"(?:医院|药店|诊所|卫生院|他们|收费处)?收了(?:我|俺)?"),
    # 医院说我要交340 / 让我付了200: what the counter asked the person to pay — the bill, or the share
    # after the fund? Asked
    ("slip_unknown", r"(?:说|让|叫|要求)(?:我|俺)?(?:要|得|需要|还要)?(?:交|付|缴|掏)(?:了)?"
                     r"|(?:说)?(?:要|让|叫)(?:我|俺)(?:再)?(?:交|付|缴|掏)(?:了)?"),
    # 找了我三十: the change given back — not money of the bill
    ("other", r"找(?:了|回|给)?(?:我|俺)(?:零钱)?|找(?:了|回)(?:零钱)?"),
    # 说是只能报480: the figure the hospital told for this bill — a slip figure to check
    # (又说统筹报过150: 报过, what was claimed before — the year's position, not the hospital's slip)
    ("slip_fund", r"(?:说是|说|告诉我|跟我说)(?:统筹|医保)?(?:只能|只|就|才)?(?:报(?!过)|给报(?!过)|给了|支付了|付了)(?:了)?"),
    # 其中检查费300, 里面药费900: a part of this bill named by a word no document settles on its own —
    # placed as "a part", then asked about (自费? 乙类? in scope?), never merged into the total
    # (里面还有个检查费30块 / 里面有个血常规30块: a part inside the bill told, never the bill itself)
    ("part", r"(?:其中|里面|里头|这里面|含|包含|包括)(?:了)?(?:还|也)?(?:有)?(?:个|一个|一项|一笔|一次)?(?:的)?(?:检查费?|化验费?|药费|药品费?|西药费?|治疗费?"
     r"|挂号费?|材料费?|床位费?|手术费?|诊疗费?|注射费?|输液费?|理疗费?|针灸费?|血常规|尿常规|心电图|彩超|b超|ct|核磁|胃镜|拍片|片子)(?:包含在里面|包括在里面|包含在内|包括在内|也在里面|算在里面|在里面)?(?:的)?(?:有|是|为|占|花了|共|了)?"),
    ("rest", r"(?:其他|其余|其它|剩下|剩余|别的)(?:的)?(?:药费|费用|药|部分|检查费?|是|有)?(?:是|有|为|共)?"
     # 甲800 乙药300 自费120: a terse slip's class-A line (not 三甲800, a level-3 grade-A hospital)
     r"|(?<![一二三四级])甲(?=$)|甲类(?:药品|药|的)?(?:(?:及|和|与|、|加)(?:诊疗|检查|治疗|诊察|化验|耗材|材料)(?:项目)?(?:费|费用)?)?(?:有|是|为)?|西药(?:费)?(?:有|是|为)?"
     # 诊察费30元，检查和药一共400元: the 一共 sums the costs it names, not the whole bill
     r"|(?:检查|化验|药|西药|治疗|挂号)(?:费)?(?:和|及|与|、|加|跟)(?:检查|化验|药|药品|西药|治疗|挂号)(?:费)?(?:一共|总共|共|合计|加起来)(?:是|为|花了)?"
     # 自费药品150元，政策范围内费用850元: the in-scope part, named as the document names it
     r"|(?:政策范围内|政策内|医保范围内|医保目录内|目录内|医保内|报销范围内)(?:的)?(?:费用|部分|金额)?(?:是|为|有|共)?"
     # in-scope 300, consultation fee 10: the in-scope part, in the document's English
     r"|(?<![a-z])(?:in-scope|in scope|within scope|policy-scope)(?: part| items?| costs?| amount| portion)?(?: was| is| of)?[:：]? ?(?=$)"
     # 有自费的30块，能报的药150: the part that can be claimed, named as the person sees it
     r"|(?:能报的|可以报的|能报销的|可报的|可以报销的)(?:药|药品|部分|费用|项目|检查)(?:费)?(?:是|为|有|共)?"
     # class-A drugs 300: the class-A part, in scope (never the bill)
     r"|class[- ]a (?:drugs?|medicines?|medications?|items?|stuff|things)(?: were| was| is| are| of| cost| worth)?"),
    ("stated_deductible", r"(?:起付线|起付标准|门槛费|起付)(?:每年|一年|全年|年度)?(?:要|得|就|都)?(?:扣|是|为|写的是|写着|:)?|deductible(?: of| is|:)?"
                          r"|(?:为啥|为什么|咋|怎么)(?:要|得)?先扣"),
    # (年度限额写的4000: the slip's line for the cap, what it shows)
    ("stated_cap", r"(?:每年|一年|全年|年)最(?:多|高)(?:报|能报|支付|报销)?|(?:年度)?(?:最高)?(?:支付)?限额(?:写的|写着|印的|印着)?(?:是|为)?|封顶(?:线)?(?:是|为)?|年度最高(?:支付)?(?:限额)?|最高(?:能报)?(?:限额)?|(?:annual )?cap(?: of| is)?"),
    # 打针三天 每天80 一共240: a price per day or per item, not the bill; 孩子学费刚交了四千五: not medical
    ("other", r"每天|每次|每回|一天|每盒|每瓶|每支|单价|(?:一个月|每个月|每月)(?:大概|差不多)?(?:要|得)|学费(?:刚)?(?:交了|花了)?|房租(?:交了)?|生活费|(?:车费|路费|打车|停车费?|饭钱)(?:还|也|又)?(?:花了|花|用了|是|要)?|彩礼|礼金"),
    # 结算单统筹支付520，我觉得应该是480啊: the person's own expectation — neither bill nor slip figure
    ("other", r"(?:我|俺)(?:觉得|认为|算着|算下来|算了一下|估摸着|以为|还以为|寻思)(?:应该|该|大概)?(?:是|报|有|给)?"
              # 来电人认为应为400元: what the caller expected, not a figure of the bill
              r"|(?:来电人|患者|参保人|他|她|老人)(?:觉得|认为|算着)(?:应该|应|该)?(?:为|是|报|给)?"),
    ("other", r"起付(?:线|标准)?(?:的|是|为)|自己付了|自己掏了|自己出了|个人付了|自付|起付线|起付标准|限额|封顶|最高|比例|能报|报|每月|每个月|划|返|工资|收入|基数|养老金|退休金|缴费|交费|交了?保险"),
    # 自费的包含在856.7里面: the item is inside that figure — the figure is the bill's total
    ("total", r"(?:包含在|包括在|含在|算在)(?:了)?(?:那个|这个|总共的?|总的)?(?=$|[0-9０-９一二三四五六七八九两壹贰叁肆伍陆柒捌玖¥￥])"),
    ("total", r"(?:总数|总额|总金额|总共|一共|合计)(?:还是|仍然是|仍是|还)"  # 总数还是860: the total, unchanged
     r"|花了|花费了?|花掉|花|一共|总共|总计|合计|共计|共|总额|总数|总金额|总费用|总的|费用|医药费|药费|检查费|治疗费|挂号费"
     # 买药刷了统筹 三百六: what was paid by swiping the insurance — the bill (never what the fund paid)
     r"|看病|开药|买药|拿药|买了|(?<=[共计])付了|(?<=[共计])交了|结算|账单|金额|消费|刷了?(?:统筹|医保卡|医保|社保卡)(?:花了|付了)?|刷了|刷卡|用了"
     r"|spent|paid|bill of|bill|cost|costs|purchase|for|today|drugs|medicine|medicines"),
)
# Scanned as one alternation that, at each position, tries only the cues that can start with its
# character (``_first_chars`` reads each source, and raises on a form it cannot read): the same
# matches as ``finditer`` over all of them, without trying all 84 at every position.
_PRE_CUE_RE = Alternation((f"c{i}", src) for i, (_, src) in enumerate(_PRE_CUES))
_PRE_CUE_ROLE = {f"c{i}": role for i, (role, _) in enumerate(_PRE_CUES)}
_POST_CUE = rx.compile(r" ?(?:(?:不是|并不是|不算)(?:自费|乙类|乙类药|诊察费|中成药|中药)(?:的)?[,，]?(?:而|应该|其实)?(?:是|算)"
                       r"|(?:的|是|为|都是|属于|算|算是|也是|也算|也属于|也都是|才是|才算|就是|其实是|实际是|实际上是)(?:里面|里头|其中)?(?:的)?(?:那个|这个)?"
                       r"|(?:那个|这个)(?=限额|额度|封顶线|起付线|起付标准)"  # 诊察费算不算在1800那个限额里: the rule's own figure
                       r"|of (?:it|that|this|which|the bill|them|the ?[0-9]+(?:\.[0-9]+)?(?: ?yuan)?) (?:was|were|is|are) |(?:was|were|is|are) |of "
                       # 300 yuan class-A drugs and 200 yuan of class-B drugs: English names the line after its figure
                       r"|(?:yuan|rmb|cny) (?:(?:worth )?of |in |for |on )?(?=class|self|consult|herbal|chinese med|tcm))?(?P<w>政策范围内|医保范围内|医保目录内|政策内|目录内|总共|总的|总数|一共|合计|总费用|总额|乙类的检查|乙类的化验|自费|乙类检查|乙类耗材|乙类材料|乙类|诊察费|中成药|中药|西药(?:费)?|双通道|产前检查|孕检|产检|限额|额度|封顶线|起付线|起付标准"
                       # 200是个人账户里扣的: what the account paid of this bill (a slip's line)
                       r"|(?:个人|医保|社保)?(?:账户|个账|卡)(?:里|上)?(?:面)?(?:扣|划|刷|支付|付)(?:掉)?(?:了)?的"
                       r"|(?:我的?|俺的?)?(?:个人|医保|社保)?(?:账户|个账|卡)(?:里|上)?(?:的|面的)?(?:余额|钱)|余额"
                       # 一百五是我账户里剩的: what the account holds, said after the figure
                       r"|(?:我的?|俺的?)?(?:个人|医保|社保)?(?:账户|个账|卡)(?:里|上)(?:面)?(?:还)?(?:剩|剩下|剩余)的"
                       r"|(?:我)?自己(?:掏|付|出)的现金|统筹(?:基金)?支付(?:那一?栏|那一?项)?|统筹(?:报|付)的"
                       # 600是单子上统筹给的 / 420是医院报的: the slip's fund figure, said after it
                       r"|(?:单子上|结算单上|发票上)?(?:医院)?(?:医保)?(?:统筹|医保|医院)(?:基金)?(?:给|报|支付|付|给报|报销)(?:了)?的"
                       # 200是这次单子上写的报销: the slip's reimbursement line, named after the figure
                       r"|(?:这次)?(?:单子|结算单|发票|小票)上(?:写的|印的)?(?:统筹)?(?:报销|报的|支付)(?:的)?(?:钱|数)?"
                       # 120是总共花的，72是报的: what was reimbursed of this bill
                       r"|(?:给)?报(?:销)?(?:了)?的(?=$|[,，。;；!！?？])"
                       r"|(?:yuan )?(?:left |remaining )?in (?:my|the|his|her) (?:personal )?(?:medical )?account"
                       r"|self[- ]paid|self[- ]pay|class[- ]b drugs?|class[- ]b|consultation"
                       # 600 in-scope + 80 self-pay: the in-scope part, named after its figure
                       r"|in[- ]scope|within scope"
                       # 250 yuan of herbal medicine: the Chinese-medicine part (a referral pays only it)
                       r"|herbal medicines?|herbs|chinese medicines?|tcm(?! hospital)"
                       r"|class[- ]a (?:drugs?|medicines?|items?)|class[- ]a"
                       # (slip shows … a 2,500 annual cap: the rule's figure read off a slip, named after it)
                       r"|annual cap|yearly cap"
                       # 1,200 is the total including them: the bill, named after its figure
                       r"|the total(?: bill| amount)?(?= |$|[,，.;；])|the whole bill)")
#: 有个CT / 做了个核磁 / B超: an examination named right before its figure
_CHECK_BEFORE = rx.compile(r"(?:ct|mri|核磁(?:共振)?|磁共振|b超|彩超|x光|拍片|胃镜|肠镜|检查|化验|耗材|材料|治疗)(?:费)?(?:是|花了|要)?$")
_UNREIMBURSED_AFTER = rx.compile(r"[,，]?(?!今年|本年|年内)[^,，。;；!！?？]{0,2}?(?:一分(?:钱)?(?:都)?没报|都没(?:有)?报|没(?:有)?报(?:销)?|未报(?:销)?|没走(?:统筹|医保)|没给报|自己(?:全)?(?:出|付|掏)的)")
_HOSPITAL_NAME_AFTER = ("医院", "医科", "医大", "医附", "医学")
_PERSON_BEFORE = rx.compile(r"(?:退休|在职|职工|老人|老爷子|老太太|居民|灵活就业|男|女)[,，。 ]?$")
#: 之前看过两次都没报，一次60一次40: the earlier unreimbursed visits listed one by one after the words
_UNREIMBURSED_LIST_BEFORE = rx.compile(r"(?:两|二|2|三|3|几)(?:次|回)[^,，。;；]{0,4}?(?:都|也)?没(?:有)?(?:给)?报(?:销)?(?:过)?"
                                       r"[,，:：]?[^,，。;；]{0,12}?(?:一次|一回|另一次|第[一二三]次)(?:花了|是)?$")
#: words of an earlier visit (之前, 上次, 上个月, 3月份…): what was paid then is an earlier bill's
_EARLIER_BEFORE = rx.compile(r"之前|以前|此前|上次|上回|那次|前几天|前阵子|上个月|上月|上周|去年|月份|[0-9一二三四五六七八九十]{1,2}月|看过|去过")
_HAVE_ONLY = rx.compile(r"(?:里头|里面|里边)?(?:其实|应该)?(?:还|大概)?(?:有|剩|剩下|还剩|是)")
_ACCOUNT_CLAUSE_BEFORE = rx.compile(r"(?:账户|个账|卡里|卡上|余额)[^。;；]{0,14}?[?？,，。]\s*(?:里头|里面|里边)?(?:其实|应该)?(?:还|大概)?(?:有|剩|剩下|还剩|是)$")
#: roles a money word gave (统筹给了我五十几块: the fund's figure, never an age however small)
_MONEY_ROLES = frozenset({"fund_paid", "slip_fund", "slip_personal", "slip_cash", "slip_account", "account_balance"})
_INSIDE_BEFORE = rx.compile(r"(?:其中|里面|里头|这里面)(?:有|是)?$")
_DEDUCTED_AFTER = rx.compile(r"(?:元|块)?(?:今年)?(?:已经|已|都|早就|早)?(?:扣|用|交|付|走)(?:了|完|过|满)")
_CHECKUP_NEAR = rx.compile(r"体检|健康检查|查体")
_CHANGE_AFTER = rx.compile(r"(?:块|元)?(?:钱)?[,，]?(?:他们|收费员|医院)?(?:找|退)(?:了|回|给)?")
_RECEIPTS_AFTER = rx.compile(r"(?:元|块)?(?:钱)?的(?:票|发票|单子|票据|收据)")
_LAST_YEARS_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:那|这)?(?:个|笔)?(?:是|都是|算|属于)(?:在)?(?:去年|上一年|前年)")
_SERVICE_BEFORE = rx.compile(r"(?:检查|化验|治疗|耗材|材料|诊疗|项目)费?(?:是|为|的|里|中)?[(（]?(?:乙类|乙)(?:的)?[)）]?(?:是|为|:)?$")
_DEDUCTIBLE_AFTER = rx.compile(r"(?:元|块)?(?:的)?起付")
#: 200是今年已经扣过的起付线: the deductible used, named after the figure
#: 今年第一次 1200 自付 (a bare label after the figure, ending its clause): what the person paid
_PAID_BY_ME_AFTER = rx.compile(r"(?:元|块)?(?:钱)?[,，\s]*(?:自付|自己付的|自己付|个人付的|个人自付|自掏|自己掏的)(?:的)?(?=$|[,，。;；!！?？])")
_LEFT_ASIDE_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:的|那笔|那次)?(?:不用管|不用算|别管|不要管|不要算|不算在内|不用理|不管它|先不管|不用考虑"
                               # 300是别人的: someone else's figure
                               r"|是别人的|是别人家的|不是我的|不是我们的|是(?:我)?(?:老伴|爱人|老公|老婆|家里人|别人|孩子)的)")
#: 两千是今年门诊统筹给我报的钱: the year's fund figure, named after it with a word of the year
_YEAR_FUND_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:是|为|算)(?:今年(?:之前|以前)?|之前|以前|前面)(?:已经|已)?(?:门诊)?(?:统筹|医保|基金)(?:基金)?(?:已经|已)?"
                              r"(?:给我|给|帮我)?(?:报|报销|支付|付)(?:了|过)?的")
_OF_THE_DEDUCTIBLE_AFTER = rx.compile(r"(?:元|块)?(?:钱)?的起付(?:线|标准)?")
_USED_DEDUCTIBLE_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:是|为|算)(?:今年)?(?:之前|前面|以前)?(?:看病|看门诊|门诊|就医)?(?:时|的时候)?"
                                    r"(?:已经|已)?(?:扣|用|交|付|自付)(?:过|了|掉)(?:的)?"
                                    r"(?:起付线|起付标准|起付)"
                                    # 320 of the deductible already used this year (English)
                                    r"|(?: ?yuan)? of (?:the|my|his|her) deductible (?:(?:is|was|has been|have been) )?(?:already )?"
                                    r"(?:used|spent|met|deducted|gone|paid)")
#: 报销多少 / 能报多少 right before a figure: the question, then the bill
_SHARE_ASKED_BEFORE = rx.compile(r"(?:能|可以|可)?报(?:销)?(?:多少|几多|好多)(?:钱)?[,，\s]*$")
#: 还有 / 另外 opening the clause of a cost: one more part of the bill
_ALSO_BEFORE = rx.compile(r"^(?:还有|另外|另外还有|再加上|加上|以及)")
_COST_WORD_CUE = rx.compile(r"费用|费|药钱|医药费")
_PART_ROLES = frozenset({"self_pay", "class_b_drug", "class_b_service", "dual_channel", "tcm", "consultation", "prenatal"})
#: (the first one) used 100 of his deductible: what went toward it, in English
_USED_BEFORE_EN = rx.compile(r"(?:used|took|ate|counted|went)(?: up)? ?$")
#: I've already paid 300 toward the deductible: paid, read as the bill's cue until the deductible is named after
_PAID_BEFORE_EN = rx.compile(r"\bpaid ?$")
_OF_DEDUCTIBLE_EN = rx.compile(r"(?: ?yuan| ?rmb)? (?:of|toward|towards|to) (?:the|my|his|her|their) deductible")
_ASKED_AFTER = rx.compile(r"(?:里|里面|里头)?(?:了)?(?:吗|么|没有?|不)")
_THIS_BEFORE = rx.compile(r"(?:这|那)(?:个|笔)?$")
_COUNTED_TO_DEDUCTIBLE_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:已经|都|已)?(?:算进|算到|计入|算入|攒进|扣进)(?:了)?(?:今年的?)?(?:起付线|起付标准|起付)")
#: 花了两千起付线扣没扣完: the bill, then a new clause about the deductible (no punctuation between)
_SPENDING_END = rx.compile(r"(?:花了|花费|开药|拿药|买药|看病|打针|输液|检查|化验|交了|付了|刷了)$")
_PLACE_END = rx.compile(r"(?:[一二三123]级|三甲|二甲|三乙|二乙|医院|诊所|卫生院|社区|药店|药房)$")
_DEDUCTIBLE_MET_AFTER = rx.compile(r"(?:元|块)?起付(?:线|标准)?(?:今年)?(?:已经|已|早就|早|也|都)?(?:满|过了|扣完|扣满|用完)")
_DEDUCTIBLE_TOPIC_AFTER = rx.compile(r"(?:元|块)?起付(?:线|标准)?(?:今年|之前|以前|前面)?(?:扣|用|过|还|没|有|是|到|早|已|都|也)")
_RULE_FIGURE_ASKED_BEFORE = rx.compile(r"(?:起付线|起付标准|限额|封顶线?)(?:是|有)?(?:多少|几多|好多)(?:来着|啊|呀)?$")
_FUND_CLAIMED_BEFORE = rx.compile(r"(?:统筹|医保|基金)[^,，。]{0,8}?(?:报过|报了|报销过|报销了|给了|付了|支付了)[^,，。0-9]{0,6}$")
_PRECISE_BEFORE = rx.compile(r"(?:具体|准确|确切|精确|实际|其实|单子上写(?:的|着)?|单子上(?:是|印着)|单子(?:是|写的|写着)|票据上是|发票上是)(?:地说|来说|点说|点|的|说)?(?:是|为|数|数字是)?$"
                             # 一千九百多……不对，我查了下是1,920: the rough figure looked up
                             r"|(?:查了(?:一)?下|查过了|查到了|看了(?:一)?下单子|翻了(?:一)?下单子|问了(?:一)?下)(?:是|应该是|准确是|一共是)?$"
                             r"|(?:查的|查到的|查出来的?|查了)(?:是|为)$")
_NUMERAL_AHEAD = rx.compile(rf"[^,，。;；!！?？]{{0,4}}?[0-9¥{_CN_DIGITS}十]")


def _looks_like_money(num: str, value: Decimal) -> bool:
    """A unit-less number that can hardly be anything but money: 一千二, 1.2万, 1200."""
    if any(u in num for u in "百千万k"):
        return True
    return num[0].isdigit() and value >= 10 and bool(_ARABIC.fullmatch(num) or _GROUPED.fullmatch(num))


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(_FEN, rounding=ROUND_HALF_UP)


def _clause_before(text: str, start: int, width: int = 24) -> str:
    if start and text[start - 1].isascii():
        width = 40  # English words are long: "the hospital's fund payment was 220"
    lo = max(0, start - width)
    prefix = text[lo:start]
    for i in range(len(prefix) - 1, -1, -1):
        if prefix[i] in _BOUNDARY:
            return prefix[i + 1 :]
    return prefix


_SELF_PAY_NAMED = rx.compile(r"自费(?:的)?[\u4e00-\u9fff]{0,6}$")
_MET_JUST_BEFORE = rx.compile(r"(?:扣|用|交|付|过)(?:完|满|够|光)(?:了|啦)$")
#: (自费的)不在(1000)里 / 包括在(1000)内: the figure a part is said to be inside or outside of — the bill
#: named again, never the part the cue before it names
_CONTAINER = r"(?:(?:不|没有?)(?:算|包括|包含|含)?|算|包括|包含|含)在"
_CONTAINER_BEFORE = rx.compile(_CONTAINER + "$")
_CONTAINER_NEXT = rx.compile("(?:的)?" + _CONTAINER)
_CONTAINER_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:里面|里头|里|内|之内|当中|中)")
_SPENT_ONLY = frozenset({"花了", "花", "共花了", "一共花了", "花费", "花掉"})
_ITEM_ACTION = rx.compile(r"(?:开|做|拿|买|抓|配)(?:了|的)")
#: a clause that opens by naming the visit's one item (prenatal check at …, 产检在…)
_ITEM_OPENS = rx.compile(r"(?:prenatal|antenatal|pregnancy) (?:check|exam|visit|care)|(?:产前检查|产检|孕检)(?:在|是在|去)")
_LABEL_ROLES = ("self_pay", "class_b_drug", "class_b_service", "consultation", "tcm", "dual_channel", "prenatal",
                "rest", "stated_deductible", "stated_cap")


def _label_beside(masked: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The item a bare label names when it stands alone next to a number (乙类药 500 / 500 乙类药):
    spaces become clause breaks in normalising, but a clause that is only an item word labels the
    number beside it."""
    if start > 0 and masked[start - 1] in _BOUNDARY:
        lo = start - 1
        while lo > 0 and masked[lo - 1] not in _BOUNDARY:
            lo -= 1
        label = masked[lo:start - 1].strip()
        last = next(reversed(list(_PRE_CUE_RE.finditer(label))), None)
        # the clause before ends with an item word and holds no number of its own (里面有乙类药品 400)
        if label in ("医保", "统筹", "基金", "统筹基金", "统筹支付", "医保支付"):
            return "slip_unknown", label  # 结算单上写着 统筹 325: a fund figure, this bill's or the year's? asked
        if last is not None and last.end() == len(label) \
                and _PRE_CUE_ROLE[last.lastgroup or ""] not in ("total", "other", "age") \
                and not (_PRE_CUE_ROLE[last.lastgroup or ""].startswith("deductible") and re.search(r"[扣过满完](?:了|啦)?$", label)) \
                and not (_PRE_CUE_ROLE[last.lastgroup or ""] == "account_balance"
                         and not re.search(r"余额|有|剩|还|账户|个账", last.group(0))) \
                and last.group(0) not in ("医保", "统筹", "基金", "统筹基金") \
                and not re.search(rf"[0-9]|[{_CN_DIGITS}十][十百千万元块]", label):
            return _PRE_CUE_ROLE[last.lastgroup or ""], last.group(0)
    if end < len(masked) and masked[end] in _BOUNDARY:
        hi = end + 1
        while hi < len(masked) and masked[hi] not in _BOUNDARY:
            hi += 1
        label = masked[end + 1:hi].strip()
        m = _PRE_CUE_RE.fullmatch(label) if label else None
        if m and _PRE_CUE_ROLE[m.lastgroup or ""] in _LABEL_ROLES[:-2] and not (
                hi < len(masked) and _TOKEN.match(masked, hi + 1)):
            return _PRE_CUE_ROLE[m.lastgroup or ""], label
    return None, None


#: 起付线同样800 / 限额也是3500: the rule's figure, said again the same
_SAME_FIGURE = rx.compile(r"(?:同样|也是|还是|仍然|仍是|依旧|照样|一样|也)(?:是|为|按)?"
                          # 起付线要按退休标准150 (重新扣吗): the rule's figure for a category, named by it
                          r"|(?:要|得|是|就)?(?:按|按照)(?:退休|在职|职工|居民|灵活就业)(?:人员)?(?:的)?(?:标准|的)(?:是|为)?")
_NOTE_AT_END = rx.compile(r"[(（](?![^()（）]*(?:乙|甲|自费|统筹|个人|现金|账户))[^()（）]{1,8}[)）]$")


@lru_cache(maxsize=1024)  # a pure function of the clause before an amount (花了, 一共…: they repeat)
def role_of_word(word: str) -> str | None:
    """The role a money word gives the figure after it (乙类耗材 → class_b_service, 甲类 → rest), if any:
    the one vocabulary of the bill's parts, for words said without a figure."""
    return _role_before(word)[0]


def _role_before(prefix: str) -> tuple[str | None, str | None]:
    prefix = _NOTE_AT_END.sub("", prefix)  # 甲类中医诊疗项目（针灸）八十: the note in brackets is not between
    last = None
    for m in _PRE_CUE_RE.finditer(prefix):
        last = m
    if last is None:
        return None, None
    # Only a cue close to the amount counts (a few characters may sit between: 花了大约, 还有) — or,
    # for a part of the bill, the thing it is (其中自费的补牙材料200)
    gap = len(prefix) - last.end()
    if gap > 3 and _FILLER_ONLY.fullmatch(prefix, last.end()):
        gap = 0  # 余额现在还有300 / 账户余额目前是300: only words of time and being between
    elif gap > 3 and _PRE_CUE_ROLE[last.lastgroup or ""] in ("stated_deductible", "stated_cap") \
            and _SAME_FIGURE.fullmatch(prefix, last.end()):
        gap = 0  # 起付线要按退休标准150: the rule's figure, named by the category it is of
    if gap > 3 and not (gap <= 6 and _PRE_CUE_ROLE[last.lastgroup or ""] in ("self_pay", "class_b_drug", "class_b_service")
                        and re.fullmatch(r"[\u4e00-\u9fff]+", prefix[last.end():])
                        and not re.search(r"花|共|总|报|付|交|账户|统筹|栏|写|单|印|显示|是", prefix[last.end():])):
        return None, None
    role = _PRE_CUE_ROLE[last.lastgroup or ""]
    if role in ("stated_deductible", "stated_cap") and len(prefix) - last.end() > (
            0 if last.group(0).startswith(("deductible", "cap", "annual")) else 1) \
            and not _SAME_FIGURE.fullmatch(prefix, last.end()):
        return None, None  # 起付线过了 1万 / past the deductible. 400: the figure is the bill, not the deductible
    return _PRE_CUE_ROLE[last.lastgroup or ""], last.group(0)


_USED_OF_IT_BETWEEN = rx.compile(r"(?:元|块)?[,，]?(?:今年)?(?:已经|已|都|早就)?(?:用掉|用了|扣了|扣掉|扣除|抵了|交了|付了)(?:了)?")
_PRIOR_SPENT_BEFORE = rx.compile(r"(?:今年之前|今年前面|今年以前|今年此前|本年度此前|本年度已|本年已|年内已|今年已经?|此前|之前"
                                 r"|前两次|前几次|前面几次|前面两次|前两回|前几回|之前几次|之前两次)(?:已经?)?(?:在[^,，。;；]{1,10}?)?"
                                 r"(?:门诊|看病|就诊)?[^,，。;；0-9]{0,8}?(?:累计|合计|共计|花了|花的|花过|花费(?:了)?|发生(?:了)?|刷过|刷了|加起来)"
                                 # (本年度此前已发生政策范围内门诊费用350元: the slip-like wording)
                                 r"(?:的)?(?:政策范围内|政策内)?(?:门诊)?(?:政策范围内|政策内)?(?:医疗)?(?:费用)?(?:共计|合计|累计|已累计|为|是)?$")
#: 今年看过一次 上次花了150: the one earlier visit of this year, and what it cost (上次花了200 alone does not
#: say it was this year's, nor that it was the only one: the year's position is asked)
_LAST_TIME_SPENT = rx.compile(r"(?:上次|上一次|上回|前一次|那次|那回|那一次)(?:在[^,，。;；]{1,10}?)?(?:门诊|看病|就诊)?(?:花了|花过|花的|花费(?:了)?)$")
_CLAIMED_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:的)?[,，]?(?:已经|早就|都)?(?:报过|报了|报销过|报销了|结算过|结过)")
_THIS_TIME_END = rx.compile(r"(?:这次|本次|这回|今天)(?:花了|花的|花)?$")
_ONE_EARLIER_THIS_YEAR = rx.compile(r"今年(?:之前|以前|前面)?(?:已经|只|就|才)?(?:看过|去过|看了)(?:一次|一回)")
#: 今年之前在药店刷过一次医保，花了80 / 今年看过一次门诊花了150: the one earlier visit this year, and its cost
#: (限额1800)已经报满了: the year's cap used up
_CAP_USED_UP_AFTER = rx.compile(r"(?:元|块)?(?:钱)?(?:已经|早就|早都|都|也)?(?:报满|用完|用满|到顶|封顶|满了|报完)"
                                # (限额1000用完了吗我也不知道: asked, not said)
                                r"(?!了?(?:吗|没|么|不|[?？]))")
#: (五十)的单子 / 块钱的发票: the figure of a slip named after it
_OF_A_SLIP_AFTER = rx.compile(r"(?:块|元)?(?:钱)?的(?:单子|发票|票据|票|收据|小票|结算单)")
#: 换成 / 改成 …: a part's kind changed (the dialogue's word for it too)
KIND_SWAP_VERBS = r"换成|改成|变成|算成|算作|改为|换为"
#: (五百)乙类药换成自费的 / 是自费改成乙类 / 那二百要是乙类药呢: a part's kind changed (or supposed), the new one last
_KIND_SWAPPED_AFTER = rx.compile(rf"(?:块|元)?(?:的)?(?:乙类药|乙类|自费|甲类)?(?:的)?(?:药)?(?:{KIND_SWAP_VERBS}|要是|如果是|假如是|假设是|若是)(?:了)?"
                                 r"(?P<w>自费|乙类药|乙类检查|乙类|甲类)")
_SWAPPED_ROLE = {"自费": "self_pay", "乙类药": "class_b_drug", "乙类": "class_b_drug", "乙类检查": "class_b_service",
                 "甲类": "rest"}
#: 一次三百 一次两百: each visit of a list, its figure (the words before each, and between two)
_EACH_VISIT = r"(?:一|另一|头一|第[一二三四五])(?:次|回|趟)(?:花了|是)?[,，\s]?"
_EACH_VISIT_BEFORE = rx.compile(_EACH_VISIT + "$")
_EACH_VISIT_GAP = rx.compile(r"(?:元|块)?(?:钱)?[,，\s]*" + _EACH_VISIT)
_ONCE_SPENT_BEFORE = rx.compile(r"(?:今年(?:之前|以前|前面)?|(?:今年)?(?:年初|开年|年头|上半年))(?:已经|只|就)?[^。;；,，月号日0-9一二三四五六七八九十]{0,8}?(?:看|去|刷|用|买|拿)过一(?:次|回|趟)"
                                r"(?:医保|门诊|药)?[,，]?(?:那次)?(?:买药|拿药|开药|看病|买了药)?(?:花了|花过|花费了?)$")
_PRIOR_SPENT_THIS_YEAR = rx.compile(r"今年(?:的)?(?:门诊|看病|看门诊)?(?:已经?|都|一共|总共|累计|前前后后){1,2}(?:花过|花了)(?:有)?$"
                                    r"|今年(?:的)?(?:门诊|看病|看门诊)?花过(?:了)?(?:有)?$")
_PRIOR_SPENT_WINDOW = rx.compile(r"(?:本年度已|今年已经?|年内已|本年已)[^。;；]{0,20}?[,，](?:合计|累计|共计)(?:门诊)?(?:政策内)?(?:费用)?$")
_YEAR_WORD_BEFORE = rx.compile(r"(?:\bin|since|during|year|\bfor|\bof|\bfrom|\buntil|\bby)\s?$")
_FILLER_ONLY = rx.compile(r"额?(?:现在|目前|眼下|当前|当时|那时候?|那会儿?|其实|实际上|实际|真的|确实|还|只|就|剩下|剩|有|是|为|了|的|都|也"
                          r"|那一?栏|一栏|栏|那一?项|我这里|我这|上面|写的是|写着|印着|显示|原来|本来|原先"
                          # 余额我看了下只有 150: the person looked — the figure is still the balance
                          r"|我?(?:看|查|问)(?:了)?(?:一)?下|我?(?:看|查)过了?|[ \u3000])+")

#: telephone numbers (0817-2223344, 13812345678): never money
#: 总金额 1?00.00: a figure with a digit that cannot be read (masked: never read as money)
ILLEGIBLE_FIGURE = rx.compile(r"(?<![\d.])\d[\d,.]*[?？□■]+\d(?:[\d,.?？□■]*[\d?？□■])?")
#: 检查费 这个字看不清楚 / 药费那行模糊了: a line of the slip whose figure cannot be read — the bill is not
#: known from the lines that can (never the others summed as if it were)
ILLEGIBLE_LINE = rx.compile(r"[\u4e00-\u9fff]{0,3}?(?:费|药|检查|化验|治疗|诊察|挂号|材料|耗材)(?:那一?行|那一?项|那里|后面)?(?:的)?[,，\s]?(?:这个|那个)?(?:字|数|数字|钱数)?"
                            r"(?:我)?(?:看不清楚?|看不太清|看不大清|模糊了?|认不出(?:来)?|看不出(?:来)?|糊了|被涂了)")
_PHONE = rx.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|0\d{2,3}-(?:12393|12345|12333|12320)|1[3-9]\d{9}|\d{3,4}-\d{3,4}-\d{4})(?!\d)"
                    # 12393转述 / 打12345问的: the insurance and citizens' hotlines, never money
                    r"|(?<![\d.])(?:12393|12345|12333|12320)(?![\d.元块])"
                    # 我电话是139xxxx6721: a telephone number written with its middle hidden
                    r"|(?<!\d)1[3-9]\d[x*×]{4}\d{4}(?!\d)|(?<!\d)\d{3,4}[x*×]{3,4}\d{3,4}(?!\d)"
                    # 医保卡号51130219xxxx: a card or ID number with its end hidden
                    r"|(?<!\d)\d{4,}[x*×]{2,}\d*(?!\d)"
                    # 工单 2026-1125-88 / 工单20261125-017: a ticket's number, never money
                    r"|(?<!\d)(?<!\d\.)(?:\d{2,}(?:-\d{2,}){2,}|\d{6,}-\d{2,})(?![\d.])"
                    # 今天（11月25）: the day of the month, said without 日 or 号
                    r"|(?<=\d月)(?:[12]\d|3[01]|0?[1-9])(?=[)）])"
                    # 总金额 1?00.00: a figure with a digit that cannot be read — never money the chat reads
                    # (so never 1 taken for the bill): the bill is asked
                    r"|" + ILLEGIBLE_FIGURE.pattern)


_READING = rx.compile(r"(?:血压|高压|低压|blood pressure|bp)[^,，。\d]{0,4}(?P<r>\d{2,3}/\d{2,3})")


def _mask_dates(text: str) -> str:
    dates = find_dates(text)
    phones = list(_PHONE.finditer(text))
    # 我血压150/95: a reading of a measure, not money (masked like a date or a phone number)
    readings = list(_READING.finditer(text)) if "/" in text else []
    if not dates and not phones and not readings:
        return text
    chars = list(text)
    for lo, hi in [(d.start, d.end) for d in dates] + [m.span() for m in phones] + [m.span("r") for m in readings]:
        for i in range(lo, hi):
            chars[i] = _MASK
    return "".join(chars)


def _scan(text: str, masked: str) -> list[Amount]:
    out: list[Amount] = []
    pos = 0
    n = len(masked)
    while True:
        m = _TOKEN.search(masked, pos)
        if m is None:
            break
        start = m.start()
        num = m.group("num")
        num_start = m.start("num")
        # Trailing separators belong to the sentence, not to the number.
        num = num.rstrip(",.")
        end = num_start + len(num)
        if "," in num and not _GROUPED.fullmatch(num):
            num = num.split(",", 1)[0]
            end = num_start + len(num)
        pos = max(end, start + 1)
        value = parse_number(num)
        if value is None and (r := _RANGE_SAID.fullmatch(num)) is not None and any(u in num for u in "十百千万") \
                and _DIGIT_VALUE[r.group("second")] == _DIGIT_VALUE[num[r.start("second") - 1]] + 1:
            # 七八百 / 一两千 / 一千二三: two neighbouring digits, a span — its lower end, marked approximate
            # below (asked, never a fact)
            value = parse_number(num[:r.start("second")] + num[r.end("second"):])
        if value is None or value >= _TOO_LARGE:
            continue
        has_cur = bool(m.group("cur"))
        has_unit = False
        jiao = fen = 0
        y = _YUAN.match(masked, end)
        if y:
            has_unit = True
            end = y.end()
            if num == "一" and _TOGETHER_AFTER.match(masked, end):  # 一块去: together, not ¥1
                continue
            a = _AFTER_YUAN.match(masked, end)
            if a:
                if a.group("f0"):
                    fen = _DIGIT_VALUE[a.group("f0")]
                elif a.group("j"):
                    jiao = _DIGIT_VALUE[a.group("j")]
                    fen = _DIGIT_VALUE[a.group("f")] if a.group("f") else 0
                else:
                    jiao = _DIGIT_VALUE[a.group("jb")]
                end = a.end()
                q = _TRAILING_QIAN.match(masked, end)
                if q:
                    end = q.end()
        elif len(num) == 1 and num in _DIGIT_VALUE:
            j = _JIAO_ONLY.match(masked, end)
            if j:
                has_unit = True
                jiao, value = int(value), Decimal(0)
                fen = _DIGIT_VALUE[j.group("f")] if j.group("f") else 0
                end = j.end()
                q = _TRAILING_QIAN.match(masked, end)
                if q:
                    end = q.end()
        pos = max(pos, end)
        if not (has_unit or has_cur):
            # (first of the filters below, all of which only drop a token: the cheapest, and the one
            # that drops 三级, 第一次, 两盒 — most numerals of a message that are not money)
            after = _NOT_MONEY_AFTER.match(masked, end)
            if after and not (after.group(0) == "医" and len(num) > 1 and masked[end:end + 2] not in _HOSPITAL_NAME_AFTER):
                continue  # 二医院, 301医院 are hospitals' names; 二千医保给多少, 1200医保给多少 are money
        prefix = _clause_before(masked, start)
        if value in _BANKNOTES and _NOTES_BEFORE.search(prefix):
            continue  # 给了五张一百的: a banknote's face value, not the sum paid (the sum is asked)
        said_before: tuple[str | None, str | None] | None = None  # the cue before it, read once
        if prefix.endswith("分之"):
            continue  # 单子上二级写的是百分之五十五: a ratio, whatever cue came before it — never a figure
        if _NOT_MONEY_BEFORE.search(prefix) and not _EN_CUE_END.search(prefix) \
                and not (prefix[-1:] in "周期拜" and (len(num) > 1 or has_unit or has_cur)
                         and _WEEK_END.search(prefix)) \
                and (said_before := _role_before(prefix))[0] is None \
                and not ((has_unit or has_cur) and prefix[-1:].isalpha() and prefix[-1:].isascii()) \
                and not (_POST_CUE.match(masked, end) and re.search(r"(?:including|and|with|plus|which)$", prefix)):
            continue
        if not (has_unit or has_cur) and 1990 <= value <= 2035 and "." not in num and _YEAR_WORD_BEFORE.search(prefix):
            continue  # my first bill in 2026: a year, not money
        if not (has_unit or has_cur) and len(num) == 2 and num.isdigit() and _GENERATION_AFTER.match(masked, end):
            continue  # 95后 / 80后: a generation, not money
        role, cue = said_before if said_before is not None else _role_before(prefix)
        if role in ("class_b_service", "class_b_drug") and _SELF_PAY_NAMED.search(prefix) and "乙类" not in prefix:
            role, cue = "self_pay", "自费"  # 自费的进口耗材500: the supplies named as self-pay, not class B
        if role in _PART_ROLES and _CONTAINER_BEFORE.search(prefix) and _CONTAINER_AFTER.match(masked, end):
            role, cue = None, None  # 另外50块是自费的不在1000里: the 1000 is the bill said again
        if role is not None and role.startswith("deductible") and _MET_JUST_BEFORE.search(prefix):
            role, cue = None, None  # 起付线扣完了 八十八块: the deductible met, then the bill (not 88 of it used)
        if role == "total" and prefix in _SPENT_ONLY and start - len(prefix) >= 2 \
                and masked[start - len(prefix) - 1] in _BOUNDARY:
            # 一级医院开了双通道谈判药，花了2000 / 做了产前检查 花了400: the visit's one item, named in the
            # clause before a bare “spent”, is what the money went on (as without the comma)
            before = _clause_before(masked, start - len(prefix) - 1)
            if _ITEM_ACTION.search(before) and not re.search(r"[0-9]", before):
                item_role, item_cue = _role_before(before + prefix)
                if item_role in ("prenatal", "dual_channel", "tcm"):
                    role, cue = item_role, item_cue
        if role is None and not prefix.strip() and start >= 2 and masked[start - 1] in _BOUNDARY:
            # Prenatal check at a level-3 grade-A hospital, 800 yuan: the clause before names the visit's one
            # item (and where it was), the figure follows on its own — the item's
            before = masked[max(masked.rfind(c, 0, start - 1) for c in _BOUNDARY) + 1:start - 1]
            if _ITEM_OPENS.match(before.strip()) and not re.search(r"(?<!level)[0-9]", before):
                item_role, item_cue = _role_before(before)
                if item_role in ("prenatal", "dual_channel"):
                    role, cue = item_role, item_cue
        if role is None and not prefix.strip():
            role, cue = _label_beside(masked, start, end)
        if not (has_unit or has_cur) and value <= 110 and "." not in num and role is None and not prefix.strip() \
                and _PERSON_BEFORE.search(masked, 0, start):
            role, cue = "slip_unknown", None  # 南充 退休 68: an age or a small bill? asked, never guessed
        if not (has_unit or has_cur) and value <= 110 and "." not in num and role not in _MONEY_ROLES \
                and not _LEFT_OF_MONEY_BEFORE.search(prefix) and (
                _AGE_BEFORE.search(prefix)
                # (南昌退休 68了: 了 right after a small bare number beside a person's words — an age)
                or (_AGE_AFTER.match(masked, end) and (role is None or (role == "slip_unknown" and cue is None and not prefix.strip()
                                                                        and _AGE_END.match(masked, end))))
                or (not prefix and _AGE_BEFORE.search(_clause_before(masked, max(0, start - 1))))):
            role, cue = "age", None  # 我68, 男，72: an age, placed and not money
        post = _POST_CUE.match(masked, end)
        if post and masked.startswith(("还是", "或是", "或者"), post.end()):
            post = None  # 开的药300 是中成药还是西药我看不懂: one kind or the other — neither said
        if post and post.group("w") in ("起付线", "起付标准") and re.search(r"(?:扣|用|交|付|花|攒|垫)(?:了|掉|过)$", prefix):
            post = None  # 扣了200起付线: the deductible used, not a figure of the rule
        elif post and post.group("w") in ("起付线", "起付标准") and (
                (_DEDUCTIBLE_TOPIC_AFTER.match(masked, end) and _SPENDING_END.search(prefix))
                or (_DEDUCTIBLE_MET_AFTER.match(masked, end) and _PLACE_END.search(prefix))):
            # 开药两百七起付线早没了 / 平凉在职二级1800起付线满: the bill, then a clause of its own about the deductible
            post = None
        if post and (not _NUMERAL_AHEAD.match(masked, post.end()) or _CONTAINER_NEXT.match(masked, post.end())
                     or (post.group(0).startswith(" ") and re.match(r" ?(?:and|,|plus)", masked[post.end():]))):
            word = post.group("w")
            word = {"self-pay": "自费", "self pay": "自费", "self-paid": "自费", "self paid": "自费",
                    "consultation": "诊察费", "the total": "总共", "the total bill": "总共", "the total amount": "总共",
                    "the whole bill": "总共"}.get(word, word)
            word = "中药" if word.startswith(("herbal", "herbs", "chinese med", "tcm")) else word
            word = ("政策范围内" if word.startswith(("class-a", "class a")) else "乙类") if word.startswith("class") else word
            word = "政策范围内" if word in ("in-scope", "in scope", "within scope") else word
            word = "账户付" if re.search(r"(?:账户|个账|卡)", word) and re.search(r"(?:扣|划|刷|支付|付)(?:掉)?(?:了)?的$", word) \
                else word
            # (300是我卡里的余额: the person's own account, its balance)
            word = "余额" if (word.endswith(("余额", "钱")) and (not word.startswith(("我", "自己"))
                                                               or re.match(r"(?:我|俺)的?(?:个人|医保|社保)?(?:账户|个账|卡)", word))) or word.endswith(
                "account") or re.search(r"(?:账户|个账|卡)(?:里|上)(?:面)?(?:还)?(?:剩|剩下|剩余)的$", word) else word
            word = "自付" if word.startswith(("我", "自己")) else "统筹" if word.startswith(("统筹", "报", "给报")) or (
                re.search(r"统筹|医保|医院", word) and word.endswith("的")) or re.search(r"(?:单子|结算单|发票|小票)上", word) else word
            role, cue = {"余额": "account_balance", "账户付": "slip_account", "自付": "slip_cash", "统筹": "slip_fund", "自费": "self_pay", "乙类": "class_b_drug",
                          "乙类检查": "class_b_service", "乙类的检查": "class_b_service", "乙类的化验": "class_b_service", "乙类耗材": "class_b_service", "乙类材料": "class_b_service",
                          "诊察费": "consultation", "中成药": "tcm", "西药": "rest", "西药费": "rest",
                          "中药": "tcm", "双通道": "dual_channel", "产检": "prenatal", "产前检查": "prenatal", "孕检": "prenatal",
                          "限额": "other", "额度": "other",
                          "封顶线": "other", "起付线": "other", "起付标准": "other", "总共": "total", "总的": "total",
                          "总数": "total", "一共": "total", "合计": "total", "总费用": "total", "总额": "total",
                          "政策范围内": "rest", "医保范围内": "rest", "医保目录内": "rest", "政策内": "rest",
                          "目录内": "rest", "annual cap": "stated_cap", "yearly cap": "stated_cap"}[word], post.group(0)
            if role == "class_b_drug" and _CHECK_BEFORE.search(prefix):
                role = "class_b_service"  # 里面有个CT 420是乙类的: a class-B examination, not a drug
        if role is None and (year_fund := _YEAR_FUND_AFTER.match(masked, end)) is not None:
            # 两千是今年门诊统筹给我报的钱: the year's fund figure, named after it — the cue keeps its word
            # of the year (300是今年统筹已经报了的 is never this bill's share, asked about)
            role, cue = "fund_paid", ("今年" if "今年" in year_fund.group(0) else "之前") + "统筹报的"
        elif role is None and _PAID_BY_ME_AFTER.match(masked, end):
            role, cue = "slip_unknown", "自付"  # 1200 自付: what the person paid, or the bill? asked, never the bill
        elif role in (None, "other") and (of_slip := _OF_A_SLIP_AFTER.match(masked, end)) is not None:
            # 另外还有张五十的单子: another slip's figure — what it is (another visit, a part) is asked
            role, cue = "slip_unknown", of_slip.group(0)
        elif _LEFT_ASIDE_AFTER.match(masked, end):
            role, cue = "other", "不用管"  # 我上周花了300不用管: a figure the person sets aside — placed, not a bill
        elif _OF_THE_DEDUCTIBLE_AFTER.match(masked, end) and re.search(r"(?:付|交|扣|花|垫)(?:过|了|掉)$", prefix):
            role, cue = "deductible_used", prefix[-4:]  # 已经自己付过300的起付线了: the deductible used
        elif role is None and (used_after := _USED_DEDUCTIBLE_AFTER.match(masked, end)) is not None:
            role, cue = "deductible_used", used_after.group(0)
        elif ((role is None and _USED_BEFORE_EN.search(prefix)) or (role == "total" and _PAID_BEFORE_EN.search(prefix))) \
                and (of_it := _OF_DEDUCTIBLE_EN.match(masked, end)):
            # the first one used 100 of his deductible / I've already paid 300 toward the deductible
            role, cue = "deductible_used", of_it.group(0)
        if not (has_unit or has_cur):
            if role is not None:
                if len(num) == 1 and not num.isdigit():
                    continue  # 一, 两 after a money word (花了一次, 还有两个) are not amounts
            elif not _looks_like_money(num, value):
                # No unit, no money word: a number standing alone in its clause (…，五十)
                # may still be money; anything else small is not.
                alone = not prefix and (end == n or masked[end] in _BOUNDARY)
                # 300，5: a lone digit right after a lone amount is a second number (asked), not noise
                beside_bare = bool(out) and out[-1].role is None and masked[out[-1].end:start] in (",", "，")
                # 西药一百五，检查六十 / 挂号五十: a cost named right before it, the figure in Chinese numerals
                # (挂号5，还有自费的30: a small fee named, the figure ending its clause — money too)
                named_cost = (value >= 10 or end == n or masked[end] in _BOUNDARY) and (
                    _COST_WORD_END.search(prefix) is not None or _SLIP_PIECE_END.search(prefix) is not None)
                # 一百二、二百零五、六十: the last of figures listed with 、 after a figure
                listed = value >= 10 and bool(out) and out[-1].role is None and masked[out[-1].end:start] == "、" \
                    and (end == n or masked[end] in _BOUNDARY or masked[end] == "、")
                if not ((alone and (value >= 10 or beside_bare)) or named_cost or listed):
                    continue
        approximate = bool(
            _APPROX_AFTER.match(masked, end) or _APPROX_BEFORE.search(prefix) or _ADJACENT_DIGITS.search(num)
            # 700还是750来着: the second of two figures offered for one — neither is sure
            or (out and out[-1].approximate and _EITHER_BEFORE.search(prefix))
            # 花了五十还是六十记不住了: the first of two figures offered, which is not remembered
            or _EITHER_AFTER.match(masked, end)
        )
        if not approximate and out and out[-1].role in (None, "total") and role in (None, "total") \
                and ((_EITHER_BEFORE.search(prefix) and out[-1].end >= start - len(prefix) - 1)
                     # 花了 两百 三百 记不清: two bare figures side by side, then not remembered
                     or (out[-1].end == start - 1 and masked[start - 1] in ",，")) \
                and _NOT_REMEMBERED_AFTER.match(masked, end):
            # 花了五十还是六十记不住了: two figures offered for one, and not remembered which — both unsure
            approximate = True
            out[-1] = msgspec.structs.replace(out[-1], approximate=True)
        if approximate and out and not out[-1].approximate and out[-1].role in (None, "total") \
                and _EITHER_BEFORE.search(masked, out[-1].end - 1, start) and start - out[-1].end <= 8:
            # 花了1200，又好像是1300: the first figure, then another offered for it — neither is sure
            out[-1] = msgspec.structs.replace(out[-1], approximate=True)
        if approximate and _EITHER_BEFORE.search(prefix) and out and out[-1].approximate:
            # 想问120块报多少 是120还是1200我看不清: the figure said first, then put in doubt — unsure too
            out[:-1] = [msgspec.structs.replace(a, approximate=True) if a.value == out[-1].value and a.role in (None, "total")
                        and not a.approximate else a for a in out[:-1]]
        if role == "stated_cap" and cue and "最多" in cue:
            approximate = bool(_APPROX_AFTER.match(masked, end))  # 每年最多2000: the cap, not a hedge
        if role == "stated_cap" and _CAP_USED_UP_AFTER.match(masked, end):
            # 今年门诊统筹限额1800已经报满了: the cap said, and used up — what the fund has paid this year
            role, cue = "fund_paid", "报满"
        if (swap := _KIND_SWAPPED_AFTER.match(masked, end)) is not None:
            # 那如果那五百乙类药换成自费的呢: the figure's kind as supposed now, not the kind it was named by
            role, cue = _SWAPPED_ROLE[swap.group("w")], swap.group(0)
        if role == "class_b_drug" and cue and not cue.endswith(("药", "药品")) and _SERVICE_BEFORE.search(prefix):
            role = "class_b_service"  # 检查费乙类200: a class-B test or service, not a drug
        if role == "rest" and cue and _SUMMED_COSTS.search(cue) and not any(a.role is not None and a.role != "total" for a in out) \
                and _PARTS_FOLLOW.match(masked, end):
            role = "total"  # 检查加药一共2,468元，其中乙类检查600: with no part before it and its parts after, the bill
        if role == "total" and cue and _COST_WORD_CUE.search(cue) and _ALSO_BEFORE.search(prefix) \
                and any(a.role in _PART_ROLES for a in out) and not any(a.role == "total" for a in out):
            # 双通道的谈判药花了2000，还有普通门诊费用500 / 自费药300，还有检查费500: a part told, then the
            # rest of the bill beside it — never the bill, smaller than its part
            role = "rest"
        if role in ("fund_paid", "other") and _SHARE_ASKED_BEFORE.search(prefix):
            role, cue = None, None  # 报销多少 1500: the share asked, then the bill — never 1500 already paid
        if role == "stated_deductible" and (deducted := _DEDUCTED_AFTER.match(masked, end)) \
                and not _NUMERAL_AHEAD.match(masked, deducted.end()):
            # 起付线200已经扣了: the deductible, used up — not a rule asked about (起付线200已经扣了100:
            # the deductible's figure, and what of it was used)
            role = "deductible_used"
        if (role in (None, "fund_paid", "deductible_remaining", "other")
                and _STILL_SHORT_BEFORE.search(prefix) and _TO_CAP_AFTER.match(masked, end)) \
                or (role in (None, "fund_paid", "account_balance", "other") and _CAP_LEFT_BEFORE.search(prefix)):
            role, cue = "cap_left", prefix[-6:]  # 统筹今年还差100就封顶了 / 额度还剩300: what is left of the cap
        if role == "slip_unknown" and cue and re.search(r"发票|收据", cue) and masked.startswith("整", end):
            role = "total"  # 发票上写壹仟贰佰元整: the invoice's total, in the capital figures of a total
        if role == "slip_unknown" and cue and (_TO_PAY_CUE.search(cue) or _PAID_AT_COUNTER.fullmatch(cue)) \
                and _PARTS_FOLLOW.match(masked, end):
            # 医生说要交1200，其中乙类检查400 / 门诊交了八百八 其中自费药180: with its parts after it, the bill
            # (what is left after the fund has no parts of its own)
            role = "total"
        if role in (None, "total") and out and out[-1].role == "stated_deductible" \
                and _USED_OF_IT_BETWEEN.fullmatch(masked, out[-1].end, start):
            role, cue = "deductible_used", masked[out[-1].end:start]  # 起付线600已经用掉了450: what of it went
        if role in (None, "total") and _PAID_INTO_DEDUCTIBLE.search(prefix):
            role, cue = "deductible_used", prefix[-8:]  # 已经自己付掉起付线里的400了: what of the deductible was paid
        if role in (None, "total") and _PER_YEAR_BEFORE.search(prefix) and _CHECKED_AFTER.match(masked, end):
            role, cue = "stated_cap", prefix[-2:]  # 一年1000是吧: the year's cap asked about, not a bill
        if role is None and not prefix.strip() and _CHECKED_AFTER.match(masked, end) \
                and (asked := _RULE_FIGURE_ASKED_BEFORE.search(_clause_before(masked, max(0, start - 1)))) is not None:
            # 起付线是多少来着，150吗: the rule's figure the person half-remembers — asked of, not a bill
            role, cue = ("stated_deductible" if "起付" in asked.group(0) else "stated_cap"), None
        if role in _ITEM_ROLES and _KIND_DOUBTED_AFTER.match(masked, end):
            role, cue = "part", None  # 三百是自费的还是啥我也不清楚: a part whose kind the person doubts — asked
        if role in (None, "total") and _CHECKUP_NEAR.search(prefix[-8:] if len(prefix) > 8 else prefix):
            role, cue = "other", None  # 1月份做过体检花了400: a health check, not an outpatient visit
        if role in (None, "total", "fund_paid") and _RECEIPTS_AFTER.match(masked, end):
            role, cue = "other", None  # 报过两千的票: receipts handed in, not what the fund paid
        if role in (None, "total", "fund_paid") and _LAST_YEARS_AFTER.match(masked, end):
            role, cue = "other", None  # 那200是去年报的: last year's figure, not this bill's nor this year's
        if role in (None, "total") and re.search(r"(?:给了|递了|掏了|给)(?:他们|收费员|收费处)?$", prefix) \
                and _CHANGE_AFTER.match(masked, end):
            role, cue = "slip_unknown", None  # 给了两百，找了我三十: handed over, change back — what was paid is asked
        negated = bool(_NEGATED_BEFORE.search(prefix))
        if role == "other" and cue in ("缴费", "交费") and re.search(r"(?:门诊|医院|看病|挂号|药店)(?:缴费|交费)$", prefix):
            role = "total"  # 今日于二级医院门诊缴费1,100元: paid at the outpatient desk — the bill
        if role in (None, "total") and "起付" in masked and re.search(r"(?:之前|已经|已|今年|都)?(?:用了|用掉了?|扣了|扣掉了?)$", prefix) \
                and not re.search(r"花|看病|门诊|医院|药|统筹|基金|额度|限额", prefix):
            role, cue = "deductible_used", prefix  # 起付线还没过完，之前用了400: what of the deductible went
        if role in (None, "total", "slip_unknown", "slip_personal") and prefix.endswith(("扣了", "扣掉", "扣过", "垫了", "交了", "付了", "花了", "掏了")) \
                and _DEDUCTIBLE_AFTER.match(masked, end) \
                and not (prefix.endswith("花了") and _DEDUCTIBLE_TOPIC_AFTER.match(masked, end)):
            role = "deductible_used"  # 只扣了100起付
        if role in (None, "total") and (counted := _COUNTED_TO_DEDUCTIBLE_AFTER.match(masked, end)):
            # 今年之前看病已经有300算进起付线了: what went toward the deductible (那这400算进起付线了吗,
            # the bill told asked back about: a question of how it was settled, no figure of the year)
            role = "other" if _ASKED_AFTER.match(masked, counted.end()) and _THIS_BEFORE.search(prefix) else "deductible_used"
        inside = _INSIDE_BEFORE.search(prefix) if role in (None, "total") and not post else None
        if inside and _ACCOUNT_JUST_BEFORE.search(masked, max(0, start - 16), start - len(prefix)):
            role, cue = "account_balance", inside.group(0)  # 还有个账户，里面有一百二十块: what the account holds
        elif inside:
            role, cue = "part", inside.group(0)  # 1200 里面有200是自己掏的: a part of this bill
        elif (unreimbursed := _UNREIMBURSED_AFTER.match(masked, end)) and role in (None, "total"):
            role = "prior_unreimbursed"  # 之前看过一次花了300没报: it went to the deductible
            if "自己" in unreimbursed.group(0) and not _EARLIER_BEFORE.search(masked, max(0, start - 16), start):
                # 1,250是总费用，750是我自己付的: this bill's share the person paid (a slip figure), not an
                # earlier bill the fund paid nothing on — that needs words of an earlier visit
                role, cue = "slip_personal", "自己付的"
        elif role is None and _HAVE_ONLY.fullmatch(prefix) and _ACCOUNT_CLAUSE_BEFORE.search(masked, max(0, start - 16), start):
            role, cue = "account_balance", "有"  # 我账户里有钱吗？有400: the account's balance, answered by the person
        elif role is None and _UNREIMBURSED_LIST_BEFORE.search(masked, max(0, start - 28), start):
            role, cue = "prior_unreimbursed", "没报"  # 之前看过两次都没报，一次60一次40: each went to the deductible
        elif role in (None, "total", "rest") and (_PRIOR_SPENT_BEFORE.search(prefix) or _PRIOR_SPENT_THIS_YEAR.search(prefix)
                                                  or _PRIOR_SPENT_WINDOW.search(masked, max(0, start - 32), start)
                                                  or (_LAST_TIME_SPENT.search(prefix) and _ONE_EARLIER_THIS_YEAR.search(masked))
                                                  or _ONCE_SPENT_BEFORE.search(text, max(0, start - 28), start)):
            # 今年之前门诊花了四百 / 此前门诊政策内费用已累计400元: spent earlier this year — toward the
            # deductible (the dialogue asks when it may have passed it)
            role, cue = "prior_unreimbursed", "累计"
        elif role in (None, "total") and _LAST_TIME_SPENT.search(prefix) and _CLAIMED_AFTER.match(masked, end) \
                and out and out[-1].role == "total" and _THIS_TIME_END.search(masked, max(0, out[-1].start - 6), out[-1].start):
            # 这次花了125，上次花的110已经报过了: the last visit's bill, claimed then — not this one, and not the
            # year's whole position (how much went before is asked where it matters)
            role, cue = "other", "上次"
        if role is None and out and out[-1].role in ("stated_deductible", "stated_cap", "other") \
                and re.search(r"(?:还是|或者|或是)$", prefix) and not re.match(r"[^,，。]{0,3}来着", masked[end:]):
            role, cue = out[-1].role, out[-1].cue  # 起付线是150还是200？: both figures of the rule asked about
        if role == "total" and cue in ("一共", "总共", "共", "合计", "累计", "共计") and _FUND_CLAIMED_BEFORE.search(prefix):
            role = "fund_paid"  # 今年之前在统筹报过两回一共八百多块钱: what the fund paid in all, not a bill
        if role in (None, "slip_unknown") and out and out[-1].approximate and _PRECISE_BEFORE.search(prefix):
            role, cue = out[-1].role, None  # 一千多……准确是1035 / 大概八百吧 哦单子是812: the exact figure of the same thing
        total = _quantize(value + Decimal(jiao) / 10 + Decimal(fen) / 100)
        out.append(
            Amount(
                value=total,
                role=role,
                start=start,
                end=end,
                text=text[start:end],
                explicit=role is not None,
                cue=cue,
                approximate=approximate,
                negated=negated,
            )
        )
    if len(out) >= 2 and out[-1].role == "prior_unreimbursed" and "次" in masked:
        # 之前看过两次 一次三百 一次两百 都是自己掏的: the words after the list are of each visit in it
        for i in range(len(out) - 2, -1, -1):
            one, next_one = out[i], out[i + 1]
            if not (one.role in (None, "total") and next_one.role == "prior_unreimbursed" and not one.negated
                    and _EACH_VISIT_BEFORE.search(masked, max(0, one.start - 3), one.start)
                    and _EACH_VISIT_BEFORE.search(masked, max(0, next_one.start - 4), next_one.start)
                    and _EACH_VISIT_GAP.fullmatch(masked, one.end, next_one.start)):
                break
            out[i] = msgspec.structs.replace(one, role="prior_unreimbursed", cue=next_one.cue, explicit=next_one.explicit)
    return out


def extract_amounts(text: str, *, normalised: bool = False) -> list[Amount]:
    """Every amount of money in ``text``, in order (including approximate and negated ones).

    ``text`` is normalised first unless ``normalised`` says it already is; positions refer to
    the normalised text.
    """
    if not normalised:
        text = normalise(text)
    return _scan(text, _mask_dates(text))


def parse_amount(text: str) -> Decimal | None:
    """The one exact amount a short text states (``三百五十块五毛`` → 350.50), or None."""
    found = [a for a in extract_amounts(text) if not a.approximate and not a.negated]
    return found[0].value if len(found) == 1 else None


def correction_between(text: str, start: int, end: int) -> bool:
    """True when a correction word (不对, 说错了, 应该是…) occurs in ``text[start:end]``."""
    return _CORRECTION.search(text, start, end) is not None
