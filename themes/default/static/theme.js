// dacibook default theme: colour-theme toggle, phone menu, opening a targeted <details>, names for
// Markdown's task-list boxes, and keyboard access to code blocks and tables that scroll.
(function () {
  "use strict";
  var KEY = "dacibook-theme";
  var root = document.documentElement;
  // The first click always changes what you see: to the opposite of the system's scheme.
  var systemDark = !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  var order = systemDark ? ["system", "light", "dark"] : ["system", "dark", "light"];
  // The accessible name starts from the visible label, so that speech input can say it.
  var names = { system: "Auto (follows your system)", dark: "Dark", light: "Light" };
  var icons = { system: "◐", dark: "☾", light: "☀" };
  var labels = { system: "Auto", dark: "Dark", light: "Light" };

  function load() {
    try {
      var v = localStorage.getItem(KEY);
      return v === "dark" || v === "light" ? v : "system";
    } catch (e) {
      return "system";
    }
  }

  function save(choice) {
    try {
      if (choice === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch (e) { /* storage unavailable (file://, private mode): the choice lasts for this page */ }
  }

  function apply(choice, button) {
    if (choice === "system") delete root.dataset.theme;
    else root.dataset.theme = choice;
    if (!button) return;
    var next = order[(order.indexOf(choice) + 1) % order.length];
    button.setAttribute("aria-label", "Colour theme: " + names[choice] + ". Switch to " + names[next] + ".");
    button.setAttribute("title", "Colour theme: " + labels[choice] + " (click for " + labels[next] + ")");
    button.setAttribute("data-choice", choice);
    var icon = button.querySelector(".theme-icon");
    var label = button.querySelector(".theme-label");
    if (icon) icon.textContent = icons[choice];
    if (label) label.textContent = labels[choice];
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") el.open = true;
  }

  // A code block or table wider than the column scrolls sideways. When nothing inside it can
  // take keyboard focus, the box itself does, so that it can be scrolled without a mouse.
  // Checked again when the window is resized or a stage opens.
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function focusScrollers() {
    var boxes = document.querySelectorAll("pre.code, .table-scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector(FOCUSABLE)) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scrolls", "");
      } else if (!scrolls && box.hasAttribute("data-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scrolls");
      }
    }
  }

  function init() {
    var button = document.getElementById("theme-toggle");
    var choice = load();
    apply(choice, button);
    if (button) {
      button.addEventListener("click", function () {
        choice = order[(order.indexOf(choice) + 1) % order.length];
        save(choice);
        apply(choice, button);
      });
    }

    // The menu is open on wide screens and folded on phones.
    var sidebar = document.getElementById("sidebar");
    if (sidebar && window.matchMedia) {
      var wide = window.matchMedia("(min-width: 60em)");
      var sync = function () { sidebar.open = wide.matches; };
      sync();
      if (wide.addEventListener) wide.addEventListener("change", sync);
      else if (wide.addListener) wide.addListener(sync);
    }

    focusScrollers();
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(focusScrollers, 150);
    });
    document.addEventListener("toggle", focusScrollers, true);

    openTarget();
    window.addEventListener("hashchange", openTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
