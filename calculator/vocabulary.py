"""The one vocabulary: the calculator's codes and the words for them.

Every table that names a code (a person's category, a provider's tier, level and grade, a bill
item's category, a slip's fields, who uses the account and for what) is written here once and
imported by the engine, the bill check, the explanations, the chat and the web forms.

zh-CN labels are the documents' words and the explanations' msgids: ``N_`` marks them for
``pybabel extract`` (``babel.cfg`` reads this file), and the English of a msgid is in
``locales/en``. Where a layer shows a code in English without the catalog (the chat's echo of
what it understood), the English is here beside the Chinese, in the ``*_EN`` tables.

Where two places word the same code differently and both reach output, both forms are kept as
named variants (``ITEM_CATEGORIES`` is the document's wording, ``ITEM_CATEGORIES_SHORT`` the
engine's one-line trace, ``ITEM_CATEGORIES_FORM`` the web form's choices, ``ITEM_CATEGORIES_CHAT``
the chat's echo) rather than one rendered text changing.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "ANSWERS",
    "ANSWERS_EN",
    "BENEFICIARIES",
    "BENEFICIARIES_EN",
    "CATEGORIES",
    "CATEGORIES_EN",
    "GRADES",
    "GRADES_EN",
    "ITEM_CATEGORIES",
    "ITEM_CATEGORIES_CHAT",
    "ITEM_CATEGORIES_CHAT_EN",
    "ITEM_CATEGORIES_FORM",
    "ITEM_CATEGORIES_SHORT",
    "LEVELS",
    "LEVELS_OR_BELOW",
    "LEVELS_OR_BELOW_EN",
    "PURPOSES",
    "PURPOSES_EN",
    "SLIP_FIELDS",
    "TIERS",
    "label",
]


def N_(message: str) -> str:
    """Mark a msgid for extraction; the words stay Chinese here (translated where shown)."""
    return message


# -- people ------------------------------------------------------------------------------------------

#: ``insured.category`` / a visit's settled category.
CATEGORIES = {
    "employee": N_("在职职工"),
    "retiree": N_("退休人员"),
    "flexible": N_("灵活就业人员"),
    "resident": N_("城乡居民"),
}
CATEGORIES_EN = {"employee": "employee", "retiree": "retiree", "flexible": "flexible worker",
                 "resident": "resident"}

# -- providers ---------------------------------------------------------------------------------------

#: The ratio table's keys (``RatioStep.tier``): where the visit is settled.
TIERS = {
    "1": N_("一级及以下定点医疗机构"),
    "2": N_("二级定点医疗机构"),
    "3": N_("三级定点医疗机构"),
    "1A": N_("一级定点医疗机构"),
    "1B": N_("一级定点医疗机构"),
    "1C": N_("一级定点医疗机构"),
    "2A": N_("二级甲等定点医疗机构"),
    "2B": N_("二级乙等定点医疗机构"),
    "2C": N_("二级丙等定点医疗机构"),
    "3A": N_("三级甲等定点医疗机构"),
    "3B": N_("三级乙等定点医疗机构"),
    "3C": N_("三级丙等定点医疗机构"),
    "pharmacy": N_("定点零售药店"),
    "signed": N_("门诊统筹签约机构"),
    "county_tcm": N_("县级中医医院（转诊）"),
    "signed_poor": N_("门诊统筹签约机构"),
    "county_tcm_poor": N_("县级中医医院（转诊）"),
}

#: ``provider.level``: a level by itself (as in “三级甲等医疗机构”).
LEVELS = {1: N_("一级"), 2: N_("二级"), 3: N_("三级")}
#: A level as a person is asked for it (the first level includes what is below it).
LEVELS_OR_BELOW = {1: "一级及以下", 2: "二级", 3: "三级"}
LEVELS_OR_BELOW_EN = {1: "level 1 or below", 2: "level 2", 3: "level 3"}
#: ``provider.grade``.
GRADES = {"A": "甲等", "B": "乙等", "C": "丙等"}
GRADES_EN = {"A": "grade A", "B": "grade B", "C": "grade C"}

# -- bill items --------------------------------------------------------------------------------------

#: ``items[].category`` in the documents' words (the explanations).
ITEM_CATEGORIES = {
    "in_scope": N_("政策范围内费用"),
    "class_b_drug": N_("乙类药品"),
    "class_b_service": N_("乙类诊疗项目和医用耗材"),
    "self_pay": N_("自费费用"),
    "consultation": N_("诊察费"),
    "dual_channel": N_("“双通道”管理谈判药品"),
    "prenatal": N_("产前检查费用"),
    "tcm": N_("中成药、中药饮片和甲类中医诊疗项目"),
}
#: The same codes in the engine's trace and messages (one line of arithmetic).
ITEM_CATEGORIES_SHORT = {**ITEM_CATEGORIES, "dual_channel": "“双通道”谈判药品", "tcm": "中医药费用"}
#: The same codes as choices in the web form.
ITEM_CATEGORIES_FORM = {
    "in_scope": "政策范围内（甲类等）", "class_b_drug": "乙类药品", "class_b_service": "乙类诊疗项目、耗材",
    "self_pay": "自费（目录外）", "consultation": "诊察费", "tcm": "中医药", "dual_channel": "“双通道”谈判药品",
    "prenatal": "产前检查",
}
#: The same codes as the chat repeats what it understood (zh-CN and en).
ITEM_CATEGORIES_CHAT = {
    "self_pay": "自费", "class_b_drug": "乙类药品", "class_b_service": "乙类诊疗项目/耗材", "consultation": "诊察费",
    "tcm": "中成药/中药饮片", "dual_channel": "双通道药品", "prenatal": "产前检查",
}
ITEM_CATEGORIES_CHAT_EN = {
    "self_pay": "self-pay", "class_b_drug": "class-B drugs", "class_b_service": "class-B services",
    "consultation": "consultation fee", "tcm": "TCM", "dual_channel": "dual-channel drugs",
    "prenatal": "prenatal examination",
}

# -- the settlement slip -----------------------------------------------------------------------------

#: A slip's figures, as a slip prints them: the result's names, then the national schema's.
SLIP_FIELDS = {
    "total": "医疗费总额", "excluded": "全自费", "first_self_pay": "先行自付", "deductible_applied": "本次起付线",
    "fund_pays": "统筹基金支付", "personal_pays": "个人负担", "account_pays": "个人账户支付", "cash_pays": "个人现金支付",
    "medfee_sumamt": "医疗费总额", "fulamt_ownpay_amt": "全自费", "preselfpay_amt": "先行自付",
    "act_pay_dedc": "实际支付起付线", "hifp_pay": "统筹基金支出", "acct_pay": "个人账户支出", "psn_cash_pay": "个人现金支出",
}

# -- the personal account ----------------------------------------------------------------------------

#: Who the account pays for.
BENEFICIARIES = {"self": "本人", "spouse": "配偶", "parent": "父母", "child": "子女", "other": "其他亲属或他人"}
#: What the account pays for.
PURPOSES = {
    "designated_hospital": "定点医疗机构就医", "designated_pharmacy": "定点零售药店购药",
    "resident_contribution": "城乡居民医保个人缴费", "serious_illness_contribution": "大病保险（大额医疗费用补助）缴费",
    "checkup": "健康体检", "fitness": "体育健身", "wellness": "养生保健", "public_health": "公共卫生费用",
    "abroad": "境外就医", "work_injury": "工伤医疗费用", "third_party": "应由第三人负担的费用",
    "cash_withdrawal": "提取现金",
}
#: The same, in English (a chat in English answers in English; the quotes stay the document's own).
BENEFICIARIES_EN = {"self": "Yourself", "spouse": "Your spouse", "parent": "Your parents", "child": "Your children",
                    "other": "Other relatives or others"}
PURPOSES_EN = {
    "designated_hospital": "care at a designated hospital", "designated_pharmacy": "medicine at a designated pharmacy",
    "resident_contribution": "resident-scheme contributions", "serious_illness_contribution": "serious-illness insurance contributions",
    "checkup": "health check-ups", "fitness": "sport and fitness", "wellness": "wellness and health products",
    "public_health": "public-health costs", "abroad": "care abroad", "work_injury": "work-injury costs",
    "third_party": "costs a third party must bear", "cash_withdrawal": "cash withdrawal",
}
ANSWERS_EN = {"allowed": "allowed", "not_allowed": "not allowed",
              "pending_rules": "allowed once the agency issues its rules", "not_stated": "not stated in the document"}
#: The documents' answer to “may the account pay”.
ANSWERS = {"allowed": "可以", "not_allowed": "不可以", "pending_rules": "待经办机构出台办法（或条件具备）后可以",
           "not_stated": "文件未规定"}


def label(table: Mapping[str, str], code: str) -> str:
    """The label of ``code`` in ``table``; an unknown code stands for itself."""
    return table.get(code, code)
