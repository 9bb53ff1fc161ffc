/* 明白账 widget: add the chat to any page with one tag.
 *
 *   <script src="https://mingbai.example.org/widget.js" async
 *           data-position="right" data-title="医保报销助手"></script>
 *
 * A round button opens the chat (this script's origin, /?embed=1) in an iframe panel; full screen on
 * phones. The page and the frame talk with postMessage, always naming the other side's origin, and
 * ignore messages from anywhere else. No cookies, nothing loaded until the button is tapped. The
 * embedding origin must be listed in the chat server's MINGBAI_FRAME_ANCESTORS.
 * Options (data- attributes on the script tag): data-position "right" (default) or "left";
 * data-title, the panel's accessible name and the button's label (default "明白账").
 * Script API: window.MingbaiWidget.open() / .close() / .toggle().
 */
(function () {
  "use strict";
  if (window.MingbaiWidget) { return; }

  var script = document.currentScript;
  if (!script) {
    var all = document.querySelectorAll("script[src*='widget.js']");
    script = all[all.length - 1];
  }
  if (!script || !script.src) { return; }

  var CHAT = new URL(script.src, window.location.href);
  var ORIGIN = CHAT.origin;
  var HOST = window.location.origin;            // "null" for file: pages: no messages then
  var position = (script.getAttribute("data-position") || "right").toLowerCase() === "left" ? "left" : "right";
  var title = (script.getAttribute("data-title") || "明白账").replace(/\s+/g, " ").trim().slice(0, 40) || "明白账";
  var GREEN = "#07c160";
  var Z = "2147483000";
  var SVG = "http://www.w3.org/2000/svg";
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 520px)") : { matches: false };

  var button, panel, frame, ready = false, isOpen = false;

  // Styles go through the CSSOM (element.style), which a host page's strict CSP does not block.
  function css(node, props) {
    for (var name in props) {
      if (Object.prototype.hasOwnProperty.call(props, name)) { node.style.setProperty(name, props[name]); }
    }
  }

  function icon(paths) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (p) {
      var path = document.createElementNS(SVG, "path");
      for (var k in p) { if (Object.prototype.hasOwnProperty.call(p, k)) { path.setAttribute(k, p[k]); } }
      svg.appendChild(path);
    });
    css(svg, { display: "block", "pointer-events": "none" });
    return svg;
  }

  var CHAT_ICON = [{ fill: "#fff", d: "M12 3.5c-4.97 0-9 3.36-9 7.5 0 2.3 1.25 4.36 3.2 5.74L5.6 20.1a.4.4 0 0 0 .57.45l3.72-1.86c.68.14 1.39.21 2.11.21 4.97 0 9-3.36 9-7.5s-4.03-7.4-9-7.4z" },
                   { fill: GREEN, d: "M7.6 10.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zm4.4 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zm4.4 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z" }];
  var CLOSE_ICON = [{ fill: "none", stroke: "#fff", "stroke-width": "2.4", "stroke-linecap": "round", d: "M6.5 6.5l11 11M17.5 6.5l-11 11" }];

  function side(value) {
    var out = {};
    out[position] = value;
    out[position === "right" ? "left" : "right"] = "auto";
    return out;
  }

  function layout() {
    if (!panel) { return; }
    var full = narrow.matches;
    css(panel, full ? {
      top: "0", bottom: "0", left: "0", right: "0", width: "100%", height: "100%",
      "border-radius": "0", "max-height": "none"
    } : Object.assign({
      top: "auto", bottom: "calc(92px + env(safe-area-inset-bottom, 0px))", width: "384px",
      height: "min(660px, calc(100vh - 120px))", "max-height": "calc(100vh - 120px)", "border-radius": "12px"
    }, side("20px")));
    // on a phone the panel covers the screen and its own header has the close button
    css(button, { display: full && isOpen && HOST !== "null" && ready ? "none" : "flex" });
  }

  function build() {
    button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-label", "打开" + title);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "mingbai-widget-panel");
    button.title = title;
    button.setAttribute("data-mingbai-widget", "button");
    css(button, Object.assign({
      position: "fixed", bottom: "calc(20px + env(safe-area-inset-bottom, 0px))", "z-index": Z,
      width: "58px", height: "58px", "border-radius": "50%", border: "0", padding: "0", margin: "0",
      background: GREEN, color: "#fff", cursor: "pointer", display: "flex", "align-items": "center",
      "justify-content": "center", "box-shadow": "0 6px 18px rgba(0,0,0,.18), 0 2px 4px rgba(0,0,0,.12)",
      transition: "transform .15s ease", "-webkit-tap-highlight-color": "transparent"
    }, side("20px")));
    button.appendChild(icon(CHAT_ICON));
    button.addEventListener("click", toggle);
    button.addEventListener("mouseenter", function () { css(button, { transform: "scale(1.06)" }); });
    button.addEventListener("mouseleave", function () { css(button, { transform: "none" }); });

    panel = document.createElement("div");
    panel.id = "mingbai-widget-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    panel.setAttribute("data-mingbai-widget", "panel");
    css(panel, {
      position: "fixed", "z-index": Z, display: "none", overflow: "hidden", background: "#ededed",
      "box-shadow": "0 12px 40px rgba(0,0,0,.22), 0 2px 8px rgba(0,0,0,.12)"
    });
    document.body.appendChild(panel);
    document.body.appendChild(button);
    layout();
    if (narrow.addEventListener) { narrow.addEventListener("change", layout); }
    else if (narrow.addListener) { narrow.addListener(layout); }
  }

  function makeFrame() {
    frame = document.createElement("iframe");
    var src = new URL("/", CHAT);
    src.searchParams.set("embed", "1");
    if (HOST !== "null") { src.searchParams.set("origin", HOST); }
    frame.src = src.href;
    frame.title = title;
    frame.setAttribute("allow", "clipboard-write");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
    frame.referrerPolicy = "origin";
    css(frame, { display: "block", width: "100%", height: "100%", border: "0", background: "#ededed" });
    // A frame the chat server refuses (this site is not in its MINGBAI_FRAME_ANCESTORS) loads the
    // browser's error page and never says "ready": say so in the panel, with a link that works.
    frame.addEventListener("load", function () {
      setTimeout(function () { if (!ready) { refused(); } }, 1500);
    });
    panel.appendChild(frame);
  }

  function refused() {
    if (!panel || panel.querySelector("[data-mingbai-widget=refused]")) { return; }
    var note = document.createElement("div");
    note.setAttribute("role", "alert");
    note.setAttribute("data-mingbai-widget", "refused");
    css(note, { position: "absolute", left: "0", right: "0", top: "0", bottom: "0", padding: "28px 22px",
                background: "#ffffff", color: "#191919", font: "17px/1.6 -apple-system, 'PingFang SC', 'Noto Sans CJK SC', sans-serif",
                "overflow-y": "auto" });
    var head = document.createElement("p");
    head.textContent = "明白账在这个网页里打不开。";
    css(head, { margin: "0 0 10px", "font-weight": "600", "font-size": "19px" });
    var link = document.createElement("a");
    link.href = new URL("/", CHAT).href;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "在新窗口打开明白账";
    css(link, { display: "inline-block", margin: "6px 0 16px", padding: "12px 18px", "border-radius": "6px",
                background: "#06773b", color: "#ffffff", "text-decoration": "none", "font-weight": "600" });
    var admin = document.createElement("p");
    admin.textContent = "网站管理员请注意：明白账服务器只允许列在 MINGBAI_FRAME_ANCESTORS 中的网站嵌入它，" +
                        "请把本站地址（" + HOST + "）加入该设置。";
    css(admin, { margin: "0", "font-size": "15px", color: "#4a4a4a" });
    note.appendChild(head);
    note.appendChild(link);
    note.appendChild(admin);
    css(panel, { position: "fixed" });
    panel.appendChild(note);
    layout();
  }

  function tell(type) {
    if (frame && frame.contentWindow && ready) { frame.contentWindow.postMessage({ type: type }, ORIGIN); }
  }

  function open() {
    if (!button) { return; }
    if (!frame) { makeFrame(); }
    isOpen = true;
    css(panel, { display: "block" });
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", "关闭" + title);
    button.replaceChild(icon(CLOSE_ICON), button.firstChild);
    layout();
    tell("mingbai:open");
    if (ready) { frame.focus(); }
  }

  function close() {
    if (!button || !isOpen) { return; }
    isOpen = false;
    css(panel, { display: "none" });
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", "打开" + title);
    button.replaceChild(icon(CHAT_ICON), button.firstChild);
    layout();
    button.focus();
  }

  function toggle() { if (isOpen) { close(); } else { open(); } }

  window.addEventListener("message", function (event) {
    if (event.origin !== ORIGIN || !frame || event.source !== frame.contentWindow) { return; }
    var data = event.data;
    if (!data || typeof data !== "object") { return; }
    if (data.type === "mingbai:ready") {
      ready = true;
      layout();
      if (isOpen) { tell("mingbai:open"); frame.focus(); }
    } else if (data.type === "mingbai:close") {
      close();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen) { close(); }
  });

  window.MingbaiWidget = { open: open, close: close, toggle: toggle };

  if (document.body) { build(); }
  else { document.addEventListener("DOMContentLoaded", build); }
})();
