/* 明白账 chat page: talks to POST /api/v1/chat, no framework, no cookies.
 *
 * An answer opens with one or two sentences (what the fund pays, what the person pays) and the
 * facts it rests on (`reply.understood`), each one tap from a correction; the steps, the chart,
 * the readings and the year position fold under “看计算过程”. The sentence only names the
 * result's own fields: the page computes nothing.
 *
 * 长辈版 (elder mode): `?mode=elder` or the header's switch, remembered in localStorage; large
 * type, large targets, the short answer with details on tap, a 朗读 button (speechSynthesis).
 *
 * Safety: everything a person typed, and every string of a reply except `reply.html`, is put in
 * the page with textContent. `reply.html` is the server's own explanation fragment; it is parsed in
 * an inert <template> and stripped of scripts, event handlers and javascript: URLs before use.
 * The session id lives in sessionStorage (memory if that is unavailable) and travels in the body.
 */
(function () {
  "use strict";

  var body = document.body;
  var ENDPOINT = body.getAttribute("data-endpoint") || "/api/v1/chat";
  var MAX = parseInt(body.getAttribute("data-max"), 10) || 500;
  var EMBED = body.hasAttribute("data-embed");
  var LANG = body.getAttribute("data-lang") === "en" ? "en" : "zh-CN";
  var KEY = "mingbai.chat.v2";
  var MODE_KEY = "mingbai.mode";
  var IDLE_MS = 30 * 60 * 1000;        // the server forgets a session after 30 idle minutes
  var KEEP = 40;                       // transcript entries kept for a reload
  var TIMEOUT_MS = 20000;
  var MIN_TYPING_MS = 350;             // the dots show long enough to be seen
  var BUSY_RETRIES = 3;                // a 503 (busy, message not taken) is sent again up to 3 times

  var scroller = document.getElementById("scroller");
  var log = document.getElementById("log");
  var typing = document.getElementById("typing");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  if (!log || !form || !input) { return; }

  var T = {
    "zh-CN": {
      me: "我说：", bot: "明白账说：", quick: "快捷回复", more: "看计算过程", less: "收起计算过程",
      facts: "我理解的情况", fix: "点一下可更正", assumed: "按常见情况假设", fixPrefix: "不对，不是",
      fixSuffix: "，是", calcLead: "按文件算：", alts: "几种可能，并排对比", fund: "统筹基金报", you: "您自己付", youCol: "您自己付",
      account: "账户", cash: "现金", sep: "，", open: "（", close: "）", end: "",
      noBalance: "没有提供个人账户余额，全部按现金计",
      visits: function (n) { return "今年" + n + "次门诊合计："; },
      thisVisit: "这次：", unchanged: "这样改，结果不变：",
      matches: "和结算单一致", differs: "和结算单不一致", slip: "单上", calc: "算出", diff: "相差",
      read: "朗读", stop: "停止朗读", copy: "复制文字", copied: "已复制",
      cleared: "已清除刚才的对话，可以重新开始了", elder: "长辈版", standard: "标准版",
      tooLong: function (n) { return "消息太长了，请不超过" + n + "个字，分几次说。"; },
      rate: "发得太快了，请稍等一分钟再发。", big: "这条消息太长了，请分几次说。",
      server: "服务暂时出了点问题，消息没有发出去，请稍后再试。", failed: "消息没有发出去：",
      failedPlain: "消息没有发出去，请稍后再试。",
      offline: "网络断开了，消息没有发出去。连上网络后再点“发送”。",
      network: "网络连接不上，消息没有发出去，请稍后再试。", resend: "发送失败，点此重新发送",
      cite: "，点开看条款原文",
      fields: { total: "费用合计", excluded: "范围外费用", first_self_pay: "先行自付", deductible_applied: "起付线",
                fund_pays: "统筹基金", personal_pays: "个人负担", account_pays: "个人账户", cash_pays: "现金",
                medfee_sumamt: "费用合计", fulamt_ownpay_amt: "全自费", preselfpay_amt: "先行自付",
                act_pay_dedc: "起付线", hifp_pay: "统筹基金", acct_pay: "个人账户", psn_cash_pay: "现金" }
    },
    "en": {
      me: "You said:", bot: "Mingbai says:", quick: "Quick replies", more: "Show the working", less: "Hide the working",
      facts: "What I understood", fix: "tap to correct", assumed: "assumed", fixPrefix: "No, not ",
      fixSuffix: ", but ", calcLead: "By the document: ", alts: "The possibilities side by side", fund: "The fund pays ", you: "you pay ",
      youCol: "You pay ",
      account: "account ", cash: "cash ", sep: "; ", open: " (", close: ")", end: ".",
      noBalance: "no account balance given, all counted as cash",
      visits: function (n) { return n + " visits this year in all: "; },
      thisVisit: "This visit: ", unchanged: "That changes nothing: ",
      matches: "Matches the slip", differs: "Differs from the slip", slip: "slip ", calc: "calculated ",
      diff: "difference ", read: "Read aloud", stop: "Stop reading", copy: "Copy text", copied: "Copied",
      cleared: "The conversation was cleared; you can start again", elder: "Large text", standard: "Standard",
      tooLong: function (n) { return "The message is too long: at most " + n + " characters, please split it."; },
      rate: "Too fast: please wait a minute.", big: "This message is too long, please split it.",
      server: "The service has a problem; the message was not sent. Please try again later.",
      failed: "The message was not sent: ", failedPlain: "The message was not sent; please try again later.",
      offline: "You are offline; the message was not sent. Tap Send when you are back online.",
      network: "Cannot reach the service; the message was not sent. Please try again later.",
      resend: "Not sent: tap to send again", cite: ": tap for the article's words",
      fields: { total: "Total", excluded: "Outside scope", first_self_pay: "First self-pay",
                deductible_applied: "Deductible", fund_pays: "Fund", personal_pays: "Paid by you",
                account_pays: "Account", cash_pays: "Cash", medfee_sumamt: "Total", fulamt_ownpay_amt: "Self-pay",
                preselfpay_amt: "First self-pay", act_pay_dedc: "Deductible", hifp_pay: "Fund",
                acct_pay: "Account", psn_cash_pay: "Cash" }
    }
  }[LANG];

  // English labels for the dialogue's Chinese quick replies: the chip shows the label and sends
  // the words the dialogue understands.
  var QR_EN = {
    "今年第一次": "First claim this year", "起付线已经扣完了": "Deductible already met",
    "统筹已经报过一些": "The fund has paid some already", "在职职工": "Employee", "退休职工": "Retired employee",
    "灵活就业": "Flexible worker", "城乡居民医保": "Resident scheme", "在职": "Employed", "退休": "Retired",
    "一级及以下": "Level 1 or below", "二级": "Level 2", "三级": "Level 3", "医院": "Hospital", "药店": "Pharmacy",
    "有自费项目": "Some items were self-pay", "又看了一次": "Another visit", "重新开始": "Start over",
    "帮我算一笔": "Work out a bill", "你能做什么": "What can you do?", "不清楚几级": "I don't know the level",
    "南充": "Nanchong", "西安": "Xi'an", "南昌": "Nanchang", "平凉": "Pingliang", "是": "Yes", "不是": "No",
    "甲等": "Grade A", "乙等": "Grade B", "今天": "Today", "三级甲等": "Level 3, grade A",
    "三级乙等": "Level 3, grade B", "三级丙等": "Level 3, grade C",
    "一级及以下开的处方": "Prescribed at level 1 or below", "二级医院开的处方": "Prescribed at a level-2 hospital",
    "三级医院开的处方": "Prescribed at a level-3 hospital", "三级甲等开的处方": "Prescribed at level 3, grade A",
    "三级乙等开的处方": "Prescribed at level 3, grade B", "三级丙等开的处方": "Prescribed at level 3, grade C",
    "在签约机构看的": "At my signed institution", "转诊到县中医院": "Referred to the county TCM hospital",
    "在别的医院看的": "At another hospital", "在药店买的": "At a pharmacy",
    "在开处方的医院拿的": "At the hospital that wrote it", "乙类药品": "Class-B drugs",
    "乙类检查、治疗项目或耗材": "Class-B tests, services or supplies", "能给我爸妈买药吗": "Can it buy medicine for my parents?",
    "能用来体检吗": "Can it pay for a check-up?", "每月划多少": "How much goes in each month?",
    "个人账户能给我妈买药吗": "Can my account buy medicine for my mother?",
    "我是南昌退休职工，三级医院花了一千二": "Nanchang, retired employee, level-3 hospital, ¥1,200",
    "平凉在职，三甲医院1200元": "Pingliang, employee, level-3 grade-A hospital, ¥1,200",
    "本次总费用": "Total of this bill", "其中自费": "Self-pay part", "其中乙类药": "Class-B drugs part",
    "今年统筹已报销": "Fund already paid this year", "结算单上统筹支付": "Fund figure on the slip",
    "结算单上个人负担": "My share on the slip", "医保范围内": "Within scope", "自费": "Self-pay",
    "乙类药": "Class-B drugs", "乙类检查或耗材": "Class-B tests or supplies",
    "是统筹报销的钱": "What the fund paid", "是一共花的钱": "What I spent in all",
    "全部都是中药": "All of it was Chinese medicine", "是定点机构": "Designated",
    "办了备案": "Filed", "没办备案": "Not filed", "昨天": "Yesterday",
    "没有自费": "No self-pay", "自费100": "Self-pay 100", "不知道": "Don't know",
    "起付线已扣满": "Deductible already met", "定点药店": "Pharmacy", "未经转诊": "Not referred",
    "经签约机构转诊": "Referred by the signed institution", "未签家庭医生": "No family-doctor contract",
    "签了家庭医生": "Family-doctor contract", "非建档立卡": "Not registered poor",
    "建档立卡贫困人口": "Registered poor", "不是签约机构": "Not the signed institution",
    "是签约机构": "The signed institution", "按我结算单上的数字算": "Use the figures on my slip",
    "比例60%，起付线300，限额2000（按我的结算单）": "Use the figures on my slip",
    "日期不是今天": "Not today", "不是定点机构": "Not designated", "在住院期间": "During an inpatient stay"
  };
  function chipLabel(say) {
    if (LANG !== "en") { return say; }
    if (QR_EN[say]) { return QR_EN[say]; }
    // 未经转诊，未签家庭医生: an alternative's label joins several facts
    var parts = String(say).split("，");
    return parts.length > 1 && parts.every(function (p) { return QR_EN[p]; })
      ? parts.map(function (p) { return QR_EN[p]; }).join(", ") : say;
  }

  var motionQuery = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function calm() { return body.classList.contains("elder") || !!(motionQuery && motionQuery.matches); }
  var busy = false;

  // -- storage: sessionStorage, or memory when it is blocked (some embedded WebViews) -------------
  var memory = {};
  function backing(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }
  function keep(kind, key) {
    return {
      get: function () {
        var raw = null, s = backing(kind);
        try { raw = s ? s.getItem(key) : null; } catch (e) { raw = null; }
        if (raw === null && memory[key] !== undefined) { raw = memory[key]; }
        return raw;
      },
      set: function (raw) {
        memory[key] = raw;
        var s = backing(kind);
        try { if (s) { s.setItem(key, raw); } } catch (e) { /* memory only */ }
      },
      clear: function () {
        delete memory[key];
        var s = backing(kind);
        try { if (s) { s.removeItem(key); } } catch (e) { /* nothing stored */ }
      }
    };
  }
  var chatStore = keep("sessionStorage", KEY);
  var modeStore = keep("localStorage", MODE_KEY);
  var store = {
    get: function () {
      var raw = chatStore.get();
      if (!raw) { return null; }
      try { return JSON.parse(raw); } catch (e) { return null; }
    },
    set: function (value) { chatStore.set(JSON.stringify(value)); },
    clear: function () { chatStore.clear(); }
  };

  var state = store.get();
  if (!state || typeof state !== "object" || (Date.now() - (state.last || 0)) > IDLE_MS) {
    state = { sid: null, items: [], last: 0 };
    store.clear();
  }
  if (!Array.isArray(state.items)) { state.items = []; }

  function save() {
    state.last = Date.now();
    if (state.items.length > KEEP) { state.items = state.items.slice(-KEEP); }
    store.set(state);
  }

  // -- 长辈版: ?mode=elder|standard sets it; otherwise the device remembers ---------------------
  var modeButton = document.querySelector("[data-action=mode]");
  function applyMode(elder) {
    body.classList.toggle("elder", elder);
    if (modeButton) {
      // the button names the view it switches to (a changing name and aria-pressed would contradict)
      modeButton.textContent = elder ? T.standard : T.elder;
      modeButton.setAttribute("data-elder", elder ? "on" : "off");
    }
  }
  var asked = body.getAttribute("data-mode");
  if (asked === "elder" || asked === "standard") { modeStore.set(asked); }
  applyMode((asked || modeStore.get()) === "elder");

  // -- small DOM helpers ----------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function hidden(text) { return el("span", "visually-hidden", text); }

  function button(className, text) {
    var b = el("button", className, text);
    b.type = "button";
    return b;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function personIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M12 12.2a4.6 4.6 0 1 0 0-9.2 4.6 4.6 0 0 0 0 9.2zm0 2.1c-4.2 0-8.3 2.1-8.3 5.2V21h16.6v-1.5c0-3.1-4.1-5.2-8.3-5.2z");
    svg.appendChild(path);
    return svg;
  }

  function avatar(role) {
    var a = el("span", "avatar avatar-" + role);
    a.setAttribute("aria-hidden", "true");
    if (role === "bot") { a.textContent = "明"; } else { a.appendChild(personIcon()); }
    return a;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function timeLabel(ts) {
    var d = new Date(ts), now = new Date();
    var hm = pad(d.getHours()) + ":" + pad(d.getMinutes());
    if (d.toDateString() === now.toDateString()) { return hm; }
    return LANG === "en" ? (d.getMonth() + 1) + "/" + d.getDate() + " " + hm
                         : (d.getMonth() + 1) + "月" + d.getDate() + "日 " + hm;
  }

  // "1200.00" → "¥1,200.00" without going through floating point
  function yuan(value) {
    if (value === null || value === undefined) { return ""; }
    var s = String(value), neg = s.charAt(0) === "-";
    if (neg) { s = s.slice(1); }
    var parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "−" : "") + "¥" + whole + (parts.length > 1 ? "." + parts[1] : "");
  }

  // -- scrolling: keep the person's question in view, the answer right under it -----------------
  function scrollToBottom() {
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: calm() ? "auto" : "smooth" });
  }

  function showAnswer(question, answer) {
    var room = scroller.clientHeight;
    var from = question ? question.offsetTop - 8 : answer.offsetTop - 8;
    var to = answer.offsetTop + answer.offsetHeight + 16;
    if (to - from <= room) { scrollToBottom(); return; }
    scroller.scrollTo({ top: Math.max(0, from), behavior: calm() ? "auto" : "smooth" });
  }

  // -- rendering ------------------------------------------------------------------------------
  function addTimeIfDue(ts) {
    var last = log.getAttribute("data-last-ts");
    var row = null;
    if (!last || ts - parseInt(last, 10) > 5 * 60 * 1000) {
      row = el("div", "sys sys-time");
      row.appendChild(el("span", "", timeLabel(ts)));
      log.appendChild(row);
    }
    log.setAttribute("data-last-ts", String(ts));
    return { node: row, before: last };
  }

  function renderMine(text, ts, label) {
    var stamp = addTimeIfDue(ts);
    var row = el("div", "msg msg-me");
    // a message that could not be sent is taken back together with the time shown for it
    row.takeBack = function () {
      row.remove();
      if (stamp.node) { stamp.node.remove(); }
      if (stamp.before) { log.setAttribute("data-last-ts", stamp.before); } else { log.removeAttribute("data-last-ts"); }
    };
    row.appendChild(avatar("me"));
    var wrap = el("div", "msg-body");
    wrap.appendChild(hidden(T.me));
    wrap.appendChild(el("div", "bubble bubble-text", label || chipLabel(text)));  // textContent: never markup
    row.appendChild(wrap);
    log.appendChild(row);
    return row;
  }

  function renderSystem(text, kind) {
    var row = el("div", "sys" + (kind ? " sys-" + kind : ""));
    row.appendChild(el("span", "", text));
    log.appendChild(row);
    return row;
  }

  function chipsFor(list) {
    var group = el("div", "chips");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.quick);
    list.forEach(function (say) {
      if (typeof say !== "string" || !say) { return; }
      var chip = button("chip", chipLabel(say));
      chip.setAttribute("data-say", say);
      group.appendChild(chip);
    });
    return group;
  }

  var DROP = { SCRIPT: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, LINK: 1, META: 1, BASE: 1, FORM: 1, INPUT: 1,
               BUTTON: 1, TEXTAREA: 1, SELECT: 1, FOREIGNOBJECT: 1, AUDIO: 1, VIDEO: 1, IMG: 1 };

  // The server's explanation fragment, parsed inert and cleaned (defence in depth).
  function fragmentFrom(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var walker = [template.content];
    while (walker.length) {
      var node = walker.pop();
      var children = node.children ? Array.prototype.slice.call(node.children) : [];
      children.forEach(function (child) {
        if (DROP[child.tagName.toUpperCase()]) { child.remove(); return; }
        Array.prototype.slice.call(child.attributes).forEach(function (attr) {
          var name = attr.name.toLowerCase();
          var value = attr.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
          if (name.indexOf("on") === 0 || name === "srcdoc" ||
              ((name === "href" || name === "src" || name === "xlink:href" || name === "action") &&
               value.indexOf("javascript:") === 0)) {
            child.removeAttribute(attr.name);
          }
        });
        walker.push(child);
      });
    }
    return template.content;
  }

  function squash(s) { return String(s).replace(/[\s：:。，,、；;（）()“”"'‘’【】〔〕\[\]·—\-]/g, ""); }

  // The figures to say first, read off the calculation result (nothing is computed here).
  function summary(result) {
    if (!result || !Array.isArray(result.visits) || !result.visits.length) { return null; }
    var visits = result.visits, last = visits[visits.length - 1];
    var whole = visits.length > 1 && result.totals ? result.totals : last;
    // this visit first (what the person asked about), the year's totals after it
    // no balance given: the account's share is not known (the account step says so), not ¥0.00
    var noBalance = Number(last.personal_pays) > 0 && (last.steps || []).some(function (s) {
      return s && s.kind === "account" && s.available && s.balance_before === null;
    });
    return { n: visits.length, fund: last.fund_pays, personal: last.personal_pays, noBalance: noBalance,
             account: last.account_pays, cash: last.cash_pays,
             yearFund: whole.fund_pays, yearPersonal: whole.personal_pays };
  }

  function sameFigures(a, b) {
    if (!a || !b) { return false; }
    return ["n", "fund", "personal", "noBalance", "account", "cash", "yearFund", "yearPersonal"].every(function (k) { return a[k] === b[k]; });
  }

  function figure(className, value) { return el("b", "fig " + className, yuan(value)); }

  // 统筹基金报¥330.00，您自己付¥870.00（账户¥0.00，现金¥870.00）
  // who pays the personal share, as the reply names them (您爱人自己付 for a relative's visit); null for the
  // writer's own, each place then keeping its own words (T.you in a sentence, T.youCol atop a column)
  function youPay(reply) {
    return reply && typeof reply.payer === "string" && reply.payer ? reply.payer + "自己付" : null;
  }

  function answerLine(sum, prefix, you) {
    var p = el("p", "answer-head");
    if (prefix) { p.appendChild(el("span", "answer-if", prefix)); }
    if (sum.n > 1) { p.appendChild(document.createTextNode(T.thisVisit)); }
    p.appendChild(document.createTextNode(T.fund));
    p.appendChild(figure("fig-fund", sum.fund));
    p.appendChild(document.createTextNode(T.sep + (you || T.you)));
    p.appendChild(figure("fig-personal", sum.personal));
    if (sum.noBalance) {
      p.appendChild(document.createTextNode(T.open + T.noBalance + T.close));
    } else if (sum.account !== undefined && sum.account !== null && sum.cash !== undefined && sum.cash !== null) {
      p.appendChild(document.createTextNode(T.open + T.account));
      p.appendChild(el("span", "fig-account", yuan(sum.account)));
      p.appendChild(document.createTextNode(T.sep + T.cash));
      p.appendChild(el("span", "fig-cash", yuan(sum.cash)));
      p.appendChild(document.createTextNode(T.close));
    }
    p.appendChild(document.createTextNode(T.end));
    if (sum.n > 1) {
      var also = el("span", "answer-this", T.visits(sum.n) + T.fund);
      also.appendChild(el("b", "fig-year", yuan(sum.yearFund)));
      also.appendChild(document.createTextNode(T.sep + (you || T.you)));
      also.appendChild(el("b", "fig-year", yuan(sum.yearPersonal)));
      also.appendChild(document.createTextNode(T.end));
      p.appendChild(document.createTextNode(" "));
      p.appendChild(also);
    }
    return p;
  }

  function factsList(understood) {
    var list = el("ul", "facts");
    list.setAttribute("aria-label", T.facts + "（" + T.fix + "）");
    understood.forEach(function (fact) {
      if (!fact || typeof fact.text !== "string" || !fact.text) { return; }
      var item = el("li", "fact" + (fact.source === "assumed" ? " fact-assumed" : ""));
      var b = button("fact-fix", fact.text);
      if (fact.source === "assumed") { b.appendChild(el("small", "fact-tag", T.assumed)); }
      b.appendChild(hidden("，" + T.fix));
      b.setAttribute("data-fix", fact.text);
      item.appendChild(b);
      list.appendChild(item);
    });
    return list;
  }

  function alternativesBox(alternatives, you) {
    var box = el("div", "alts");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", T.alts);
    alternatives.forEach(function (alt) {
      if (!alt || typeof alt.label !== "string") { return; }
      var col = el("div", "alt");
      col.appendChild(el("div", "alt-label", alt.label));
      var f = el("div", "alt-row", T.fund);
      f.appendChild(figure("fig-fund", alt.fund_pays));
      var y = el("div", "alt-row", you || T.youCol);
      y.appendChild(figure("fig-personal", alt.personal_pays));
      col.appendChild(f);
      col.appendChild(y);
      if (typeof alt.account_pays === "string" && typeof alt.cash_pays === "string") {
        // (a balance told: of the personal share, what the account pays and what is cash)
        col.appendChild(el("div", "alt-split", T.account + " " + yuan(alt.account_pays)));
        col.appendChild(el("div", "alt-split", T.cash + " " + yuan(alt.cash_pays)));
      }
      box.appendChild(col);
    });
    return box;
  }

  function checkBox(check, line) {
    var box = el("div", "check check-" + (check.verdict === "matches" ? "ok" : "differs"));
    box.appendChild(el("p", "check-verdict", check.verdict === "matches" ? T.matches : T.differs));
    if (Array.isArray(check.differences) && check.differences.length) {
      var list = el("ul", "check-diffs");
      check.differences.forEach(function (d) {
        if (!d) { return; }
        var item = el("li", "", (T.fields[d.field] || d.field) + "：");
        item.appendChild(document.createTextNode(T.slip + yuan(d.slip) + T.sep + T.calc + yuan(d.calculated)));
        if (d.difference) { item.appendChild(document.createTextNode(T.sep + T.diff + yuan(d.difference))); }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    var said = [];
    (Array.isArray(check.causes) ? check.causes : []).forEach(function (c) {
      if (c && typeof c.text === "string" && c.text) { said.push(c.text); }
    });
    if (!said.length && check.verdict !== "matches" && typeof check.text === "string") { said.push(check.text); }
    // the calculated answer before the causes: the person's share stays on the first screen
    if (line) { box.appendChild(line); }
    said.forEach(function (t) { box.appendChild(el("p", "check-cause", t)); });
    return box;
  }

  // what the voice says: "¥1,200.00" read as "1200元" (Chinese) / "1200 yuan" (English)
  function spoken(text) {
    var unit = LANG === "en" ? " yuan" : "元";
    return text.replace(/−?¥([\d,]+)(\.\d\d)?/g, function (all, whole, cents) {
      var n = whole.replace(/,/g, "") + (cents && cents !== ".00" ? cents : "");
      return (all.charAt(0) === "−" ? (LANG === "en" ? "minus " : "负") : "") + n + unit;
    });
  }

  var speaking = null;
  function speak(text, control) {
    var synth = window.speechSynthesis;
    if (!synth || !window.SpeechSynthesisUtterance) { return; }
    if (speaking === control) { synth.cancel(); return; }
    synth.cancel();
    var u = new window.SpeechSynthesisUtterance(spoken(text));
    u.lang = LANG === "en" ? "en-US" : "zh-CN";
    var voices = synth.getVoices ? synth.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (String(voices[i].lang).replace("_", "-").toLowerCase().indexOf(LANG === "en" ? "en" : "zh-cn") === 0) {
        u.voice = voices[i]; break;
      }
    }
    u.rate = body.classList.contains("elder") ? 0.85 : 1;
    var done = function () {
      if (speaking === control) { speaking = null; }
      control.textContent = T.read;
      control.setAttribute("aria-pressed", "false");
    };
    u.onend = done;
    u.onerror = done;
    if (speaking) { speaking.textContent = T.read; speaking.setAttribute("aria-pressed", "false"); }
    speaking = control;
    control.textContent = T.stop;
    control.setAttribute("aria-pressed", "true");
    synth.speak(u);
  }

  function renderCard(reply) {
    var card = el("div", "card");
    var sum = reply.sum || null;
    var understood = Array.isArray(reply.understood) ? reply.understood : [];
    var holder = null, opening = null, lead = [], notes = [];

    if (reply.html) {
      var frag = fragmentFrom(reply.html);
      // 〔第十七条〕 → 第十七条: the chip's own shape replaces the brackets
      Array.prototype.forEach.call(frag.querySelectorAll(".mb-cite > summary"), function (summaryNode) {
        var label = summaryNode.textContent.trim();
        var bare = /^〔([^〔〕]+)〕$/.exec(label);
        if (bare) { summaryNode.textContent = bare[1]; summaryNode.setAttribute("aria-label", bare[1] + T.cite); }
      });
      holder = el("div", "card-body");
      holder.appendChild(frag);
      // the chart first in the working: it illustrates the answer just above
      var chartFigure = holder.querySelector(".mb-chart");
      var explanationNode = holder.querySelector(".mb-explanation");
      if (chartFigure && explanationNode) { explanationNode.insertBefore(chartFigure, explanationNode.firstChild); }
      // the headline says the totals: the table would say them a second time
      if (sum) { Array.prototype.forEach.call(holder.querySelectorAll(".mb-totals"), function (t) { t.remove(); }); }
      // the opening sentence (who, where, how much) is the understood facts when none are listed
      opening = holder.querySelector(".mb-opening");
      if (opening) { opening.remove(); }
      // Lines of the text answer the explanation does not say (a "如果这样：" lead, the dialogue's
      // own assumptions) are shown once, as text.
      // citation marks (〔第七条、第五条〕, and a document number's 〔2022〕) are set aside on both sides
      var unmark = function (t) { return t.replace(/〔[^〔〕]*〕/g, ""); };
      var shown = squash(unmark(holder.textContent + (opening ? opening.textContent : "")));
      var seen = false;
      String(reply.text || "").split("\n").forEach(function (line) {
        var plain = line.trim();
        if (!plain) { return; }
        // a step's line is the same sentence up to its first citation mark (the rich view puts the
        // article's words and a reading's note after it)
        var bare = plain.replace(/^\d+[.、]\s*/, "");
        var cut = bare.indexOf("〔");
        var key = squash(cut >= 6 ? bare.slice(0, cut) : unmark(bare));
        if (!key || shown.indexOf(key) !== -1) { seen = true; return; }
        // the text reply's own opening sentence (统筹基金报…，您自己付…) is the headline shown above
        if (sum && /^(统筹基金支付|统筹基金报|这次：统筹基金报|今年\d+次门诊合计|This visit: |个人负担|其中个人账户|其中现金|Paid by|Of which|Fund pays|The fund pays|All \d+ visits this year)/.test(plain)) {
          seen = true; return;
        }
        (seen ? notes : lead).push(plain);
      });
    }

    // a short lead such as "如果这样：" (a what-if) opens the answer's sentence
    var prefix = "";
    if (sum && lead.length === 1 && lead[0].length <= 12 && /[：:]$/.test(lead[0])) { prefix = lead.pop(); }
    if (lead.length) { card.appendChild(el("p", "card-lead", lead.join("\n"))); }

    var answer = el("div", "answer");
    var hasAlts = Array.isArray(reply.alternatives) && reply.alternatives.length > 0;
    if (reply.bill_check && typeof reply.bill_check === "object") {
      answer.appendChild(checkBox(reply.bill_check, sum ? answerLine(sum, prefix || T.calcLead, youPay(reply)) : null));
    } else if (sum) { answer.appendChild(answerLine(sum, prefix, youPay(reply))); }
    if (!sum && !reply.bill_check && !holder && hasAlts) {
      // the columns say each possibility's figures: its text lines (“· 二级：……”) are not printed again,
      // and the columns come right after the first sentence, the hint under them
      // (every line before the first “·” line leads — a note said first, then the head — the rest is the hint)
      var lines = String(reply.text || "").split("\n");
      var firstDot = lines.findIndex(function (l) { return /^\s*·/.test(l); });
      var before = (firstDot < 0 ? lines.slice(0, 1) : lines.slice(0, firstDot)).filter(function (l) { return l.trim(); });
      var after = (firstDot < 0 ? lines.slice(1) : lines.slice(firstDot)).filter(function (l) { return !/^\s*·/.test(l) && l.trim(); });
      answer.appendChild(el("p", "answer-text", before.join("\n")));
      answer.appendChild(alternativesBox(reply.alternatives, youPay(reply)));
      if (after.length) { answer.appendChild(el("p", "answer-text answer-hint", after.join("\n"))); }
    } else {
      if (!sum && !reply.bill_check && !holder) { answer.appendChild(el("p", "answer-text", reply.text || "")); }
      if (hasAlts) { answer.appendChild(alternativesBox(reply.alternatives, youPay(reply))); }
    }
    card.appendChild(answer);

    var facts = null;
    if (understood.length) {
      facts = factsList(understood);
      notes = [];  // the dialogue's assumptions are among the understood facts
    } else if (opening) {
      facts = el("p", "facts-line", opening.textContent.trim());
    }
    var elder = body.classList.contains("elder");
    if (facts && !elder) { card.appendChild(facts); }

    if (holder) {
      var more = el("details", "more");
      var summaryLine = el("summary", "", T.more);
      more.appendChild(summaryLine);
      if (facts && elder) { more.appendChild(facts); }
      more.appendChild(holder);
      if (notes.length) { holder.appendChild(el("p", "card-notes", notes.join("\n"))); }
      more.addEventListener("toggle", function () { summaryLine.textContent = more.open ? T.less : T.more; });
      card.appendChild(more);
    }

    // read aloud, or copy: the short answer first, then the whole text
    var foot = el("div", "card-foot");
    var short = answer.textContent.replace(/\s+/g, " ").trim();
    if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
      var read = button("read", T.read);
      read.setAttribute("aria-pressed", "false");
      read.addEventListener("click", function () { speak(short, read); });
      foot.appendChild(read);
    }
    var copy = button("copy", T.copy);
    copy.addEventListener("click", function () {
      var whole = sum ? short + "\n\n" + (reply.text || "") : (reply.text || "");
      copyText(whole, copy);
    });
    foot.appendChild(copy);
    card.appendChild(foot);
    return card;
  }

  function renderBot(reply, withChips) {
    var row = el("div", "msg msg-bot");
    row.appendChild(avatar("bot"));
    var wrap = el("div", "msg-body");
    wrap.appendChild(hidden(T.bot));
    if (reply.same && reply.sum) {
      // a what-if that changes nothing: one line
      var line = el("div", "bubble bubble-text bubble-same", T.unchanged);
      line.appendChild(document.createTextNode(T.fund));
      line.appendChild(figure("fig-fund", reply.sum.fund));
      line.appendChild(document.createTextNode(T.sep + (youPay(reply) || T.you)));
      line.appendChild(figure("fig-personal", reply.sum.personal));
      line.appendChild(document.createTextNode(T.end));
      wrap.appendChild(line);
    } else if (reply.html || reply.sum || reply.bill_check || (reply.alternatives && reply.alternatives.length)) {
      row.classList.add("msg-rich");
      wrap.appendChild(renderCard(reply));
    } else {
      wrap.appendChild(el("div", "bubble bubble-text", reply.text || ""));
    }
    if (withChips && reply.quick_replies && reply.quick_replies.length) {
      wrap.appendChild(chipsFor(reply.quick_replies));
    }
    row.appendChild(wrap);
    log.appendChild(row);
    return row;
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = T.copied;
      button.classList.add("done");
      setTimeout(function () { button.textContent = T.copy; button.classList.remove("done"); }, 1800);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, legacy);
    } else {
      legacy();
    }
    function legacy() {
      var area = el("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* nothing copied */ }
      area.remove();
    }
  }

  function spendChips() {
    var spent = Array.prototype.slice.call(log.querySelectorAll(".chips:not([data-spent])"));
    spent.forEach(function (group) { group.setAttribute("data-spent", ""); });
    return spent;
  }

  // -- the composer ---------------------------------------------------------------------------
  function autosize() {
    if (!input.value) { input.style.height = ""; return; }   // the placeholder's height does not count
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }

  function refreshButton() {
    sendButton.disabled = busy || !input.value.trim();
  }

  function setBusy(on) {
    busy = on;
    typing.hidden = !on;
    scroller.setAttribute("aria-busy", on ? "true" : "false");
    refreshButton();
    if (on) { scrollToBottom(); }
  }

  // -- talking to the server ------------------------------------------------------------------
  function problemText(status, problem) {
    var detail = problem && typeof problem.detail === "string" ? problem.detail : "";
    if (status === 429) { return T.rate; }
    if (status === 413) { return T.big; }
    if (status >= 500) { return T.server; }
    if (detail) { return T.failed + detail; }
    return T.failedPlain;
  }

  function post(payload) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "Accept-Language": LANG },
      body: JSON.stringify(payload),
      credentials: "omit",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (timer) { clearTimeout(timer); }
      return response.json().catch(function () { return null; }).then(function (data) {
        return { status: response.status, ok: response.ok, data: data,
                 retryAfter: Number(response.headers.get("Retry-After")) || 1 };
      });
    }, function (error) {
      if (timer) { clearTimeout(timer); }
      throw error;
    });
  }

  function delay(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function clearConversation() {
    Array.prototype.slice.call(log.children).forEach(function (child) {
      if (!child.hasAttribute("data-greeting")) { child.remove(); }
    });
    log.removeAttribute("data-last-ts");
    state = { sid: null, items: [], last: 0 };
    store.clear();
  }

  function send(text, label) {
    text = String(text || "").trim();
    label = label && label !== text ? String(label) : "";
    if (!text || busy) { return; }
    if (text.length > MAX) {
      renderSystem(T.tooLong(MAX), "error");
      scrollToBottom();
      return;
    }
    var typed = input.value.trim() === text;
    var spent = spendChips();
    var ts = Date.now();
    var mine = renderMine(text, ts, label);
    if (typed) { input.value = ""; autosize(); }
    setBusy(true);
    var started = Date.now();

    function attempt(retried, busyTries) {
      var payload = { message: text };
      if (state.sid) { payload.session_id = state.sid; }
      return post(payload).then(function (res) {
        if (!res.ok && !retried && res.status === 422 && res.data && Array.isArray(res.data.errors) &&
            res.data.errors.some(function (e) { return e && e.path === "session_id"; })) {
          state.sid = null;                  // a stale or damaged id: start a fresh session once
          return attempt(true, busyTries);
        }
        if (res.status === 503 && busyTries < BUSY_RETRIES) {
          // the server was busy and did not take the message (it says so): sent again after the
          // wait it asks for, a little spread so that many waiting phones do not come back at once
          var wait = Math.min(Math.max(res.retryAfter, 1), 5) * 1000 + Math.floor(Math.random() * 400);
          return delay(wait).then(function () { return attempt(retried, busyTries + 1); });
        }
        return res;
      });
    }

    attempt(false, 0).then(function (res) {
      return delay(Math.max(0, MIN_TYPING_MS - (Date.now() - started))).then(function () { return res; });
    }).then(function (res) {
      setBusy(false);
      if (!res.ok || !res.data || !res.data.reply) {
        fail(problemText(res.status, res.data));
        return;
      }
      var reply = res.data.reply;
      var sum = summary(reply.result || (reply.bill_check && typeof reply.bill_check === "object"
                                         ? reply.bill_check.result : null));
      var kept = { text: String(reply.text || ""), html: reply.html || null,
                   quick_replies: Array.isArray(reply.quick_replies) ? reply.quick_replies : [],
                   intent: reply.intent || null, sum: sum,
                   payer: typeof reply.payer === "string" ? reply.payer : null,
                   understood: Array.isArray(reply.understood) ? reply.understood : [],
                   alternatives: Array.isArray(reply.alternatives) ? reply.alternatives : [],
                   bill_check: reply.bill_check && typeof reply.bill_check === "object" ? reply.bill_check : null };
      if (reply.intent === "what_if" && sum && sameFigures(sum, lastSummary())) { kept.same = true; }
      if (reply.intent === "reset") {
        clearConversation();
        renderSystem(T.cleared, "");
        var node = renderBot(kept, true);
        state.items.push({ r: "sys", x: T.cleared }, { r: "bot", reply: kept, t: Date.now() });
        save();
        showAnswer(null, node);
        return;
      }
      if (typeof res.data.session_id === "string") { state.sid = res.data.session_id; }
      state.items.push(label ? { r: "me", x: text, l: label, t: ts } : { r: "me", x: text, t: ts });
      state.items.push({ r: "bot", reply: kept, t: Date.now() });
      save();
      showAnswer(mine, renderBot(kept, true));
      notifyParent("mingbai:reply");
    }, function () {
      setBusy(false);
      fail(navigator.onLine === false ? T.offline : T.network);
    });

    function fail(message) {
      spent.forEach(function (group) { group.removeAttribute("data-spent"); });
      if (!input.value.trim()) {
        // nothing lost: the words go back into the box, ready to send again
        mine.takeBack();
        input.value = text;
        autosize();
        refreshButton();
      } else {
        // the person has started typing something else: keep the message, with a resend button
        mine.classList.add("msg-failed");
        var again = el("button", "resend", "!");
        again.type = "button";
        again.setAttribute("aria-label", T.resend);
        again.addEventListener("click", function () { mine.remove(); send(text, label); });
        mine.querySelector(".msg-body").appendChild(again);
      }
      renderSystem(message, "error");
      scrollToBottom();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter is a new line; never while an IME is composing Chinese
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send(input.value);
    }
  });
  input.addEventListener("input", function () { autosize(); refreshButton(); });

  log.addEventListener("click", function (event) {
    var fix = event.target.closest ? event.target.closest(".fact-fix") : null;
    if (fix && log.contains(fix)) {
      // one tap: the correction is started in the box, the person says what it should be
      input.value = T.fixPrefix + fix.getAttribute("data-fix") + T.fixSuffix;
      autosize();
      refreshButton();
      input.focus();
      try { input.setSelectionRange(input.value.length, input.value.length); } catch (e) { /* not a text field */ }
      return;
    }
    var chip = event.target.closest ? event.target.closest(".chip") : null;
    if (!chip || !log.contains(chip) || chip.disabled) { return; }
    send(chip.getAttribute("data-say") || chip.textContent, chip.textContent);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    if (action === "reset") {
      if (!state.sid && !state.items.length) { clearConversation(); input.focus(); return; }
      send("重新开始");
    } else if (action === "mode") {
      var elder = !body.classList.contains("elder");
      modeStore.set(elder ? "elder" : "standard");
      applyMode(elder);
      replay();
    } else if (action === "close") {
      notifyParent("mingbai:close");
    }
  });

  // -- inside the widget's iframe: postMessage with an explicit origin, both ways ---------------
  var parentOrigin = null;
  if (EMBED && window.parent !== window) {
    var claimed = new URLSearchParams(window.location.search).get("origin") || "";
    if (/^https?:\/\/[^/\s]+$/i.test(claimed)) {
      var ancestors = window.location.ancestorOrigins;
      // the browser enforces both directions (targetOrigin, event.origin); this is a sanity check
      if (!ancestors || !ancestors.length || ancestors[0] === claimed || ancestors[0] === "null") {
        parentOrigin = claimed;
      }
    }
  }

  function notifyParent(type) {
    if (parentOrigin) { window.parent.postMessage({ type: type }, parentOrigin); }
  }

  if (parentOrigin) {
    var closeButton = document.querySelector("[data-action=close]");
    if (closeButton) { closeButton.hidden = false; }
    window.addEventListener("message", function (event) {
      if (event.origin !== parentOrigin || event.source !== window.parent) { return; }
      var data = event.data;
      if (!data || typeof data !== "object") { return; }
      if (data.type === "mingbai:open") {
        scrollToBottom();
        if (!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches)) { input.focus(); }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { notifyParent("mingbai:close"); }
    });
    notifyParent("mingbai:ready");
  }

  function lastSummary() {
    for (var i = state.items.length - 1; i >= 0; i--) {
      var item = state.items[i];
      if (item.r === "bot" && item.reply && item.reply.sum) { return item.reply.sum; }
    }
    return null;
  }

  // the transcript again from this tab's state: at start, and when 长辈版 is switched
  function replay() {
    Array.prototype.slice.call(log.children).forEach(function (child) {
      if (!child.hasAttribute("data-greeting")) { child.remove(); }
    });
    log.removeAttribute("data-last-ts");
    var greetingChips = log.querySelector("[data-greeting] .chips");
    if (greetingChips) { greetingChips.removeAttribute("data-spent"); }
    if (!state.items.length) { return; }
    spendChips();
    var lastBot = -1;
    state.items.forEach(function (item, i) { if (item.r === "bot") { lastBot = i; } });
    state.items.forEach(function (item, i) {
      if (item.r === "me") { renderMine(String(item.x || ""), item.t || Date.now(), item.l ? String(item.l) : ""); }
      else if (item.r === "bot" && item.reply) { renderBot(item.reply, i === lastBot && i === state.items.length - 1); }
      else if (item.r === "sys") { renderSystem(String(item.x || ""), ""); }
    });
    scroller.scrollTop = scroller.scrollHeight;
  }

  // -- start: restore this tab's conversation (same session, not older than 30 minutes) --------
  replay();
  refreshButton();
  autosize();
  body.classList.add("js");
})();
