// Search: `/` focuses the box; the index (search-index.js) is loaded the first time it is used,
// as a script so that it also works from disk. Results are grouped by kind, best group first,
// with the matched text marked. Everything shown is set as text, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var box = document.getElementById("search");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!box || !input || !results) return;
  box.hidden = false;

  var KINDS = { field: "Fields", project: "Projects", person: "People", role: "Roles", activity: "Activities", page: "Pages" };
  var PER_GROUP = 8;
  var index = null;
  // The groups shown whole after "Show all", until the query changes.
  var expanded = {};
  var lastQuery = "";
  var loading = false;
  var waiting = [];

  // The same folding as the index (src/render/search.rs): NFKD, marks dropped, lowercase.
  function foldChar(c) {
    return c.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function fold(s) {
    return foldChar(s).replace(/[^\p{L}\p{N}_]+/gu, " ").trim();
  }

  function load(then) {
    if (index) { then(); return; }
    waiting.push(then);
    if (loading) return;
    loading = true;
    var tag = document.createElement("script");
    tag.src = root + "search-index.js";
    tag.onload = function () {
      index = (window.dacibookSearchIndex && window.dacibookSearchIndex.docs) || [];
      var todo = waiting; waiting = [];
      todo.forEach(function (f) { f(); });
    };
    tag.onerror = function () { loading = false; say("The search index could not be loaded."); };
    document.head.appendChild(tag);
  }

  function score(doc, terms, query) {
    var text = doc[4];
    var title = fold(doc[1]);
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var at = text.indexOf(t);
      if (at < 0) return 0;
      s += (at === 0 || text.charAt(at - 1) === " ") ? 2 : 1;
      if (title.indexOf(t) >= 0) s += 4;
    }
    // A title that is the query, then one that holds it as whole words, then one that starts
    // with it: "funnel" finds the project "Edit attempt funnel" before the field funnel_id.
    if (title === query) s += 100;
    else if ((" " + title + " ").indexOf(" " + query + " ") >= 0) s += 30;
    else if (title.indexOf(query) === 0) s += 20;
    return s;
  }

  function search(q) {
    var query = fold(q);
    if (!query) return [];
    var terms = query.split(" ");
    var found = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], terms, query);
      if (s > 0) found.push({ doc: index[i], score: s, order: i });
    }
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var groups = [];
    var byKind = {};
    found.forEach(function (f) {
      var kind = f.doc[0];
      if (!byKind[kind]) { byKind[kind] = { kind: kind, items: [], total: 0 }; groups.push(byKind[kind]); }
      byKind[kind].total++;
      if (expanded[kind] || byKind[kind].items.length < PER_GROUP) byKind[kind].items.push(f.doc);
    });
    return { groups: groups, terms: terms, count: found.length };
  }

  // Appends `text` to `el`, with the parts matching `terms` in <mark>.
  function marked(el, text, terms) {
    var folded = "";
    var from = [];
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text.charAt(i));
      for (var k = 0; k < f.length; k++) { folded += f.charAt(k); from.push(i); }
    }
    var hit = new Array(text.length);
    terms.forEach(function (t) {
      var at = folded.indexOf(t);
      while (at >= 0 && t) {
        for (var j = at; j < at + t.length; j++) hit[from[j]] = true;
        at = folded.indexOf(t, at + t.length);
      }
    });
    var run = "";
    var inMark = false;
    function flush() {
      if (!run) return;
      if (inMark) { var m = document.createElement("mark"); m.textContent = run; el.appendChild(m); }
      else el.appendChild(document.createTextNode(run));
      run = "";
    }
    for (var n = 0; n < text.length; n++) {
      if (!!hit[n] !== inMark) { flush(); inMark = !!hit[n]; }
      run += text.charAt(n);
    }
    flush();
  }

  function say(message) {
    if (status) status.textContent = message;
  }

  function show() {
    var q = input.value;
    if (fold(q) !== lastQuery) { expanded = {}; lastQuery = fold(q); }
    results.textContent = "";
    if (!fold(q)) { close(); return; }
    var r = search(q);
    results.hidden = false;
    if (!r.count) {
      var none = document.createElement("p");
      none.className = "search-none";
      none.textContent = "Nothing matches “" + q + "”.";
      results.appendChild(none);
      say("No results");
      return;
    }
    r.groups.forEach(function (g) {
      var section = document.createElement("section");
      section.className = "search-group";
      section.setAttribute("data-kind", g.kind);
      var h = document.createElement("h2");
      h.textContent = (KINDS[g.kind] || g.kind) + " (" + g.total + ")";
      section.appendChild(h);
      var list = document.createElement("ul");
      g.items.forEach(function (doc) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + doc[2];
        a.className = "search-result";
        var title = document.createElement("span");
        title.className = "search-title";
        marked(title, doc[1], r.terms);
        a.appendChild(title);
        if (doc[3]) {
          var snippet = document.createElement("span");
          snippet.className = "search-snippet";
          marked(snippet, doc[3], r.terms);
          a.appendChild(snippet);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      section.appendChild(list);
      if (g.total > g.items.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = "Show all " + g.total + " " + (KINDS[g.kind] || g.kind).toLowerCase();
        more.addEventListener("click", function (e) {
          e.stopPropagation();
          var shown = g.items.length;
          expanded[g.kind] = true;
          show();
          // Focus the first result that was hidden, so the keyboard goes on from there.
          var next = results.querySelectorAll(".search-group[data-kind='" + g.kind + "'] a.search-result")[shown];
          if (next) next.focus();
        });
        section.appendChild(more);
      }
      results.appendChild(section);
    });
    say(r.count + (r.count === 1 ? " result" : " results"));
  }

  function close() {
    results.hidden = true;
    results.textContent = "";
  }

  function links() {
    return Array.prototype.slice.call(results.querySelectorAll("a.search-result"));
  }

  input.addEventListener("input", function () { load(show); });
  input.addEventListener("focus", function () { load(function () { if (input.value) show(); }); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { var l = links(); if (l.length) { e.preventDefault(); l[0].focus(); } }
    else if (e.key === "Enter") { var first = links()[0]; if (first) { e.preventDefault(); first.click(); } }
    else if (e.key === "Escape") { input.value = ""; close(); }
  });
  results.addEventListener("keydown", function (e) {
    var l = links();
    var at = l.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at < l.length - 1) { e.preventDefault(); l[at + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); if (at > 0) l[at - 1].focus(); else input.focus(); }
    else if (e.key === "Escape") { input.focus(); close(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) close();
  });
})();
