/* 明白账 chat page: talks to POST /api/v1/chat, no framework, no cookies.
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
  var KEY = "mingbai.chat.v1";
  var IDLE_MS = 30 * 60 * 1000;        // the server forgets a session after 30 idle minutes
  var KEEP = 40;                       // transcript entries kept for a reload
  var TIMEOUT_MS = 20000;
  var MIN_TYPING_MS = 350;             // the dots show long enough to be seen

  var scroller = document.getElementById("scroller");
  var log = document.getElementById("log");
  var typing = document.getElementById("typing");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  if (!log || !form || !input) { return; }

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var busy = false;

  // -- storage: sessionStorage, or memory when it is blocked (some embedded WebViews) -------------
  var memory = {};
  var store = {
    get: function () {
      var raw = null;
      try { raw = window.sessionStorage.getItem(KEY); } catch (e) { raw = memory[KEY] || null; }
      if (!raw) { return null; }
      try { return JSON.parse(raw); } catch (e) { return null; }
    },
    set: function (value) {
      var raw = JSON.stringify(value);
      memory[KEY] = raw;
      try { window.sessionStorage.setItem(KEY, raw); } catch (e) { /* memory only */ }
    },
    clear: function () {
      delete memory[KEY];
      try { window.sessionStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    }
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

  // -- small DOM helpers ----------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function hidden(text) { return el("span", "visually-hidden", text); }

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
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + hm;
  }

  // "1200.00" → "1,200.00" without going through floating point
  function yuan(value) {
    if (value === null || value === undefined) { return ""; }
    var s = String(value), neg = s.charAt(0) === "-";
    if (neg) { s = s.slice(1); }
    var parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "−" : "") + whole + (parts.length > 1 ? "." + parts[1] : "");
  }

  // -- scrolling ------------------------------------------------------------------------------
  function scrollToBottom() {
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: reduceMotion ? "auto" : "smooth" });
  }

  function scrollToItem(node) {
    var top = node.offsetTop - 8;
    // a short answer: just show the end; a long one: show where it starts
    if (node.offsetHeight < scroller.clientHeight - 80) { scrollToBottom(); return; }
    scroller.scrollTo({ top: top, behavior: reduceMotion ? "auto" : "smooth" });
  }

  // -- rendering ------------------------------------------------------------------------------
  function addTimeIfDue(ts) {
    var last = log.getAttribute("data-last-ts");
    var li = null;
    if (!last || ts - parseInt(last, 10) > 5 * 60 * 1000) {
      li = el("li", "sys sys-time");
      li.appendChild(el("span", "", timeLabel(ts)));
      log.appendChild(li);
    }
    log.setAttribute("data-last-ts", String(ts));
    return { node: li, before: last };
  }

  function renderMine(text, ts) {
    var stamp = addTimeIfDue(ts);
    var li = el("li", "msg msg-me");
    // a message that could not be sent is taken back together with the time shown for it
    li.takeBack = function () {
      li.remove();
      if (stamp.node) { stamp.node.remove(); }
      if (stamp.before) { log.setAttribute("data-last-ts", stamp.before); } else { log.removeAttribute("data-last-ts"); }
    };
    li.appendChild(avatar("me"));
    var wrap = el("div", "msg-body");
    wrap.appendChild(hidden("我说："));
    wrap.appendChild(el("div", "bubble bubble-text", text));  // textContent: never markup
    li.appendChild(wrap);
    log.appendChild(li);
    return li;
  }

  function renderSystem(text, kind) {
    var li = el("li", "sys" + (kind ? " sys-" + kind : ""));
    var span = el("span", "", text);
    li.appendChild(span);
    log.appendChild(li);
    return li;
  }

  function chipsFor(list) {
    var group = el("div", "chips");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "快捷回复");
    list.forEach(function (label) {
      if (typeof label !== "string" || !label) { return; }
      var chip = el("button", "chip", label);
      chip.type = "button";
      chip.setAttribute("data-say", label);
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

  // The figures to headline, from the calculation result.
  function headline(result) {
    if (!result || !Array.isArray(result.visits) || !result.visits.length) { return null; }
    var visits = result.visits, last = visits[visits.length - 1];
    if (visits.length > 1 && result.totals) {
      return { label: "今年" + visits.length + "次门诊，统筹基金共支付", fund: result.totals.fund_pays,
               rows: [["其中这次", last.fund_pays], ["个人负担合计", result.totals.personal_pays]] };
    }
    if (last.eligible === false) {
      return { label: "这次统筹基金支付", fund: last.fund_pays, rows: [["个人负担", last.personal_pays]] };
    }
    var rows = [["个人负担", last.personal_pays]];
    if (last.account_pays && last.account_pays !== "0.00") { rows.push(["其中个人账户", last.account_pays]); }
    return { label: "这次统筹基金支付", fund: last.fund_pays, rows: rows };
  }

  function renderCard(reply) {
    var card = el("div", "card");
    var frag = fragmentFrom(reply.html);
    // 〔第十七条〕 → 第十七条: the chip's own shape replaces the brackets
    Array.prototype.forEach.call(frag.querySelectorAll(".mb-cite > summary"), function (summary) {
      var label = summary.textContent.trim();
      var bare = /^〔([^〔〕]+)〕$/.exec(label);
      if (bare) { summary.textContent = bare[1]; summary.setAttribute("aria-label", bare[1] + "，点开看条款原文"); }
    });
    var holder = el("div", "card-body");
    holder.appendChild(frag);

    // Lines of the text answer the explanation does not already say (a "如果这样：" lead, the
    // dialogue's own assumptions) are shown as text; the rest is in the rich view.
    var shown = squash(holder.textContent);
    var lead = [], notes = [], seen = false;
    String(reply.text || "").split("\n").forEach(function (line) {
      var plain = line.trim();
      if (!plain) { return; }
      var key = squash(plain.replace(/^\d+[.、]\s*/, ""));
      if (key && shown.indexOf(key) !== -1) { seen = true; return; }
      (seen ? notes : lead).push(plain);
    });
    var fig = reply.fig;
    // a short lead such as "如果这样：" (a what-if) becomes part of the headline's label
    if (fig && lead.length === 1 && lead[0].length <= 8 && /[：:]$/.test(lead[0])) {
      fig = { label: lead[0].replace(/[：:]$/, "，") + fig.label, fund: fig.fund, rows: fig.rows };
      lead = [];
    }
    if (lead.length) { card.appendChild(el("p", "card-lead", lead.join("\n"))); }

    if (fig && fig.fund !== undefined) {
      var box = el("div", "figure");
      box.appendChild(el("div", "figure-label", fig.label));
      var value = el("strong", "figure-value");
      value.appendChild(el("small", "", "¥"));
      value.appendChild(document.createTextNode(yuan(fig.fund)));
      box.appendChild(value);
      var rows = el("div", "figure-rows");
      (fig.rows || []).forEach(function (row) {
        var item = el("span", "", row[0] + " ");
        item.appendChild(el("b", "", "¥" + yuan(row[1])));
        rows.appendChild(item);
      });
      box.appendChild(rows);
      card.appendChild(box);
    }
    card.appendChild(holder);
    if (notes.length) { card.appendChild(el("p", "card-notes", notes.join("\n"))); }

    // the whole answer as plain text: to read aloud, copy, or send to family
    var foot = el("div", "card-foot");
    var plain = el("details", "plain");
    plain.appendChild(el("summary", "", "文字版（可复制）"));
    plain.appendChild(el("div", "plain-text", reply.text || ""));
    var actions = el("div", "plain-actions");
    var copy = el("button", "copy", "复制文字");
    copy.type = "button";
    copy.addEventListener("click", function () { copyText(reply.text || "", copy); });
    actions.appendChild(copy);
    plain.appendChild(actions);
    foot.appendChild(plain);
    card.appendChild(foot);
    return card;
  }

  function renderBot(reply, withChips) {
    var li = el("li", "msg msg-bot");
    li.appendChild(avatar("bot"));
    var wrap = el("div", "msg-body");
    wrap.appendChild(hidden("明白账说："));
    if (reply.html) {
      li.classList.add("msg-rich");
      wrap.appendChild(renderCard(reply));
    } else {
      wrap.appendChild(el("div", "bubble bubble-text", reply.text || ""));
    }
    if (withChips && reply.quick_replies && reply.quick_replies.length) {
      wrap.appendChild(chipsFor(reply.quick_replies));
    }
    li.appendChild(wrap);
    log.appendChild(li);
    return li;
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = "已复制";
      button.classList.add("done");
      setTimeout(function () { button.textContent = "复制文字"; button.classList.remove("done"); }, 1800);
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
    if (status === 429) { return "发得太快了，请稍等一分钟再发。"; }
    if (status === 413) { return "这条消息太长了，请分几次说。"; }
    if (status >= 500) { return "服务暂时出了点问题，消息没有发出去，请稍后再试。"; }
    if (detail) { return "消息没有发出去：" + detail; }
    return "消息没有发出去，请稍后再试。";
  }

  function post(payload) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload),
      credentials: "omit",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (timer) { clearTimeout(timer); }
      return response.json().catch(function () { return null; }).then(function (data) {
        return { status: response.status, ok: response.ok, data: data };
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

  function send(text) {
    text = String(text || "").trim();
    if (!text || busy) { return; }
    if (text.length > MAX) {
      renderSystem("消息太长了，请不超过" + MAX + "个字，分几次说。", "error");
      scrollToBottom();
      return;
    }
    var typed = input.value.trim() === text;
    var spent = spendChips();
    var ts = Date.now();
    var mine = renderMine(text, ts);
    if (typed) { input.value = ""; autosize(); }
    setBusy(true);
    var started = Date.now();

    function attempt(retried) {
      var payload = { message: text };
      if (state.sid) { payload.session_id = state.sid; }
      return post(payload).then(function (res) {
        if (!res.ok && !retried && res.status === 422 && res.data && Array.isArray(res.data.errors) &&
            res.data.errors.some(function (e) { return e && e.path === "session_id"; })) {
          state.sid = null;                  // a stale or damaged id: start a fresh session once
          return attempt(true);
        }
        return res;
      });
    }

    attempt(false).then(function (res) {
      return delay(Math.max(0, MIN_TYPING_MS - (Date.now() - started))).then(function () { return res; });
    }).then(function (res) {
      setBusy(false);
      if (!res.ok || !res.data || !res.data.reply) {
        fail(problemText(res.status, res.data));
        return;
      }
      var reply = res.data.reply;
      var fig = reply.html ? headline(reply.result) : null;
      var kept = { text: String(reply.text || ""), html: reply.html || null,
                   quick_replies: Array.isArray(reply.quick_replies) ? reply.quick_replies : [],
                   intent: reply.intent || null, fig: fig };
      if (reply.intent === "reset") {
        clearConversation();
        renderSystem("已清除刚才的对话，可以重新开始了", "");
        var node = renderBot(kept, true);
        state.items.push({ r: "sys", x: "已清除刚才的对话，可以重新开始了" }, { r: "bot", reply: kept, t: Date.now() });
        save();
        scrollToItem(node);
        return;
      }
      if (typeof res.data.session_id === "string") { state.sid = res.data.session_id; }
      state.items.push({ r: "me", x: text, t: ts });
      state.items.push({ r: "bot", reply: kept, t: Date.now() });
      save();
      scrollToItem(renderBot(kept, true));
      notifyParent("mingbai:reply");
    }, function () {
      setBusy(false);
      fail(navigator.onLine === false ? "网络断开了，消息没有发出去。连上网络后再点“发送”。"
                                      : "网络连接不上，消息没有发出去，请稍后再试。");
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
        again.setAttribute("aria-label", "发送失败，点此重新发送");
        again.addEventListener("click", function () { mine.remove(); send(text); });
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
    var chip = event.target.closest ? event.target.closest(".chip") : null;
    if (!chip || !log.contains(chip) || chip.disabled) { return; }
    send(chip.getAttribute("data-say") || chip.textContent);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    if (action === "reset") {
      if (!state.sid && !state.items.length) { clearConversation(); input.focus(); return; }
      send("重新开始");
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

  // -- start: restore this tab's conversation (same session, not older than 30 minutes) --------
  if (state.items.length) {
    spendChips();
    var lastBot = -1;
    state.items.forEach(function (item, i) { if (item.r === "bot") { lastBot = i; } });
    state.items.forEach(function (item, i) {
      if (item.r === "me") { renderMine(String(item.x || ""), item.t || Date.now()); }
      else if (item.r === "bot" && item.reply) { renderBot(item.reply, i === lastBot && i === state.items.length - 1); }
      else if (item.r === "sys") { renderSystem(String(item.x || ""), ""); }
    });
    scroller.scrollTop = scroller.scrollHeight;
  }
  refreshButton();
  autosize();
  body.classList.add("js");
})();
