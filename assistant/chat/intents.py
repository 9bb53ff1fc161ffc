"""What a message asks for: one intent per message, decided by ordered rules.

Intents (:data:`INTENTS`):

``reset``          重新开始, 清除, 重来
``help``           怎么用, 你能做什么
``greeting``       你好 (also 谢谢, 再见) — only when nothing else is said
``out_of_scope``   住院 bills (明白账 covers ordinary outpatient bills; a visit *during* an inpatient
                   stay is in scope), 门诊慢特病 / 两病, anything with no fact and no known request
                   (天气…). ``topic`` says ``inpatient_bill`` or ``chronic_disease`` when it is one of those.
``correct``        不对, 我说错了, 应该是… (with or without new facts)
``account_credit`` 个人账户每个月划多少 / 进多少钱
``account_use``    个人账户能不能给我妈用 / 买药 / 体检 / 健身
``compare``        南充和南昌哪个报得多 (two or more cities, or 哪个/比 with two values of a slot)
``what_if``        如果去一级医院呢, 要是退休了呢, 那二级医院呢 — a change to the last visit
``add_visit``      又看了一次, 再加一次, 第二次
``policy_fact``    起付线 / 比例 / 报多少 / 限额 of a city and category, with no amount;
                   ``topic`` is ``deductible``, ``ratio`` or ``cap``
``calculate``      a visit described (an amount, or a provider with the person, or a bill question)
``inform``         facts only, no request: the answer to the assistant's question (``二级``, ``南昌``,
                   ``1200``, ``今年第一次``); the dialogue manager merges them into the case it is building

The order of the rules is the order of this list.
"""

from __future__ import annotations

import re
from functools import lru_cache

import msgspec

from . import rx

__all__ = ["INTENTS", "TOPICS", "Evidence", "classify", "is_correction", "mentions_account", "topic_of"]

INTENTS = (
    "account_credit",
    "account_use",
    "add_visit",
    "calculate",
    "compare",
    "correct",
    "greeting",
    "help",
    "inform",
    "out_of_scope",
    "policy_fact",
    "reset",
    "what_if",
)
TOPICS = ("cap", "chronic_disease", "deductible", "inpatient_bill", "ratio")


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """What the slot extractors found, as far as the intent rules need it."""

    has_facts: bool = False
    has_amount: bool = False  # an exact total (or self-pay / class-B) amount of a bill
    approximate_amount: bool = False  # 一千多, 大概一千二: a bill amount, but not exact
    has_place_or_person: bool = False  # city, policy, scheme or category
    has_provider: bool = False
    has_year_position: bool = False
    cities: int = 0
    alternative_slots: tuple[str, ...] = ()
    account_mentioned: bool = False
    account_use_target: bool = False
    beneficiary: bool = False


_RESET = rx.compile(r"重新开始|重新来|重新算|重来|清除|清空|从头(?:开始|来)|重置|再来一遍|换个问题|reset|restart")
_HELP = rx.compile(
    r"怎么用|如何使用|怎么使用|你能做什么|你会什么|你能干什么|能干什么|能干嘛|能做啥|你是谁|帮助|使用说明|help|怎么问"
    r"|有什么功能|可以做什么|能做什么|可以问什么|能问什么|你是干什么的|你是做什么的"
)
_GREETING = rx.compile(
    r"你好|您好|hello|(?<![a-z])hi(?![a-z])|嗨|哈喽|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|喂|谢谢|多谢|感谢|再见|拜拜|好的|知道了|明白了|ok"
)
_FILLER = rx.compile(r"[\s,，。.!！?？~、:：;；啊呀呢吧哦噢嗯哈的了们小助手请问]+")
_CORRECTION = rx.compile(
    r"(?<!对)(?<!觉得)(?<!感觉)(?<!觉着)不对|(?:哦|噢|啊|哎)不是[,，]?(?:是)?|actually|i mean|sorry,|看错了|看错|错了|说错了|说错|写错了|写错|打错了|打错|输错了|输错|搞错了|弄错了|记错了|我错了|更正|纠正|(?<!觉得)(?<!认为)应该是|其实是|其实(?:也)?不是(?=第一|头一|今年|[一二三]级)|改一下|改成|改为"
    r"|我想起来了[,，]?(?:是|应该是)|(?:哦|噢)不[,，]|改口"
    # 算了我再看一眼，是甲等 / 刚看了下发票是1100: looked again, and the right one said
    r"|(?:再|又|刚|仔细|重新)(?:看|瞅|瞧|查)了?(?:一眼|一下|下)[^,，。]{0,6}?[,，]?(?:是|写的是|写着|上面是)"
    # Oh wait, I had already met the deductible / wait, no: what was told before, taken back in English
    r"|^(?:oh,? )?wait[,.!，]|^(?:oh,? )?no,? wait|i forgot to (?:say|mention)|correction:|let me correct"
)
_INPATIENT = rx.compile(r"住院(?!部)|住(?:完|了|过)院|(?:刚|才)出院|出院(?:结算|报销)|(?:icu|重症监护室?|监护室)(?:里)?住(?:了|过)"
                        # 在县医院住院部 住了半个月 / 住在一附院12楼38床: a stay, by its length or its bed
                        r"|住院部[^。]{0,16}?住(?:了|过)|(?:住在|住进)[^。]{0,20}?[0-9一二三四五六七八九十]+(?:号)?床"
                        r"|(?:手术|开刀)[^。]{0,6}住了(?:[一两三四五六七八九十几]|\d+)(?:周|天|个星期|个礼拜|晚)")
FIGURE_WAS_A_STAY = rx.compile(r"(?<=[0-9零一二两三四五六七八九十百千万])(?:元|块)?(?:钱)?(?:是|那是|都是)住院(?:的|报的|报销的|那次的|时候的)?(?=[^。?？]{0,20}门诊)"
                               # 上个月那次是住院报的 门诊这是今年第一次: the claim before was a stay's
                               r"|(?:那次|那回|那一次|上次|上回)(?:是|都是)?住院(?:报|结算)?(?:的)?(?=[^。?？]{0,20}门诊)")
AFTER_DISCHARGE = rx.compile(r"出院(?:[一两三四五六七八九十几半\d]+(?:天|周|个星期|个礼拜|个月|个多月))?(?:以后|之后|后)[^。?？]{0,24}(?:门诊|复查|复诊)[^。?？]{0,14}(?:花|[0-9一二两三四五六七八九十百千])"
                             # 花了一千五，上个月刚出院，这次是出院后门诊复查: the visit is the follow-up
                             r"|(?:这次|今天|这回)(?:是)?出院(?:以后|之后|后)(?:的)?(?:门诊)?(?:复查|复诊|随访)"
                             # 上个月住院 出院了 这礼拜回…门诊复查: discharged, then the follow-up visit
                             r"|出(?:了)?院了[^。?？]{0,24}(?:门诊)(?:复查|复诊|随访|看)")
PAST_STAY = rx.compile(r"(?:上次|上回|之前|以前|去年|前年|前几个月|上个月|前段时间|年初)(?:的|那次)?住(?:过|了)?院(?:[^,，。?？]{0,4}?(?:报过|报了|结算过|结过|已经报了))?(?=$|[,，。])"
                       r"|住院(?:之|以)?前(?=[^,，。]{0,12}门诊)"  # 住院前上周三在门诊做的检查: before the stay
                       # 她上个月住院花了一万多那个先不管: a stay set aside in so many words
                       r"|住(?:过|了)?院[^,，。?？]{0,12}?(?:那个|那笔|那次|的)?(?:先不管|不用管|不管它|先不说|不用算|不算|先放一边)"
                       # 前面报的200是住院的，门诊今年是第一次: a figure said before, now told to be a stay's —
                       # with the outpatient year said beside it (the stay is no outpatient bill)
                       r"|" + FIGURE_WAS_A_STAY.pattern)
#: a relative's stay in hospital (我老头子上个月住了一回院 / 我妈前段时间住院)
_RELATIVES_STAY = rx.compile(r"(?:老头子?|老伴儿?|老公|老婆|爱人|我妈|我爸|婆婆|公公|儿子|女儿|孙子|孙女)[^。？?]{0,40}?住(?:了|过)?(?:一回|一次|一趟|几天)?院")
#: the person's own visit said beside another's (今天我自己去社区拿药)
_OWN_VISIT = rx.compile(r"我自己(?:去|看|拿|在)|(?:今天|这次)我(?:自己)?(?:去|在)[^,，。]{0,10}?(?:看病|看门诊|看了|拿药)")
#: a visit made for the relative (今天我去门诊给她拿了点药): theirs, not the person's own
_FOR_THEM = rx.compile(r"(?:给|帮|替)(?:她|他|我妈|我爸|老伴|老头|老公|老婆|孩子)")
_INPATIENT_IN_SCOPE = rx.compile(r"住院期间|住院的时候|住院时|住着院|住院那几天")
_CHRONIC = rx.compile(r"门诊慢特病|慢特病|门特|门慢|两病|慢性病门诊|特殊门诊|特殊病|特殊疾病")
_ACCOUNT = rx.compile(r"个人账户|医保账户|账户|医保卡(?!号)|卡里的钱|卡里|统筹账户|personal (?:medical )?account|medical account|insurance account|(?:my|his|her|their|our|the) account(?! number| no\b|s? id)")
_CREDIT = rx.compile(
    r"划入|划拨|划账|划多少|划好多|划几多|打好多|进好多|返好多|划到|怎么划|划的|计入|注入|入账|返还|返多少|打多少|进多少|入多少|存多少|到账"
    r"|(?:每个?月|一个月|按月).{0,6}(?:进|打|返|入|给|存|到|拿|有).{0,3}(?:多少|好多)"
    r"|(?:账户|个账)(?:里)?(?:每个?月|一个月|按月)(?:能有|有|是)?多少"
    r"|(?:多少|好多)钱?(?:一个月|每个?月)|(?:每个?月|一个月)(?:好多|多少)钱?"
    r"|credit(?:s|ed)? (?:to|into)|(?:each|every|per) month|monthly"
)
_QUESTION = rx.compile(r"吗|么|\?|？|几个点|多几(?:成|个)|能不能|可不可以|可以不|能否|用不(?:了)?$|用不[?？。]|行不$|能用不|可用不|报不(?:了)?$|可否|是否|行不行|行吗|允许|多少|几|什么|怎么|如何|咋|哪")
#: 之前几次都没用医保卡 / 没刷卡: the card said not used — a statement, not a question about the account
_CARD_NOT_USED = rx.compile(r"(?:没|没有|未|不曾)(?:用|刷|带|拿|使用)(?:过)?(?:医保卡|社保卡|卡|个人账户|账户)")
_USE_VERB = rx.compile(r"能|可以|可否|允许|用|给|付|交|缴|买|支付|报|刷|\b(?:can|could|may|use|pay|buy)\b")
_COMPARE = rx.compile(r"哪个|哪边|哪里|哪儿|哪家|哪种|比较|对比|相比|比一比|比起|区别|差别|差多少|差几|不一样|一样吗|不同|还是|vs|和.{0,8}比|跟.{0,8}比|与.{0,8}比|比.{0,8}(?:多|少|高|低|好)")
_BILL_HOW_MUCH = rx.compile(r"报销多少|能报多少|报多少|给多少|给报多少|咋个算|怎么算|统筹报多少|自己要掏多少|扣多少|能用多少|付多少"
                            r"|how much")
_WHAT_IF = rx.compile(r"如果|要是|假如|假设|万一|换成|改到|换到|换去|换个|若是|倘若|再算|(?:^|(?<=[，,：:。\s]))若(?=[^,，。]{1,16}(?:呢|[?？]))"
                      # 按在职算是多少 / 按二级算能报多少: the last visit settled another way
                      r"|按(?:照)?(?:在职|退休|灵活就业|居民|[一二三]级|三甲|二甲|三乙|一级及以下|社区|药店)(?:人员|职工|医院|的)?算(?:的话)?(?:是|会是|能报|报|该报|应该报|要报)(?:多少|几多)"
                      r"|what if|(?<!know)(?<!sure)(?<!wonder)(?<!remember)(?<!recall)(?<!check)(?<!tell)(?<!see)(?<!ask)"
                      # (I don't know if I've used the deductible / not sure if it was level 2: a doubt, not a what-if)
                      r"(?:^|[,，. ])(?:and |so |ok,? ?and )?if (?:i|it|the|we|my|she|he)\b|suppose|instead|and at a|and in a|what about"
                      r"|what would (?:it|i|she|he|they) (?:be|get|pay)|how much would (?:it|i|she|he|they) (?:be|get|pay)")
#: …呢 at the end — or before a clause saying the bill stays the same (那社区呢，花一样多)
_ENDS_WITH_NE = rx.compile(r"呢[\s?？!！。.~]*$|呢[,，\s]*(?:钱|费用|花的钱)?(?:也|都|还是)?(?:花)?(?:得|的)?(?:一样多|一样|同样多|那么多)[\s?？!！。.~]*$")
_WHY_RULE = rx.compile(r"为什么|为啥|凭什么|为何|怎么会|\bwhy\b")
_RULE_WORD = rx.compile(r"起付线|起付标准|门槛|比例|报销比|限额|封顶|最高支付|deductible|ratio|cap\b")
_ADD_VISIT = rx.compile(
    r"又看了|又去了|又花了|又买了|又开了|又拿了|又看|又去|又来(?:了|看|拿|买|开|复诊|复查|就诊)|又(?:复查|复诊|就诊)了?|再加一次|再加一笔|再加|再看了?一次|还有一次|另外一次|另一次|又一次"
    r"|再去(?:看|拿|买|开)?(?:了)?(?:一次|一趟|一回)|再去看|再去医院|go again"
    # another 社区 visit later today / one more pharmacy visit: the place said between
    r"|another(?:[ ，][^,.?!。？]{1,14}?)?[ ，]visit|one more(?:[ ，][^,.?!。？]{1,14}?)?[ ，]visit"
    r"|(?:a |the )?(?:second|third|next) visit|went (?:back|again)|visited again|another (?:trip|bill)"
    # 11月30日预计再于三级医院就诊: one more visit, written formally
    r"|再(?:于|到|在|去)[^,，。]{1,10}?(?:就诊|就医|看|买|拿|开)"
    # (药店买药350 →) 我上午还在卫生院看病 花了一百二: one more visit of that day, told after
    r"|(?:上午|早上|早晨|中午|下午|晚上)(?:还|也)(?:在|去|到)[^,，。]{1,10}?(?:看|拿|买|开)"
    # and today another 250 there / spent another 300: one more bill, its figure said
    # (never another 100 was self-pay: a part of the bill told)
    r"|another ?(?:¥|cny ?|rmb ?)?[0-9][0-9.,]*+(?! ?(?:yuan |rmb |kuai )?(?:was|is|were|of|for|in self|self|on self))"
    # Next month I'll also buy medicine at a pharmacy, 300 / I'm going again next week: one more visit, in English
    r"|(?:i'll|i will|i'm going to|i am going to|we'll|she'll|he'll) (?:also |then )?(?:buy|go|see|visit|get|spend)"
    r"|(?:i|she|he|we) also (?:bought|went|saw|visited|got|spent)"
    # 追加：同日又在药房配药 200: one more visit, told as an addition
    r"|又在[^,，。0-9]{1,8}?(?:看|拿|买|开|配)|^追加"
    # 再去同样看一次 / 再照样看一回: the same visit again
    r"|再(?:去|来)?(?:同样|一样|照样|原样)(?:地|的)?(?:看|去|拿|买|开)(?:了)?(?:一次|一趟|一回)"
    # (第二次单子上报了275: the slip of the second visit told — that visit's, not one more)
    r"|第[二三四五六七八九十2-9]次(?!(?:的|那次的?)?(?:单子|结算单|小票|发票|票据|收据|那张))|下一次|下次|下一回|下回|后来(?:我|他|她|俺|咱)?又|接着(?:我|他|她|俺)?又"
    # (一级500 → 后来又去了一次二级600 →) 再后来三级医院花了2000: the next visit, after the last told
    r"|(?:再|最)?后来(?:我|他|她|俺|咱)?(?:又)?(?:在|去|到)?[^,，。0-9]{0,10}?(?:医院|社区|药店|药房|卫生院|诊所|卫生室)"
    r"|又[^,，。]{0,12}?(?:花了|花费|看了|看病|就诊|门诊|买了|拿了|去了|开了)|(?:今天|后来|然后|完)还[^,，。]{0,4}?(?:在|去)[^,，。]{0,6}?(?:拿|买|看|开)"
    r"|(?:以后|之后)[^,，。]{0,6}再看|\d{1,2}月再(?:看|去)"
    # 下个月还约了一次 / 又预约了一回: an appointment made — one more visit, still to come
    r"|(?:还|又|再)(?:预)?约了(?:一|1)?(?:次|回|个|趟)|预约了(?:下次|下一次|下个月|下周)"
    # 另外一张：同日定点药店购药300元，结算单统筹支付165: another slip, of a visit of its own (its place named)
    r"|(?:另外|还有|另)(?:一|1)张[^。]{0,20}?(?:药店|药房|医院|诊所|卫生院|社区|购药|买药|拿药|配药|看病|看了|就诊)"
    # 他还在药店买了100块的药: one more bill of the same day, at another place
    r"|(?:他|她|我|俺)还(?:在|去)[^,，。]{1,6}?(?:拿|买|看|开)了"
    # 下周三还要去复查 / 过两天还得去医院: a visit still to come is another visit, never this one's bill
    r"|(?:还要|还得|还需要|要再|得再|准备再|打算再)(?:去|来|看|复查|复诊|拿|买|开)"
    # 出院后去社区拿药 300: a visit after the stay (the visit before it is another one)
    r"|(?:出院后|出院以后|出院之后|出了院)[^,，。0-9]{0,6}?(?:去|在|到|又)"
    # 那再去还能报不 再花五百的话: one more visit, spending that much again
    r"|再去[^,，。]{0,6}?再花|再花(?:了)?(?=[0-9一二两三四五六七八九十百千])"
    r"|(?:下周|下个?月|下个?礼拜|下个?星期|过几天|过两天|明天|后天|下次)[^,，。]{0,6}?(?:(?:去|来)?(?:复查|复诊)|再(?:去|来|看|拿|买))"
    r"|another visit|went again|again at"
    # next Wednesday I'll buy another 500 yuan with the same prescription: one more purchase of the year
    r"|(?:buy|spend|pay|get|fill)(?: it)? another ?[0-9]|another (?:purchase|prescription|pharmacy)"
    # 还有一张单子，同一天在药店拿的药…: another slip is another settlement (the year's deductible runs on)
    r"|(?:还有|另外(?:还有)?|另有|再有)(?:一)?张(?:单子|票|发票|收据|结算单|小票|处方单)"
    # 同一天还有一张 药房 一级卫生院开的处方 86块4角: another slip, its place said after it
    r"|(?:还有|另外(?:还有)?|另有|再有)(?:一)?张[,，\s]*(?=药房|药店|诊所|医院|卫生院|社区)"
    # (after a visit told) And today I bought medicine at a pharmacy for 200 / I also went to…
    r"|^(?:and|also)[, ]+(?:today|yesterday|then|later)?,? ?i (?:also )?(?:bought|went|paid|spent|visited|got)"
    r"|\bi also (?:bought|went|paid|spent|visited)|\b(?:later|afterwards),? i (?:bought|went|visited)"
    # 她还有个 药店 买的 300: another purchase at a named place (还有一项自费的耗材60 stays a part of this bill)
    r"|还有(?:个|一个|一笔|一张|一次|一回)?[\s,，]*(?:在|去)?[\s,，]*(?:药店|药房|诊所|医院|卫生院|社区|卫生室)[\s,，]*[^,，。]{0,4}?(?:买|拿|看|开)"
)
_TOPIC_CAP = rx.compile(r"最高支付限额|限额|封顶|最多(?:能|可以)?报|最高(?:能|可以)?报|上限|最多报销|最高报销|年度最高"
                        # 今年统筹一共能报多少 / 一年总共能报多少: the year's whole, the cap
                        r"|(?:今年|一年|全年|每年|年度)[^,，。0-9]{0,6}?(?:一共|总共|顶多|总的)(?:能|可以)?报(?:销)?多少")
_TOPIC_DEDUCTIBLE = rx.compile(r"起付线|起付标准|起付|门槛")
_TOPIC_RATIO = rx.compile(
    r"报销比例|支付比例|比例|报几成|几成|百分之|多少个点|能报多少|报多少|报好多|报销多少|怎么报|能报吗|给报吗|能不能报|报不报|可以报|能报销|报销吗|报得(?:多|少)|报的(?:多|少)"
    # In Nanchong, what percentage does a retiree get back at a level 3 hospital?
    r"|percentage|\bpercent\b|reimbursement rate|\bratio\b|\brate\b"
)
_VISIT = rx.compile(r"看病|看了|看门诊|(?<!异地)就医|就诊|买药|开药|拿药|花了|花费|一共|总共|检查|挂号|开了|输液|打针")


def _only(pattern: re.Pattern[str], text: str) -> bool:
    """True when the text is nothing but matches of ``pattern`` and filler."""
    rest = pattern.sub("", text)
    return not _FILLER.sub("", rest)


def _topic(text: str) -> str | None:
    if _TOPIC_CAP.search(text):
        return "cap"
    if _TOPIC_DEDUCTIBLE.search(text):
        return "deductible"
    if _TOPIC_RATIO.search(text):
        return "ratio"
    return None


def topic_of(text: str) -> str | None:
    """Which of the document's figures a message asks about (cap, deductible, ratio), if one."""
    return _topic(text)


def mentions_account(text: str) -> bool:
    """True when a normalised message talks about the personal account (个人账户, 医保卡…)."""
    return _ACCOUNT.search(text) is not None


@lru_cache(maxsize=4)  # a pure function of the text, asked up to six times a message (kept for that message only)
def is_correction(text: str) -> bool:
    """True when a normalised message says the assistant (or the user) got something wrong."""
    return _CORRECTION.search(text) is not None


def without_relatives_stay(text: str) -> str:
    """``text`` without a relative's stay in hospital said beside the person's own visit (我老头子上个月
    住了一回院…今天我自己去社区拿药: the stay is not this bill)."""
    return _RELATIVES_STAY.sub("", text) if _OWN_VISIT.search(text) and not _FOR_THEM.search(text) else text


def classify(text: str, evidence: Evidence) -> tuple[str, str | None]:
    """The intent of a normalised message and its topic (or None)."""
    if not _FILLER.sub("", text):
        return "out_of_scope", None
    if _RESET.search(text) and not evidence.has_facts:
        return "reset", None
    if _HELP.search(text) and not evidence.has_facts:
        return "help", None
    if _GREETING.search(text) and _only(_GREETING, text):
        return "greeting", None
    # every match of _INPATIENT holds 住 or 出院, and every one of _INPATIENT_IN_SCOPE holds 住: a text
    # with neither is left as it is by the sub and holds no inpatient word
    said = without_relatives_stay(PAST_STAY.sub("", text) if (evidence.has_amount and evidence.has_provider)
                                  or FIGURE_WAS_A_STAY.search(text) else text)
    # (社区医院 九百 今年头回 上次住院报过: an earlier stay beside today's outpatient bill is not this bill)
    inpatient_words = _INPATIENT.findall(_INPATIENT_IN_SCOPE.sub("", said)) if "住" in said or "出院" in said else []
    if inpatient_words and not re.search(r"(?:不是|没有|没|不)住院", text) and not evidence.account_mentioned \
            and not AFTER_DISCHARGE.search(text):  # (出院以后今天去门诊复查花了三百: the outpatient visit after)
        return "out_of_scope", "inpatient_bill"
    if _CHRONIC.search(text):
        return "out_of_scope", "chronic_disease"
    if is_correction(text):
        return "correct", None
    account = evidence.account_mentioned
    if _CREDIT.search(text) and (account or re.search(r"每个?月|按月|一个月", text)):
        return "account_credit", None
    bill_question = evidence.has_amount and evidence.has_provider and _BILL_HOW_MUCH.search(text) is not None
    if account and (evidence.account_use_target or evidence.beneficiary) and _QUESTION.search(text) and _USE_VERB.search(text) \
            and not bill_question \
            and not (evidence.has_amount and evidence.has_provider and _CARD_NOT_USED.search(text)):
        # 卡里还有50，报销多少: a bill with a balance, not a question about the account (nor 三级医院花了800，
        # 之前几次都没用医保卡: a bill, and earlier visits said not to have used the card)
        return "account_use", None
    if evidence.cities >= 2 and not evidence.has_amount:
        return "compare", _topic(text)
    if evidence.alternative_slots and (_COMPARE.search(text) or (_WHY_RULE.search(text) and _RULE_WORD.search(text)
                                                                 and not evidence.has_provider)):
        # (起付线为什么退休是150，在职是200 / 比例为啥退休的高: two categories' rule, asked why — never a change)
        return "compare", _topic(text)
    what_if = _WHAT_IF.search(text) is not None
    ends_ne = _ENDS_WITH_NE.search(text) is not None
    if (what_if or ends_ne) and (evidence.has_facts or evidence.has_amount):
        standalone = evidence.has_amount and evidence.has_place_or_person and not ends_ne
        if not standalone:
            return "what_if", None
    if _ADD_VISIT.search(text):
        return "add_visit", None
    topic = _topic(text)
    if topic and not evidence.has_amount and not evidence.has_year_position:
        return "policy_fact", topic
    if evidence.has_amount and (evidence.has_place_or_person or evidence.has_provider or _VISIT.search(text)):
        return "calculate", None
    if _VISIT.search(text) and (evidence.has_facts or evidence.approximate_amount or _QUESTION.search(text)):
        return "calculate", None
    if evidence.has_provider and evidence.has_place_or_person:
        return "calculate", None
    if evidence.has_facts or evidence.approximate_amount:
        return "inform", None
    if _RESET.search(text):
        return "reset", None
    if _HELP.search(text):
        return "help", None
    if _GREETING.search(text) and len(_FILLER.sub("", _GREETING.sub("", text))) <= 2:
        return "greeting", None
    return "out_of_scope", None
