/* 明白账: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";
  function copyText(textarea, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "已复制";
      button.classList.add("done");
      setTimeout(function () { button.textContent = label; button.classList.remove("done"); }, 1800);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(textarea.value).then(done, function () { legacy(); });
    } else {
      legacy();
    }
    function legacy() {
      textarea.focus();
      textarea.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* leave the text selected */ }
    }
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { copyText(target, button); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // a printed slip shows every quoted article: open the citations before printing
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) {
      if (!d.open) { d.open = true; d.setAttribute("data-opened-for-print", ""); }
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-opened-for-print]").forEach(function (d) {
      d.open = false; d.removeAttribute("data-opened-for-print");
    });
  });
})();
