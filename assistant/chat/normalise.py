"""Normalise a chat message before any pattern sees it.

Steps, in order (each is idempotent, so normalising twice changes nothing):

1. NFKC: full-width digits, letters and punctuation become ASCII (``１２００`` → ``1200``,
   ``，`` → ``,``, ``？`` → ``?``, ``￥`` → ``¥``); ``。`` and ``、`` stay as they are.
2. Traditional → simplified for the characters our gazetteers and keywords use (a small
   built-in table, no dependency): ``醫療門診`` → ``医疗门诊``, ``塊`` → ``块``, ``平涼`` → ``平凉``.
   Financial numerals (``壹贰叁…拾佰仟``) become ordinary ones, ``〇`` becomes ``零``.
3. Lower-case latin.
4. White space: one space stays between two latin letters; a thousands gap (``1 200``) and a space
   before a unit or a number are dropped; any other space separates as a comma (``1500 300`` →
   ``1500,300``: two numbers never glue into one).
5. A few common typos of the words we match (``报消`` → ``报销``, ``起伏线`` → ``起付线``, ``1200快`` →
   ``1200块``).

Span positions reported by :mod:`assistant.chat.understand` refer to the normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from . import rx

__all__ = ["normalise"]

# Pairs: traditional (or variant) character, then its simplified form.
_T2S_PAIRS = (
    "醫医療疗門门診诊塊块萬万兩两級级藥药職职縣县涼凉報报銷销帳账賬账戶户險险費费錢钱區区華华靈灵"
    "閬阆營营儀仪隴陇順顺蓮莲臺台莊庄寧宁涇泾藍蓝臨临閻阎長长滻浐經经開开東东雲云譜谱義义進进賢贤"
    "灣湾裏里裡里衛卫務务處处簽签約约機机構构轉转貧贫檔档備备異异統统籌筹個个餘余額额養养體体檢检"
    "數数歲岁這这麼么嗎吗們们來来還还沒没過过對对說说錯错離离點点號号幾几從从頭头誤误請请問问幫帮"
    "設设應应該该單单繳缴納纳農农鄉乡鎮镇總总計计買买給给媽妈愛爱兒儿親亲實实價价減减線线綫线滿满"
    "夠够達达補补參参業业劃划讓让時时間间種种類类於于與与範范圍围內内記记錄录認认為为換换變变樣样"
    "較较見见邊边氣气準准標标啓启啟启雙双獲获歸归專专員员國国際际產产態态濟济發发證证齡龄倆俩婦妇"
    "嬰婴護护術术談谈選选項项歡欢謝谢聽听幹干須须決决辦办話话電电視视讀读寫写習习陝陕贛赣廣广蘭兰"
    "寶宝陽阳漢汉鄭郑慶庆綿绵溫温蘇苏無无後后剛刚覺觉斷断聯联帶带場场鐘钟週周隻只僅仅雖虽當当歷历"
    "曆历憑凭據据擔担負负賠赔償偿託托顧顾屬属傷伤殘残筆笔輸输鏡镜館馆孫孙爺爷夥伙傳传識识優优鄰邻"
    "齊齐劑剂貴贵驗验針针齒齿腦脑腸肠膽胆臟脏癥症題题複复鍛锻煉炼練练遊游戲戏樂乐訂订嚴严隊队碼码"
    "網网頁页資资續续結结採采購购賣卖獎奖勵励誰谁蓋盖廳厅韓韩閱阅覽览禮礼師师獨独"
    "紅红灘滩橋桥靜静頂顶狀状癒愈圖图書书車车"
    "壹一貳二贰二叁三肆四伍五陸六陆六柒七捌八玖九拾十佰百仟千〇零圓元圆元"
)
_T2S = {ord(_T2S_PAIRS[i]): _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)}

_TYPOS = (
    ("报消", "报销"),
    ("报肖", "报销"),
    ("起伏线", "起付线"),
    ("起付限", "起付线"),
    ("诊查费", "诊察费"),  # the consultation fee, written with 查
    ("起服线", "起付线"),
    ("起夫线", "起付线"),
    ("在织", "在职"),
    ("起负线", "起付线"),
    ("化了", "花了"),
    ("启付线", "起付线"),
    ("起附线", "起付线"),
    ("退修", "退休"),
    ("医阮", "医院"),
    ("第一ci", "第一次"),  # (K261) a pinyin input's letters left in place of 次
    ("起付县", "起付线"),  # (K264) homophones of an input method
    ("三及", "三级"),
    ("二及", "二级"),
    ("一及", "一级"),
    ("第一茨", "第一次"),  # (K261) 茨 for its homophone 次
    ("职功", "职工"),
    ("平良", "平凉"),
    ("药点", "药店"),
    ("帐户", "账户"),
    ("尚未", "还没"),  # 今年尚未看过门诊: the written form of 还没
    ("南冲", "南充"),  # voice input: the city said right, written with its homophone
    ("难昌", "南昌"),  # (K252: a pinyin input's first candidate for nanchang)
    ("平梁", "平凉"),
    ("平谅", "平凉"),  # (K273-0075) 谅 for 凉, one stroke apart
    ("西按", "西安"),
    ("弟一次", "第一次"),
    ("年地一次", "年第一次"),  # (K267) 今年地一次: 地 for its homophone 第
    ("一季医院", "一级医院"),  # (K269) voice input: 季 for its homophone 级
    ("二季医院", "二级医院"),
    ("三季医院", "三级医院"),
    ("包销", "报销"),  # (K269) voice input: 包 for its homophone 报
    ("金年", "今年"),
    ("一及医院", "一级医院"),
    ("二及医院", "二级医院"),
    ("三及医院", "三级医院"),
    ("自废", "自费"),
    ("门珍", "门诊"),
    ("体捡", "体检"),
    ("西按", "西安"),
    ("希安", "西安"),
    ("平良", "平凉"),
    ("莫看过", "没看过"),  # 今年还莫看过 (西南官话 莫 = 没)
    ("莫报过", "没报过"),
    ("咧", "了"),  # 花咧六百, 报咧八百 (西北话 咧 = 了)
    ("签嘞", "签了"),  # 签嘞约 (赣语 嘞 = 了)
    ("社卫中心", "社区卫生服务中心"),  # a nurse's shorthand: 社卫 = 社区卫生服务中心, 门统 = 门诊统筹
    ("社卫", "社区卫生服务中心"),
    ("门统", "门诊统筹"),
    ("约咯系", "约的是"),  # 俺签约咯系隔壁乡咯卫生院 (赣语 咯 = 的, 系 = 是)
    ("乡咯", "乡的"),
    ("镇咯", "镇的"),
    ("花嘞", "花了"),
    ("报嘞", "报了"),
    ("/退/", "/退休/"),  # 平凉/退/三乙/1200: a kiosk's or hotline's shorthand, field by field
    ("/在/", "/在职/"),
    ("年内首诊", "年内首次"),
    ("今年首诊", "今年首次"),
    ("年度首诊", "今年首次"),  # 年度首诊: the year's first visit, written formally (K246-0034)
    ("在职灵活就业", "灵活就业"),  # 南昌在职灵活就业: working as a flexible worker — one category, not two
    ("莫扣过", "没扣过"),  # 起付线还莫扣过
    ("莫扣", "没扣"),
    ("莫用过", "没用过"),
    ("莫得印象", "没印象"),
    ("莫得看", "没看"),  # 今年莫得看过病
    ("莫得", "没有"),
    ("医保帐", "医保账"),
    ("在值", "在职"),  # voice input: 在职 written with its homophone
    ("冇", "没"),  # 今年冇看过病 (粤/赣: 冇 = 没)
    ("今朝", "今天"),
    ("几多", "多少"),
    ("三级一院", "三级医院"),  # voice input: 医 heard as 一 (the level said, the grade still asked where it matters)
    ("二级一院", "二级医院"),
    ("一级一院", "一级医院"),
    ("再职", "在职"),
    ("没有退休工资", "没有养老收入"),  # 我妈72岁，没有退休工资，交的城乡居民医保: no pension, no category said
    ("没退休工资", "没有养老收入"),
    ("没有退休金", "没有养老收入"),
    ("没退休金", "没有养老收入"),
    ("晓不得", "不晓得"),
    ("腿休", "退休"),  # voice input: 退休 heard as 腿休  # 晓不得几级哦 (西南官话)
    ("未单列", "无单列"),  # 诊察费未单列: not listed apart — no part of that kind said
    ("没单列", "无单列"),
    ("零活就业", "灵活就业"),  # 零活/灵活: the same sound
    ("二集医院", "二级医院"),  # 级/集: the same sound
    ("儿级", "二级"),  # pinyin input: er ji written 儿级 (K223-0058)
    ("三集医院", "三级医院"),
    ("二机医院", "二级医院"),  # 机/级: the same sound (pinyin input)
    ("三机医院", "三级医院"),
    ("一机医院", "一级医院"),
    ("一集医院", "一级医院"),
    ("县中一院", "县中医院"),  # voice input: 中医 heard as 中一 (K230-C022, a referral to the county TCM hospital)
    ("家庭一生", "家庭医生"),  # voice input: 医生 heard as 一生, 医保 as 一保 (K230-0172)
    ("居民一保", "居民医保"),
    ("职工一保", "职工医保"),
    ("卫生员看", "卫生院看"),  # voice input: 院 heard as 员, 签约 as 前约 — a place, where one sees a doctor (K230-0117)
    ("卫生员拿", "卫生院拿"),
    ("前约的", "签约的"),
    ("箇个", "这个"),  # 赣语: 箇个 = 这个, 箇次 = 这次 (K234-0025, K234-0075)
    ("箇次", "这次"),
    ("第一此", "第一次"),  # (K274-0049) 此 for its homophone 次
    ("头一会", "头一回"),  # (K273-0078) 会 for its homophone 回
    ("职工医宝", "职工医保"),  # 宝 for 保, after the scheme's own word
    ("居民医宝", "居民医保"),
    ("第一刺", "第一次"),  # pinyin input: ci / chou typed as their homophones (K234-C016)
    ("统愁", "统筹"),
    ("推修", "退休"),  # pinyin input choosing the wrong characters (K234-0103): tuixiu, jinnian, menzhen, hua le
    ("金年", "今年"),
    ("们诊", "门诊"),
    ("三集一院", "三级医院"),
    ("二集一院", "二级医院"),
    ("华了", "花了"),
    ("在设区", "在社区"),
    ("还么看", "还没看"),  # 陇东话: 么 = 没 (今年还么看过, K234-0131)
    ("还么报", "还没报"),
    ("起付线，过了", "起付线过了"),  # 起付线 过了 (spaced): one clause, the deductible met (K234-0050)
    ("起付，过了", "起付过了"),
    ("前儿个", "前天"),  # 北方话: 前儿(个) / 昨儿(个) / 今儿个 are 前天 / 昨天 / 今天
    ("昨儿个", "昨天"),
    ("今儿个", "今天"),
    ("前儿", "前天"),
    ("昨儿", "昨天"),
    ("在职，灵活就业", "灵活就业"),  # 南昌在职 灵活就业那种 (spaced): one category
    ("在职,灵活就业", "灵活就业"),
    ("yb的", "医保的"),  # 问个yb的事: 医保 typed as its pinyin initials
    ("问个yb", "问个医保"),
    ("yb报", "医保报"),
    ("三剂医院", "三级医院"),  # voice input: 级 heard as 剂 (K242-0139) — only before 医院 / 甲等: 三剂药 is three doses
    ("二剂医院", "二级医院"),
    ("一剂医院", "一级医院"),
    ("三剂甲等", "三级甲等"),
    ("二剂甲等", "二级甲等"),
    ("级假等", "级甲等"),  # voice input: 甲 heard as 假 (三级假等医院, K242-0028; never 放假等)
    ("三假医院", "三甲医院"),
    ("住咯院", "住了院"),  # 赣语: 我娘住咯院 (K242-0143)
    ("住嘞院", "住了院"),
    ("么住院", "没住院"),  # 陇东话: 急诊 么住院 (K242-0087)
    ("么住过院", "没住过院"),
    ("么有住院", "没有住院"),
)
_TYPO_RE = rx.compile("|".join(re.escape(a) for a, _ in _TYPOS))
_QIAN_AS_MONEY = rx.compile(r"(?<=[一二两三四五六七八九])钱(?=[一二两三四五六七八九](?:百)?(?:块|元|$|[,，。\s]))")
#: a word typed in pinyin and sent before the input method turned it into characters (南昌 zaizhi 二级)
_PINYIN = {"zaizhi": "在职", "tuixiu": "退休", "yiyuan": "医院", "erji": "二级", "sanji": "三级", "yiji": "一级",
           "guole": "过了", "jinnian": "今年", "diyici": "第一次", "kuai": "块", "qifuxian": "起付线",
           "shequ": "社区", "weishengyuan": "卫生院", "yaodian": "药店", "nanchang": "南昌", "nanchong": "南充",
           "pingliang": "平凉", "tongchou": "统筹", "menzhen": "门诊", "jumin": "居民", "zhigong": "职工",
           # initials typed for speed (xa 在职 三甲 2k 首次 mz统筹): only those one word has — nc is both
           # 南充 and 南昌, and is left for the city question
           "xa": "西安", "qfx": "起付线", "mz": "门诊", "mztc": "门诊统筹"}
_EITHER_RECALLED = rx.compile(r"(还是(?:[一二三123]级|三甲|二甲|三乙|二乙|[甲乙丙]等)(?:医院|的)?)来着")
_TAKEN_BACK = rx.compile(r"不对|说错|错了|搞错|弄错")
_PINYIN_CITIES = frozenset({"nanchang", "nanchong", "pingliang"})  # (Nanchong, working: English, a city named)
#: the same words inside an English sentence (First menzhen visit this year, level-3 hospital (sanji)):
#: English words, so the sentence stays one the English reading understands
_PINYIN_EN = {"zaizhi": "employee", "tuixiu": "retired", "yiyuan": "hospital", "erji": "level 2", "sanji": "level 3",
              "yiji": "level 1", "guole": "met", "jinnian": "this year", "diyici": "first visit", "kuai": "yuan",
              "qifuxian": "deductible", "shequ": "community", "weishengyuan": "township health centre",
              "yaodian": "pharmacy", "nanchang": "nanchang", "nanchong": "nanchong", "pingliang": "pingliang",
              "tongchou": "pooling fund", "menzhen": "outpatient", "jumin": "resident", "zhigong": "employee",
              "xa": "xi'an", "qfx": "deductible", "mz": "outpatient", "mztc": "outpatient pooling"}
#: an English word that is no pinyin of ours: three of them make the sentence English
_LATIN_WORD = rx.compile(r"[a-z]{2,}")
_PINYIN_RE = rx.compile(r"(?<![a-z])(?:" + "|".join(sorted(_PINYIN, key=len, reverse=True)) + r")(?![a-z])")
_TYPO_MAP = dict(_TYPOS)
#: (K264) 南昌在只: 只 for its homophone 职 — never 现在只看过一次 / 还在只用账户 (在, then 只 before a verb)
_ZAIZHI_TYPO = rx.compile(r"(?<![现正实存自所还都就])在只(?![看有是去用花能要剩报买拿开在占交付扣刷])")
# "1200快" is "1200块" typed with the wrong character.
_KUAI_TYPO = rx.compile(r"(?<=[0-9零一二两三四五六七八九十百千万])快(?=钱|$|[^乐速点要去来])")
#: the end of a slip line's label: 检查, 挂号, 药, 营养液, 输液器, 血常规 …
_COST_LABEL_END = rx.compile(r"(?:检查|化验|挂号|诊察|诊查|药|药品|液|针|剂|片|丸|膏|胶囊|颗粒|耗材|材料|器|常规|CT|ct|B超|b超|彩超|拍片"
                             r"|理疗|针灸|推拿|输液|治疗)$")
#: 自费 / 乙类 alone after a figure (then a break): the class of that line
_CLASS_ALONE_AFTER = rx.compile(r"(?:自费|乙类|甲类)(?:的)?(?=$|[/,，。;；)）]|\s+(?![0-9０-９零一二两三四五六七八九十百千¥￥]))")
_SPACE = rx.compile(r"\s+")
_SEPARATORS = frozenset(",，。、;；:：!！?？()（）[]【】")


#: a Chinese word of the bill's parts (乙类, 自费, 定点…) that an English word follows, or that ends a clause
_CJK_WORD_THEN_ENGLISH = rx.compile(r"(?:乙类|甲类|自费|定点|诊察费|中成药|双通道|产检)(?:$| [a-zA-Z]|[,.;:!?，。])")
#: an English word, a space, then such a Chinese word, just before
_ENGLISH_THEN_CJK_WORD = rx.compile(r"[a-zA-Z]{2} (?:乙类|甲类|自费|定点|诊察费|中成药|双通道|产检)$")


def _space(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return " "
    if before.isascii() and before.isalpha() and match.start() >= 2 and text[match.start() - 2].isalpha() \
            and _CJK_WORD_THEN_ENGLISH.match(text, match.end()):
        return " "  # “500 of that was 乙类 drugs”, “NOT 定点”: a Chinese word inside an English sentence
    if after.isascii() and after.isalpha() and _ENGLISH_THEN_CJK_WORD.search(text, 0, match.start()):
        return " "  # (the space after that word: “乙类 drugs”)
    if before == "," and after.isdigit() and match.start() >= 2 and text[match.start() - 2].isdigit():
        return "，"  # “level 1, 300 yuan”: a comma and a space end a clause, never group thousands
    if before in ")）" and after and after not in _SEPARATORS and not after.isascii() and after not in "¥￥" \
            and after not in _NUMERAL:
        return "，"  # “（那次报了180） 今天又去…”: a note in brackets, then the next clause
    if not before or not after or before in _SEPARATORS or after in _SEPARATORS:
        return ""
    if before == "." and after.isdigit() and match.start() >= 2 and text[match.start() - 2].isdigit():
        return "，"  # “level 2. 500 yuan”: a sentence ends after the 2; the 500 is not its decimals
    if after.isdigit() and text[max(0, match.start() - 2):match.start()] in ("写的", "印的", "显示", "写着", "印着"):
        return ""  # “统筹支付写的 102.5”: what the slip says and its figure are one
    if (text[match.end():match.end() + 2] in ("还是", "或者", "或是") and before not in "吗呢吧么嘛") \
            or text[max(0, match.start() - 2):match.start()] in ("还是", "或者", "或是"):
        return ""  # “乡镇卫生院 还是 县医院”: one either-or, never three clauses
    if before == "费" and text[match.end():match.end() + 2] in ("乙类", "甲类", "自费"):
        return ""  # “检查费 乙类 100”: the fee and its class are one label
    if before in "¥￥" and after.isdigit():
        return ""  # “¥ 88.00”: the currency sign and its amount are one
    nxt = text[match.end() + 1] if match.end() + 1 < len(text) else ""
    if before in "千万" and after in "一二两三四五六七八九" and nxt in "百十" and _GROUP_THEN_UNIT.match(text, match.end()):
        return ""  # 一千 五百元 is one number (一千 五百 bare: two figures, which is meant is asked)
    if before in _NUMERAL and after in "次回趟" and not (match.end() + 1 < len(text) and text[match.end() + 1].isdigit()):
        return ""  # “今年 1 次都没看过”: a count and its measure word are one
    if (before in _NUMERAL or before in "kK") and after == "多" and (match.end() + 1 >= len(text) or text[match.end() + 1] in _AFTER_MORE):
        return ""  # “500 多一点”, “花了 800 多”: the hedge belongs to the figure
    if before in _NUMERAL and text.startswith(("出头", "左右", "上下", "来块"), match.end()):
        return ""  # “2000 出头”: the hedge belongs to the figure
    if before in _NUMERAL and after in "里是" and text[match.end():match.end() + 2] not in ("是不", "是否"):
        return ""  # “350 里有 50 是自费的”: the figure and what is said of it are one clause
    if before.isdigit() and after in "月号日" and text[max(0, match.start() - 3):match.start()].strip().isdigit():
        return ""  # “11 月 5 号”: a date typed with spaces is one date
    if before == "月" and after.isdigit() and _DAY_AFTER.match(text, match.end()):
        return ""  # (the day after the month)
    if before in "123一二三" and after == "级" and not text.startswith("级别", match.end()) \
            and (match.start() < 2 or not text[match.start() - 2].isdigit()):
        return ""  # “2 级”: a level and its digit are one (not “1600 级别不清楚”)
    if before in _NUMERAL and _CLASS_ALONE_AFTER.match(text, match.end()):
        return ""  # “某进口药 260 自费 / …”: the class said after the figure, alone, is that line's
    if before in _NUMERAL:
        # “1 200” (a thousands gap) is one number; “1500 300” two; “800 元” one amount
        if after.isascii() and after.isalpha() and not _UNIT_WORD.match(text, match.end()) and after not in "kK":
            return " "  # “10 march”, “20 + medicine”: English keeps its spaces
        if after in _UNIT_AFTER or _UNIT_WORD.match(text, match.end()) or _BORN_AFTER.match(text, match.end()) or (before.isdigit() and _THOUSANDS_GAP.match(text, match.end())
                                    and _LONE_DIGIT.search(text, 0, match.start())
                                    # (“level 1 300块”: the level's digit, then the amount — no thousands gap)
                                    and not _LEVEL_DIGIT_END.search(text, 0, match.start())):
            return ""
        return "，"
    if after in "扣划" and before in "卡户账":
        return ""  # “刷了医保卡 扣了180”: the card and what it paid are one statement
    if after in _DEDUCTIBLE_VERB and _DEDUCTIBLE_END.search(text, 0, match.start()):
        return ""  # “起付线 扣完”: the deductible and what happened to it are one statement
    if after in _NUMERAL and text[max(0, match.start() - 2):match.start()] in ("不是", "没有", "不用"):
        if match.start() < 3 or text[match.start() - 3] in ",，。;；":
            return ""  # “写的是450，不是 500”: a clause that denies the figure — the figure is denied
        return "，"  # “建档立卡不是 壹佰捌拾元”: the denial ends there; the amount is not denied
    if after.isdigit() and _ID_WORD_END.search(text, 0, match.start()):
        return ""  # “尾号 0791”, “工单 2026-1125-88”: an identifier and its number are one
    if before == "第" and after in _NUMERAL:
        return ""  # “第 1 次”: an ordinal and its number are one
    if after in _NUMERAL and _ARTICLE_END.search(text, max(0, match.start() - 3), match.start()):
        return " "  # “a 2,500 annual cap”: an article before a figure is no money word glued to it
    if (after in _NUMERAL or (after in "¥￥" and before in _CUE_END)) and (before in _CUE_END or before.isascii()):
        return ""  # “花了 1200”, “统筹报了 300”, “合计 ¥505.00”: the money word stays with its amount
    if after in _NUMERAL and _COST_LABEL_END.search(text, max(0, match.start() - 6), match.start()):
        return ""  # “挂号 15 药费 420 检查 165”, “自费营养液 66”: a line of a slip, its label and its figure
    if (before == "_" or (before.isalnum() and before.isascii())) and after in "是为=:" and _FIELD_NAME_END.search(text, 0, match.start()):
        return ""  # “hifp_pay 是 495”: a slip's field name and what it is are one
    return "，"  # a space between words separates as a comma does (full-width: never a thousands mark)


_NUMERAL_UNIT_DIGIT = rx.compile(r"(?<![0-9一二两三四五六七八九十百千万])([一二两三四五六七八九])([千万][1-9])(?![0-9])")
_ARTICLE_END = rx.compile(r"(?:^|[^a-z])(?:a|an)$")
_URL_LIKE = rx.compile(r"https?:|www\.")
_SLASH_FIELD = rx.compile(r"(?<=[\u4e00-\u9fff\d%])/(?=[\u4e00-\u9fff\d])")
_JOB_SHORTHAND = rx.compile(r"(?<![在任就])职退|(?<![在任就])职在(?!职)")
_XIE_QI = rx.compile(r"写起(?!付)")
_DEDUCTIBLE_END = rx.compile(r"(?:起付线|起付标准|起付)$")
#: the words that name an identifier (尾号, 工单, 发票号码…): a number after them is never money
ID_WORDS = (r"(?:编号|号码|电话(?:号码?)?|手机号?|尾号|卡号|工号|工单号?|单号|流水号|订单号|发票号码?|票号|票据号码?|收据号码?|受理号"
            r"|病案号|病历号|住院号|门诊号|就诊号|挂号单号|医保号|社保号|身份证号?|no\.?|№)")
_ID_WORD_END = rx.compile(ID_WORDS + r"[:：]?$")
#: a national settlement slip's field name (hifp_pay, psn_cash_pay, acct_pay, medfee_sumamt, …) just before
_FIELD_NAME_END = rx.compile(r"[a-z]+_[a-z_]+$", re.IGNORECASE)
_DEDUCTIBLE_VERB = frozenset("扣过满够已用没还都交达早今也")
_UNIT_WORD = rx.compile(r"(?:yuan|rmb|cny)(?![a-z])", re.IGNORECASE)
#: the last characters of the money words that may stand before an amount (花了, 一共, 还差, 大概…)
_CUE_END = frozenset("了花费共计额有剩差报付是为约概到用交给元块近少多过年药查材品筹账金剂针类写料目疗验片段担满")
_NUMERAL = frozenset("0123456789零一二两三四五六七八九十百千万")
#: what stays with a figure across a space: money units, 万/千 (1.2 万), an age (72 岁), a month or a day (5 月份)
_UNIT_AFTER = frozenset("元块毛角分kK万千岁月号日楼")
#: what may follow the 多 of a hedged figure (800 多 / 100 多一次 / 500 多点 / 200 多块), never 多退少补 or 多少
_AFTER_MORE = frozenset(",，。;；!！?？ 一点块元些的吧呢啊了钱")
_BORN_AFTER = rx.compile(r"年(?:出)?生")  # 1965 年生的: a year of birth
_THOUSANDS_GAP = rx.compile(r"\d{3}(?!\d)")
_DAY_AFTER = rx.compile(r"[0-9]{1,2} ?[号日]")
_LEVEL_DIGIT_END = rx.compile(r"(?:level|tier|grade|class|第)\s?[0-9]$", re.IGNORECASE)
_LONE_DIGIT = rx.compile(r"(?:^|[^\d.])[1-9]$")


_SPACED_CHARS = rx.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff] +){2,}[\u4e00-\u9fff](?![\u4e00-\u9fff])")
#: a numeral's groups spaced apart, each group after the first of a lower unit: three groups or more
#: (一百 二十 五 / 两千 三百 五十), a tens group and its digit (三十 五), or two groups with the unit
#: after them (一千 二百 元). Two bare groups that could each be a figure (一千 三百, 八百 三百) stay
#: two: which is meant is asked, never 1,300 supposed.
_N = "[一二两三四五六七八九]"
_SPACED_NUMERAL = rx.compile(rf"(?:{_N}千 +{_N}百 +(?:{_N}十(?: +{_N})?|{_N})|{_N}千 +{_N}十 +{_N}"
                             rf"|{_N}百 +{_N}十 +{_N}|{_N}?十 +{_N})(?= |块|元|$)"
                             rf"|(?:{_N}千 +{_N}[百十]|{_N}百 +{_N}十)(?= ?(?:块|元))")
#: (after 一千 and a space) 五百元 / 二百 元: the next group, then the unit — one amount
_GROUP_THEN_UNIT = rx.compile(r"[一二两三四五六七八九][百十] ?(?:块|元)")
_SPACED_DIGITS = rx.compile(r"(?<![\d.,])\d(?: \d){2,}(?![\d.,])")
#: a slip's labels as OCR or a hurried hand splits them (统筹基金 支付 / 个人现 金支付 / 现金支 付): one word
_SLIP_LABELS = ("统筹基金支付", "个人现金支付", "个人账户支付", "医疗费总额", "政策范围内费用", "起付标准", "个人自付",
                "个人负担", "自费费用", "个人自费", "现金支付", "账户支付", "基金支付", "统筹支付",
                # 人员类别 在 职: a field's value, spaced as the label is
                "人员类别", "在职", "退休", "灵活就业")
_SPLIT_LABEL = rx.compile("|".join(" ?".join(label) for label in sorted(_SLIP_LABELS, key=len, reverse=True)))
_SUM_SAID = rx.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*\+\s*(\d+(?:\.\d+)?)\s*=\s*(\d+(?:\.\d+)?)(?![\d.])")


def _sum_said(match: re.Match[str]) -> str:
    """600+200=800 that adds up: the total said, its parts dropped (they name no kind); otherwise as said."""
    a, b, c = (Decimal(match.group(i)) for i in (1, 2, 3))
    return f"一共{match.group(3)}" if a + b == c else match.group(0)


_LEVEL_HYPHEN = rx.compile(r"\b(level|tier)-([123])\b")
_DIGITS_OR_DIGITS = rx.compile(r"(\d{2})\s+or\s+(\d{2})")
_MASKED_PHONE = rx.compile(r"(?<![\d.])1\d{2}[ -]?(?:\d{4}|[xX*×]{4})[ -]?[xX*×]{4}(?![\dxX*×])")
_SPACED_PHONE = rx.compile(r"(?<!\d)(1\d{2})[ -](\d{4})[ -](\d{4})(?!\d)")


_CN_DIGIT_OF = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"两": "2"}
#: a Chinese numeral with a decimal point before 万 or 千 (一点二万, 零点零八万, 十二点五万, 三点五千)
_CN_DECIMAL = rx.compile(r"(?<![零一二两三四五六七八九十百千万])(十?[零一二两三四五六七八九]?)点([零一二三四五六七八九]{1,3})(?=[万千wk])")


def _cn_decimal(match: re.Match[str]) -> str:
    whole, frac = match.group(1), match.group(2)
    if not whole:
        return match.group(0)
    if whole.startswith("十"):
        whole_digits = "1" + (_CN_DIGIT_OF[whole[1]] if len(whole) > 1 else "0")
    else:
        whole_digits = _CN_DIGIT_OF[whole]
    return whole_digits + "." + "".join(_CN_DIGIT_OF[c] for c in frac)


#: 85O.OO / l,lOO.OO / 1O5O.OO (lower-cased by then): a slip's figure retyped or read by OCR, the
#: letter o for a zero and l or i for a one — a figure with its two decimals, whole
_OCR_FIGURE = rx.compile(r"(?<![a-z0-9.])[0-9oli]{1,3}(?:,[0-9oli]{3})+\.[0-9oi]{2}(?![a-z0-9])"
                         r"|(?<![a-z0-9.])[0-9oli]+\.[0-9oi]{2}(?![a-z0-9])")
_OCR_DIGIT = str.maketrans("oli", "011")


def _ocr_figure(m: re.Match[str]) -> str:
    figure = m.group(0)
    if not any(c.isdigit() for c in figure) and "," not in figure:
        return figure  # (li.io, lol.oo…: a word, not a figure)
    return figure.translate(_OCR_DIGIT)


_QUOTED_WORD = rx.compile(r"[“「『\"]([^“”「」『』\"\d]{1,10})[”」』\"]")
_CLOCK = rx.compile(r"(?<![\d.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d.])")
_CITY_RETIRED = rx.compile(r"(南充|南昌|平凉|西安)退(?![休了的款钱费还回到出])")
_EACH_AFTER_FIGURE = rx.compile(r"(?<=一(?:个|次|回))([零一二两三四五六七八九十百千万]*[零二两三四五六七八九十百千万])(一(?:个|次|回))"
                                r"(?=[零一二两三四五六七八九十百千万0-9])")
_TWO_LISTED = rx.compile(r"([两2])(次|回)([,，]?)一(?:\2)([0-9零一二两三四五六七八九十百千万.]+(?:元|块)?)[,，]?一\2(?=[0-9零一二两三四五六七八九十百千万])")
_DAYPART_AFTER_FIGURE = rx.compile(r"([0-9](?:元|块|块钱)?)(上午|下午|中午|晚上)")
#: 第一次三月份社区花了两百第二次六月份二级医院花了三百五今天第三次…: visits listed by voice input with
#: no punctuation — each visit begins a clause where a figure ends and the next visit (or the request) begins
_RUN_ON_VISITS = rx.compile(r"第[一二三四五六七八九十两0-9]次")
_RUN_ON_BREAK = rx.compile(r"(?<=[0-9一二三四五六七八九十百千万两零块元钱])"
                           r"(?=第[一二三四五六七八九十两0-9]次|今天|昨天|前天|你帮|帮我|帮忙|请帮|能报|能给)")
_PUNCTUATION = rx.compile(r"[,，。.；;!！?？、 :：]")
#: 药费590，检查400 / 药费一百 检查五十: a slip's lines read aloud, one with its 费 left off right before its figure,
#: beside a fee named in full — that line is a fee too (检查400 alone is no line)
_BARE_FEE_LINE = rx.compile(r"(?<=[,，、;；])(检查|化验|治疗|药)(?=[0-9一二两三四五六七八九十百])")
_FEE_NAMED = rx.compile(r"(?:药|检查|化验|治疗|挂号|诊察)费[0-9一二两三四五六七八九十百]")
#: i have 100 left on my personal account / she has 80 yuan left in her account: the balance, said after its figure
_LEFT_ON_ACCOUNT = rx.compile(r"\b(?:i|she|he|we|they|my \w+)(?: still)? (?:have|has|had|got)(?: only| just| about)? "
                              r"(?:¥|cny ?|rmb ?)?([0-9]+(?:\.[0-9]+)?)(?: ?(?:yuan|rmb|cny|kuai))? left (?:on|in) "
                              r"(?:my|her|his|our|their|the) (?:personal |medical |insurance )*account\b")
#: 开了三样药 / 做了两样检查: things counted, then each told with its figure (一样五十二块，一样九十)
_THINGS_COUNTED = rx.compile(r"[两三四五六七八九几2-9]样(?P<thing>药|检查|化验)")
_EACH_THING = rx.compile(r"(?<![这那同])一样(?=[0-9零一二两三四五六七八九十百千])")
_FEE_OF_THING = {"药": "药费", "检查": "检查费", "化验": "化验费"}
#: 之前在社区看过一回，那回花了一百二 / 去过一次 花了300: one earlier visit, then what it cost, in the next clause
_ONE_VISIT_THEN_COST = rx.compile(r"((?:看|去)过一(?:回|次))[,，](?:那(?:一)?(?:回|次)|当时)?(?=花了|花的|花费|一共花)")
#: 自费的算错了 是100 / 乙类药写错了，应该是300: a part named wrong, then its figure
_PART_WRONG_THEN = rx.compile(r"(自费|乙类药|乙类检查|乙类|甲类|检查费|药费|诊察费|中成药|中药饮片)(?:的|那个|那部分|部分)?"
                              r"(?:算|写|说|记|打|填)错了[,，]?(?:应该|其实|实际上?)?是(?=[0-9零一二两三四五六七八九十百千])")
_TWO_FIGURES = rx.compile(r"(?<![\d.,，])(\d{3})，(?=\d{3}(?![\d.,，]))")


def normalise(text: str) -> str:
    """The message in the form every pattern of the chat package expects."""
    if "\u20e3" in text:
        text = text.replace("\ufe0f", "").replace("\u20e3", "")  # 2️⃣0️⃣0️⃣块: keycap digits are digits
    if "，" in text:
        # 一共花了650，180是起付线: a full-width comma after three digits ends a clause (an input method's
        # comma; 1，200 — one or two digits before it — still groups thousands, as 1,200 does)
        text = _TWO_FIGURES.sub("\\1\ue000", text)
    out = unicodedata.normalize("NFKC", text)
    if "\ue000" in out:
        out = out.replace("\ue000", "，")
    if " " in out or "-" in out:  # (every match of _SPACED_PHONE holds one)
        out = _SPACED_PHONE.sub(r"\1\2\3", out)  # 181 0933 2265: one telephone number, never three amounts
    if "x" in out or "X" in out or "*" in out or "×" in out:
        out = _MASKED_PHONE.sub("手机号", out)  # 我电话139 8017 xxxx: a telephone number, partly hidden — no amount
    out = out.translate(_T2S).lower()
    if "." in out and ("o" in out or "l" in out or "i" in out):
        out = _OCR_FIGURE.sub(_ocr_figure, out)  # 统筹基金支付 39O.OO: a slip's 390.00, read by OCR
    if "支忖" in out:
        out = out.replace("支忖", "支付")  # 统筹基金支忖: a slip's 付 misread by OCR
    if " " in out:
        out = _SPLIT_LABEL.sub(lambda m: m.group(0).replace(" ", ""), out)  # 统筹基金 支付 872.80: one label
        # “今 年 第 一 次”: one character at a time, spaced by the input method — one word
        out = _SPACED_CHARS.sub(lambda m: m.group(0).replace(" ", ""), out)
        out = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), out)  # 花了 1 2 0 0: one number
        # 一共 一百 二十 五 块 (voice input breaking a figure at its units): one number
        out = _SPACED_NUMERAL.sub(lambda m: m.group(0).replace(" ", ""), out)
    if "=" in out and "+" in out:
        out = _SUM_SAID.sub(_sum_said, out)  # 600+200=800: the person's own sum — its total is the bill
    if "level-" in out or "tier-" in out:
        out = _LEVEL_HYPHEN.sub(r"\1 \2", out)  # a level-2 hospital: level 2
    if " left " in out:
        out = _LEFT_ON_ACCOUNT.sub(r"account balance \1", out)  # i have 100 left on my personal account
    if " or " in out:
        out = _DIGITS_OR_DIGITS.sub(r"\1还是\2", out)  # 300 or 3000??: one figure of two, as 300还是3000
    if "“" in out or "「" in out or "『" in out or '"' in out:
        out = _QUOTED_WORD.sub(r"\1", out)  # 结算单上“统筹支付”那里写的是330: a field's name, quoted — the name
    if ":" in out:
        out = _CLOCK.sub("", out)  # 打印时间 2026-11-21 09:32: a time of day is no amount
    if "点" in out:
        out = _CN_DECIMAL.sub(_cn_decimal, out)  # 一点二万 / 零点零八万: 1.2万 / 0.08万 (never 2万 or nothing)
    if "退" in out:
        out = _CITY_RETIRED.sub(r"\1退休", out)  # 南充退 三乙 1k2: the city, and retired
    if (said := _PINYIN_RE.findall(out)) and any(w not in _PINYIN_CITIES for w in said):
        # (before the spaces are read: the words it gives are Chinese, spaced as Chinese is)
        words = _PINYIN_EN if sum(w not in _PINYIN for w in _LATIN_WORD.findall(out)) >= 3 else _PINYIN
        out = _PINYIN_RE.sub(lambda m: words[m.group(0)], out)
    out = _SPACE.sub(_space, out).strip()
    out = _TYPO_RE.sub(lambda m: _TYPO_MAP[m.group(0)], out)
    out = _ZAIZHI_TYPO.sub("在职", out)
    if "钱" in out:
        out = _QIAN_AS_MONEY.sub("千", out)  # 花了一钱二: qian typed as 钱 — 一千二
    if "千" in out or "万" in out:
        # 一千2 / 两千5: a numeral, its unit, then a digit typed — 1千2 (1,200), as typed in digits
        out = _NUMERAL_UNIT_DIGIT.sub(lambda m: _CN_DIGIT_OF[m.group(1)] + m.group(2), out)
    if out.count("/") >= 3 and not _URL_LIKE.search(out):
        out = _SLASH_FIELD.sub("，", out)  # 南充/退休/三级/起付线已扣/1100: a form's fields, one by one
    if "样" in out and (things := _THINGS_COUNTED.search(out)) is not None \
            and len(_EACH_THING.findall(out, things.end())) >= 2:
        # 开了三样药 一样五十二块 一样三十八块五 一样九十: each figure a cost of that kind (药费…), which add up
        fee = _FEE_OF_THING[things.group("thing")]
        out = out[:things.end()] + _EACH_THING.sub(fee, out[things.end():])
    if "过一" in out:
        out = _ONE_VISIT_THEN_COST.sub(r"\1", out)  # 之前在社区看过一回，那回花了一百二: that visit's cost, one clause
    if "错" in out:
        out = _PART_WRONG_THEN.sub(r"不对，\1是", out)  # 自费的算错了，是100: that part corrected — 不对，自费是100
    if "职退" in out or "职在" in out:
        out = _JOB_SHORTHAND.sub(lambda m: "职工退休" if m.group(0) == "职退" else "职工在职", out)  # 职退 平凉 三乙
    if "一个" in out or "一次" in out or "一回" in out:
        # 一个三百一个四百五: two figures, each after its 一个 — never 三百一 (310) and a lost 300
        out = _EACH_AFTER_FIGURE.sub(r"\1，\2", out)
        # 去过社区医院两次，一次280，一次350: the two visits counted, each with its bill — the first and the second
        out = _TWO_LISTED.sub(r"\1\2\3第一\2\4，第二\2", out)
    if "第" in out and len(out) >= 25 and len(_RUN_ON_VISITS.findall(out)) >= 2 and not _PUNCTUATION.search(out):
        out = _RUN_ON_BREAK.sub("，", out)  # 花了两百第二次六月份…: a voice run-on, one clause per visit
    if "午" in out or "晚上" in out:
        out = _DAYPART_AFTER_FIGURE.sub(r"\1，\2", out)  # 上午120下午80: the afternoon's visit is a clause of its own
    if "费" in out and _FEE_NAMED.search(out) and _BARE_FEE_LINE.search(out):
        out = _BARE_FEE_LINE.sub(r"\1费", out)  # 药费590，检查400: 检查费400, a line of the same slip
    if "写起" in out:
        out = _XIE_QI.sub("写着", out)  # 单子上写起 380 (西南官话 写起 = 写着), not 写起付线
    if "来着" in out and not _TAKEN_BACK.search(out):
        # 三级还是二级来着: which of the two is not remembered (after 哦不对 是二级, a correction in doubt: asked)
        out = _EITHER_RECALLED.sub(r"\1，记不清了", out)
    return _KUAI_TYPO.sub("块", out) if "快" in out else out
