"""Whatever a kiosk query or a console form carries, the answer is a page, never a 5xx."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.web.forms import EMBED_PARAMS

_VALUES = {
    "policy": st.sampled_from(["pingliang-employee", "nanchang-employee", "nanchang-resident", "nanchong-employee",
                               "xian-employee", "x"]),
    "category": st.sampled_from(["employee", "retiree", "flexible", "resident", "", "boss"]),
    "kind": st.sampled_from(["hospital", "pharmacy", "spa"]),
    "level": st.sampled_from(["1", "2", "3", "", "0", "x"]),
    "grade": st.sampled_from(["A", "B", "C", "", "Z"]),
    "prescribed_at_level": st.sampled_from(["1", "2", "3", ""]),
    "referral": st.sampled_from(["county_tcm", "", "x"]),
    "date": st.sampled_from(["2026-05-10", "2024-01-01", "2019-02-28", "2030-12-31", "2026-02-30", "x", ""]),
    "retired_on": st.sampled_from(["", "2026-03-15", "2025-12-31", "2026-13-01"]),
}
_MONEY = st.one_of(st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False).map(str),
                   st.sampled_from(["", "-1", "1e400", "NaN", "0", "1.234", "八百", "1,200.50", "¥30"]))
_BOOL = st.sampled_from(["true", "false", "1", "0", "是", "否", "maybe", ""])


def _value(name: str) -> st.SearchStrategy[str]:
    if name in _VALUES:
        return _VALUES[name]
    kind = EMBED_PARAMS[name][0]
    return _MONEY if kind == "money" else _BOOL if kind == "boolean" else st.text(max_size=8)


_params = st.fixed_dictionaries(
    {"policy": _VALUES["policy"], "category": _VALUES["category"]},
    optional={name: _value(name) for name in EMBED_PARAMS if name not in ("policy", "category")},
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_params)
def test_embed_query_never_5xx(client, params):
    r = client.get("/embed/explain", params=params)
    assert r.status_code in (200, 422), r.text[:500]
    assert r.headers["content-type"].startswith("text/html")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_params, rows=st.lists(st.tuples(st.sampled_from(["in_scope", "class_b_drug", "class_b_service",
                                                                  "self_pay", "consultation", "tcm", "dual_channel",
                                                                  "prenatal", "caviar"]), _MONEY), max_size=6),
       slip=_MONEY)
def test_console_form_never_5xx(client, params, rows, slip):
    form = {k: v for k, v in params.items() if k in ("policy", "category", "retired_on", "date", "kind", "level",
                                                      "grade", "prescribed_at_level", "referral", "deductible_used",
                                                      "fund_paid", "account_balance", "designated", "family_doctor")}
    for i, (category, amount) in enumerate(rows):
        form[f"items-{i}-category"] = category
        form[f"items-{i}-amount"] = amount
    form["slip_fund"] = slip
    r = client.post("/console", data=form)
    assert r.status_code in (200, 422), r.text[:500]
