"""Grounded answers to questions of fact: the pack's articles ranked by BM25 over character bigrams.

No segmenter: Chinese is tokenised as overlapping character bigrams (ECOSYSTEM.md), latin words as
words. The index is built once per pack from its ``[[articles]]`` texts; the answer quotes the best
articles verbatim and never adds a figure of its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from calculator import get_pack

__all__ = ["best_articles", "excerpt"]

_K1, _B = 1.5, 0.75
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z]+")
#: English words a question may use → the document's own words
_EN = {"minimum": "不低于 支付比例", "least": "不低于", "floor": "不低于 支付比例", "cap": "最高支付限额", "limit": "最高支付限额", "carry": "结转 下一年度 累计", "over": "", "deductible": "起付标准",
       "ratio": "支付比例", "rate": "支付比例", "pharmacy": "药店", "account": "个人账户", "retire": "退休",
       "retired": "退休", "retiree": "退休", "consultation": "诊察费", "flexible": "灵活就业", "offsite": "异地就医",
       "inherit": "继承", "family": "家庭", "doctor": "医生", "prescription": "处方", "year": "年度",
       "parents": "家庭成员 父母 配偶 子女", "mother": "家庭成员 父母", "father": "家庭成员 父母", "spouse": "配偶",
       "medicine": "药品 购药", "check": "体检", "checkup": "健康体检", "valid": "施行 有效期", "until": "有效期 起施行",
       "reimbursement": "报销 支付", "sign": "签约", "signed": "签约", "clinic": "门诊统筹签约机构",
       "transfer": "转诊", "referral": "转诊", "cash": "现金 提取", "withdraw": "提取 套现",
       "decides": "确定 科学合理确定", "decide": "确定 科学合理确定", "sets": "确定 科学合理确定", "numbers": "起付标准 支付比例 最高支付限额",
       "figures": "起付标准 支付比例 最高支付限额", "fix": "不低于 支付比例", "fixes": "不低于 支付比例",
       "prenatal": "产前检查 产前门诊检查 生育", "pregnancy": "产前检查 生育", "maternity": "产前检查 生育",
       "start": "起付标准 起付线 以上", "starts": "起付标准 起付线 以上", "threshold": "起付标准 起付线",
       "paying": "支付", "gym": "体育健身 不得", "fitness": "体育健身 不得",
       # who the document covers (I'm a university student: does it cover me?)
       # how much of a class B drug do I pay myself before the reimbursement
       "class": "乙类 乙类药品", "myself": "个人自付", "before": "先由 先行",
       # is a grade-B level-3 hospital paid like level 2: the ratio by the hospital's level and grade
       "level": "级 定点医疗机构 就诊 支付比例", "grade": "三级乙等 丙等 甲等", "tertiary": "三级", "secondary": "二级",
       "hospital": "定点医疗机构", "hospitals": "定点医疗机构",
       "student": "大学生 适用于", "students": "大学生 适用于", "university": "大学生", "college": "大学生"}
#: everyday words → the document's words (appended to the query)
_ZH = {"明年": "结转 下一年度 累计 结余", "额度": "最高支付限额", "外地": "异地就医 备案 转外就医", "外省": "异地就医 备案",
       "转到": "结转", "药店": "定点零售药店", "继承": "继承", "家里人": "家庭成员", "到期": "施行 有效期 起施行",
       "啥时候": "起 之日", "什么时候": "起 之日", "换": "变更 调整 选定", "哪些地方": "定点医疗机构 条件",
       "哪里": "定点医疗机构", "急诊": "急诊 门诊", "死后": "继承 死亡", "健身": "健身 支付 不得",
       "先自付": "先行自付", "东西": "费用 范围 项目", "产检": "产前门诊检查 产前检查",
       "西药": "转诊 中成药 中药饮片 甲类中医诊疗项目 范围", "双通道": "双通道 谈判药品",
       "能换": "变更 调整 选定 一年", "一年能": "一年 年度 变更",
       "补缴": "补缴 个人账户 划入", "异地安置": "异地安置 备案", "转给别人": "家庭成员 共济 使用",
       "高血压": "高血压 糖尿病 两病", "糖尿病": "高血压 糖尿病 两病", "接着用": "结转 累计 下一年度",
       "哪个月": "当月 次月 变更", "按退休": "退休 当月 变更", "退休待遇": "转退休 次月起 变更 享受",
       # who sets the figures (西安: the bureau, 五（二）)
       "谁定": "确定 科学合理确定 起付标准 支付比例 最高支付限额", "谁来定": "确定 科学合理确定 起付标准 支付比例 最高支付限额",
       "谁规定": "确定 科学合理确定 起付标准", "哪个部门": "医疗保障部门 确定 负责", "数字": "起付标准 支付比例 最高支付限额",
       # who the document covers (这个细则管不管城乡居民, 学生能参加吗, 适用于哪些人)
       "管不管": "适用于 参加 人员", "管得着": "适用于 参加 人员", "适用": "适用于 参加 人员", "能参加": "适用于 参加 人员 参保",
       "包不包括": "适用于 含 人员", "包括不包括": "适用于 含 人员", "算不算在内": "适用于 含 人员",
       # which institutions a resident may sign with, and whether signing is needed at all
       "哪些医院": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "哪些医疗机构": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "签哪些": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "哪些地方能签": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "随便": "定点签约管理 选定一家 未在门诊统筹签约机构 不纳入", "一定要签约": "定点签约管理 选定一家 未在门诊统筹签约机构 不纳入",
       "必须签约": "定点签约管理 选定一家 未在门诊统筹签约机构 不纳入", "不签约": "定点签约管理 选定一家 未在门诊统筹签约机构 不纳入",
       "可以选": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构", "能选": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "用不完": "结转 不结转 年度支付限额",
       "诊察费": "门诊诊察费 不计入 年度最高支付限额",
       # when the fund starts paying: the deductible (还要花多少才开始报, 花到多少才报)
       "开始报": "起付标准 起付线 以上 统筹基金 支付", "才开始": "起付标准 起付线 以上", "才报": "起付标准 起付线 以上",
       "才能报": "起付标准 起付线 以上", "起报": "起付标准 起付线",
       # 低保户 (not 建档立卡): which people the resident documents favour
       "低保": "建档立卡 贫困人口 支付比例 提高", "困难": "建档立卡 贫困人口 支付比例",
       # where a resident may be seen and paid
       "去哪看": "门诊统筹签约机构 定点医疗机构 乡镇卫生院 社区卫生服务机构 签约", "去哪里看": "门诊统筹签约机构 签约 乡镇卫生院 社区卫生服务机构",
       "再扣": "一个自然年度 起付线 年度", "明年再": "一个自然年度 起付线 年度",
       # what kind of institution a resident signs with (签约机构必须是什么样的医疗机构)
       "什么样的医疗机构": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "什么样的医院": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       "哪种医院": "门诊统筹定点医疗机构 应符合 条件 乡镇卫生院 社区卫生服务机构",
       # the account paying a family member's premium (个人账户的钱能给我老娘交城乡居民医保不)
       "老娘": "配偶 父母 子女", "老妈": "配偶 父母 子女", "我妈": "配偶 父母 子女", "老爹": "配偶 父母 子女",
       "我爸": "配偶 父母 子女", "爸妈": "配偶 父母 子女", "老伴": "配偶 父母 子女", "孩子": "配偶 父母 子女",
       "交城乡居民": "参加城乡居民基本医疗保险 个人缴费", "交居民医保": "参加城乡居民基本医疗保险 个人缴费",
       "交医保": "参加城乡居民基本医疗保险 个人缴费", "缴医保": "参加城乡居民基本医疗保险 个人缴费",
       "交保险": "社会保险的个人缴费", "交保费": "社会保险的个人缴费", "缴费": "个人缴费",
       # what a family doctor's contract pays (签了家庭医生有什么好处 / 能多报吗): the ratio's article
       "好处": "报销比例 提高", "多报": "报销比例 提高 比例",
       # students, and the village clinic run with the township centre (村里的卫生室能不能看门诊统筹)
       "学生": "大学生 适用于", "卫生室": "村卫生室 一体化管理 服务网点",
       # a treatment the document does not name (种植牙能报吗): its articles on what the fund pays for
       "种植牙": "政策范围内 普通门诊费用 支付范围 纳入", "镶牙": "政策范围内 普通门诊费用 支付范围 纳入",
       "牙": "政策范围内 普通门诊费用 支付范围"}
#: 两病 (hypertension, diabetes) asked how they are paid: the article on their ratio and cap when seen at the
#: signed institution, not only the one adding the institution
_TWO_DISEASES = re.compile(r"高血压|糖尿病|两病")
_HOW_PAID = re.compile(r"报|政策|比例|怎么算|多少")
#: when the document itself starts and how long it holds (政策哪天开始实行的, 文件管到什么时候, 有效期到哪年) —
#: only of the document, never of a person's benefits (退休待遇从什么时候开始)
_IN_FORCE = re.compile(r"开始实行|开始执行|开始实施|哪天开始|哪年开始|什么时候开始|啥时候开始|生效|管到|管几年|有效期|到期|过期")
_OF_DOCUMENT = re.compile(r"政策|文件|细则|办法|规定|方案|门诊共济|门诊统筹|这个")
_OF_PERSON = re.compile(r"退休|待遇|他|她|账户|起付|划入|计入")
#: words every article shares (place, scheme): they only dilute the ranking
_DROP = re.compile(r"南昌|南充|平凉|西安|职工|居民|医保|城乡|请问|一下|这个|那个")
_STOP = {"的", "了", "吗", "呢", "吧", "是", "不", "能", "有", "在"}


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text.lower()):
        if run.isascii():
            out.append(run)
            continue
        chars = [c for c in run if c not in _STOP] or list(run)
        out += [a + b for a, b in pairwise(chars)] or chars
    return out


@lru_cache(maxsize=16)
def _index(policy: str) -> tuple[list[tuple[str, str]], list[Counter[str]], dict[str, float], float]:
    pack = get_pack(policy)
    docs = [(a.id, a.text) for a in pack.articles if a.text]
    bags = [Counter(_tokens(text)) for _, text in docs]
    n = len(bags) or 1
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    avg = sum(sum(b.values()) for b in bags) / n
    return docs, bags, idf, avg


def _query(question: str) -> list[str]:
    """The question's tokens, with the document's words for its everyday and English ones."""
    words = " ".join(_EN.get(w, w) for w in re.findall(r"[a-z]+", question.lower()))
    extra = " ".join(v for w, v in _ZH.items() if w in question)
    if _TWO_DISEASES.search(question) and _HOW_PAID.search(question):
        extra += " 就医时 报销比例 年度最高支付限额 执行 门诊特殊慢性病政策"
    if _IN_FORCE.search(question) and _OF_DOCUMENT.search(question) and not _OF_PERSON.search(question):
        extra += " 起施行 自 起实施 有效期"
    return _tokens(_DROP.sub(" ", question)) + _tokens(words) + _tokens(extra)


def excerpt(text: str, question: str, width: int = 120) -> str:
    """An article's words to quote for ``question``: the whole text when short, else the sentence that
    shares most words with the question (verbatim, marked ``……`` where it is cut) — the sentence
    that answers (不低于50%) is never cut off after the first 120 characters."""
    if len(text) <= width:
        return text
    sentences = [x for x in re.split(r"(?<=[。；;])", text) if x.strip()]
    asked = set(_query(question))
    best = max(range(len(sentences)), key=lambda i: (len(asked & set(_tokens(sentences[i]))), -i))
    if best == 0 or not asked & set(_tokens(sentences[best])):
        return text[:width] + "……"
    chosen = sentences[best].strip()
    if len(chosen) > width + 40:
        chosen = chosen[: width + 40]
    return "……" + chosen + ("……" if not text.rstrip().endswith(chosen) else "")


def best_articles(policy: str, question: str, k: int = 2) -> list[tuple[str, str, float]]:
    """The ``k`` articles of ``policy`` that best match ``question``: (article id, text, score)."""
    query = _query(question)
    docs, bags, idf, avg = _index(policy)
    scored = []
    for (aid, text), bag in zip(docs, bags, strict=True):
        length = sum(bag.values())
        score = 0.0
        for t in set(query):
            f = bag.get(t, 0)
            if f:
                score += idf.get(t, 0.0) * f * (_K1 + 1) / (f + _K1 * (1 - _B + _B * length / avg))
        if score > 0:
            scored.append((aid, text, score))
    scored.sort(key=lambda x: -x[2])
    return scored[:k]
