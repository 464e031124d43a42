// Filters that need no server: the data is a script written by the build (projects-index.js,
// dictionary-index.js), loaded with a <script> tag so that it also works from disk. The forms
// are hidden in the page and shown here, so without JavaScript nothing is dead: the plain
// lists and their pages stay. The filter's state is kept in the address's #fragment
// (`#team=Web&sort=title`), so a filtered list can be linked. Everything shown is set as text.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";

  // Loads `file` (once) and calls `then` with `window[name]`, or with null when it fails.
  var loaded = {};
  function load(file, name, then) {
    if (loaded[file]) { loaded[file].push(then); if (window[name]) flush(file, name); return; }
    loaded[file] = [then];
    var tag = document.createElement("script");
    tag.src = root + file;
    tag.onload = function () { flush(file, name); };
    tag.onerror = function () { var todo = loaded[file]; loaded[file] = []; todo.forEach(function (f) { f(null); }); };
    document.head.appendChild(tag);
  }
  function flush(file, name) {
    var todo = loaded[file]; loaded[file] = [];
    todo.forEach(function (f) { f(window[name] || null); });
  }

  // The same folding as the search (search.js): NFKD, marks dropped, lowercase.
  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // 1234 -> "1,234", as the pages write numbers.
  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  // The state in the address: `#a=1&b=2`, or {} when the fragment is an anchor.
  function readState() {
    var hash = location.hash.replace(/^#/, "");
    var state = {};
    if (hash.indexOf("=") < 0) return state;
    hash.split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2 && kv[1] !== "") {
        try { state[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1].replace(/\+/g, " ")); } catch (e) { /* a broken escape is ignored */ }
      }
    });
    return state;
  }
  function writeState(state, keys) {
    var parts = [];
    keys.forEach(function (k) { if (state[k]) parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(state[k])); });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (("#" + location.hash.replace(/^#/, "")) === (hash || "#")) return;
    var url = location.href.split("#")[0] + hash;
    try { history.replaceState(null, "", url); } catch (e) { location.replace(hash || "#"); }
  }

  // Fills `select` with `options` ([value, label]), keeping its first option ("Any …").
  function fillSelect(select, options) {
    while (select.options.length > 1) select.remove(1);
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0];
      opt.textContent = o[1];
      select.appendChild(opt);
    });
  }
  function fillList(datalist, values) {
    datalist.textContent = "";
    values.forEach(function (v) {
      var opt = document.createElement("option");
      opt.value = v;
      datalist.appendChild(opt);
    });
  }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The teams and people of `projects` (rows of projects-index.js), each once, sorted.
  function teamsAndPeople(projects) {
    var teams = {}, people = {};
    projects.forEach(function (p) {
      if (p[4]) teams[p[4]] = true;
      p[5].forEach(function (n) { people[n] = true; });
    });
    var byName = function (a, b) { return a.localeCompare(b); };
    return { teams: Object.keys(teams).sort(byName), people: Object.keys(people).sort(byName) };
  }

  // Whether project row `p` names a person matching `person` (folded, part of a name).
  function hasPerson(p, person) {
    if (!person) return true;
    for (var i = 0; i < p[5].length; i++) if (fold(p[5][i]).indexOf(person) >= 0) return true;
    return false;
  }

  window.dacibookFilter = {
    root: root, load: load, fold: fold, num: num, readState: readState, writeState: writeState,
    fillSelect: fillSelect, fillList: fillList, el: el, teamsAndPeople: teamsAndPeople, hasPerson: hasPerson
  };

  // ---- The home page: filter and sort every project. ----
  function projects() {
    var form = document.getElementById("project-filter");
    if (!form) return;
    var plain = document.getElementById("projects-plain");
    var results = document.getElementById("project-results");
    var list = document.getElementById("project-results-list");
    var more = document.getElementById("project-results-more");
    var status = document.getElementById("project-filter-status");
    var f = {
      q: form.elements.q, status: form.elements.status, team: form.elements.team,
      person: form.elements.person, activity: form.elements.activity, sort: form.elements.sort
    };
    var KEYS = ["q", "status", "team", "person", "activity", "sort"];
    var PER = 50;
    var limit = PER;
    var data = null;

    function state() {
      var s = {};
      KEYS.forEach(function (k) { s[k] = f[k].value.trim(); });
      return s;
    }
    function setState(s) {
      KEYS.forEach(function (k) { f[k].value = s[k] || ""; });
      // A value the list does not offer (an old link) falls back to "any".
      ["status", "team", "activity", "sort"].forEach(function (k) { if (f[k].value !== (s[k] || "")) f[k].value = ""; });
    }
    function sorter(key) {
      var lifecycleRank = {};
      data.lifecycles.forEach(function (l, i) { lifecycleRank[l[0]] = i; });
      var byTitle = function (a, b) { return a.p[1].localeCompare(b.p[1]) || a.i - b.i; };
      if (key === "title") return byTitle;
      if (key === "status") return function (a, b) { return lifecycleRank[a.p[3]] - lifecycleRank[b.p[3]] || byTitle(a, b); };
      if (key === "activity") {
        var at = function (p) { return p[6] < 0 ? data.activities.length : p[6]; };
        return function (a, b) { return at(a.p) - at(b.p) || byTitle(a, b); };
      }
      if (key === "changed") {
        // Newest first; records with no known date last.
        return function (a, b) { return (b.p[10] || "").localeCompare(a.p[10] || "") || byTitle(a, b); };
      }
      return function (a, b) { return a.i - b.i; };
    }
    function matches(p, s, q, person) {
      if (s.status && p[3] !== s.status) return false;
      if (s.team && p[4] !== s.team) return false;
      if (s.activity && String(p[6]) !== s.activity) return false;
      if (!hasPerson(p, person)) return false;
      if (q) {
        var activity = p[6] >= 0 ? data.activities[p[6]][1] : "";
        var text = fold([p[0], p[1], p[4], activity].concat(p[5]).join(" "));
        var words = q.split(" ");
        for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
      }
      return true;
    }
    function card(p) {
      var li = el("li", "project-card");
      li.setAttribute("data-project", p[0]);
      var head = el("div", "project-card-head");
      var h = el("h3");
      var a = el("a", "", p[1]);
      a.href = root + p[2];
      a.dir = "auto";
      h.appendChild(a);
      head.appendChild(h);
      var lifecycle = data.lifecycles.filter(function (l) { return l[0] === p[3]; })[0];
      head.appendChild(el("span", "badge lc-" + p[3], lifecycle ? lifecycle[1] : p[3]));
      li.appendChild(head);
      var meta = el("p", "meta");
      if (p[4]) meta.appendChild(el("span", "", "Team: " + p[4]));
      var done = el("span");
      done.appendChild(el("strong", "", p[9] + "/" + data.activities.length));
      done.appendChild(document.createTextNode(" stages finished"));
      meta.appendChild(done);
      meta.appendChild(el("span", "", p[6] >= 0 ? "At: " + data.activities[p[6]][1] : "No current activity"));
      if (p[10]) meta.appendChild(el("span", "", "Changed " + p[10]));
      li.appendChild(meta);
      return li;
    }
    function show(fromUser) {
      if (!data) return;
      var s = state();
      if (fromUser) writeState(s, KEYS);
      var on = KEYS.some(function (k) { return s[k]; });
      plain.hidden = on;
      results.hidden = !on;
      if (!on) { status.textContent = ""; return; }
      var q = fold(s.q), person = fold(s.person);
      var found = [];
      data.projects.forEach(function (p, i) { if (matches(p, s, q, person)) found.push({ p: p, i: i }); });
      found.sort(sorter(s.sort));
      list.textContent = "";
      found.slice(0, limit).forEach(function (x) { list.appendChild(card(x.p)); });
      var total = data.projects.length;
      var message = num(found.length) + " of " + num(total) + " project" + (total === 1 ? "" : "s") + " match";
      if (found.length > limit) message += "; the first " + num(limit) + " are shown";
      status.textContent = message + ".";
      more.hidden = found.length <= limit;
      more.textContent = "Show " + num(Math.min(PER, found.length - limit)) + " more";
    }
    function changed() { limit = PER; show(true); }

    load("projects-index.js", "dacibookProjects", function (d) {
      if (!d) { status.textContent = "The list of projects could not be loaded."; return; }
      data = d;
      var tp = teamsAndPeople(d.projects);
      fillSelect(f.status, d.lifecycles);
      fillSelect(f.team, tp.teams.map(function (t) { return [t, t]; }));
      fillSelect(f.activity, d.activities.map(function (a, i) { return [String(i), a[1]]; }).concat([["-1", "No current activity"]]));
      fillList(document.getElementById("project-people"), tp.people);
      form.hidden = false;
      setState(readState());
      show(false);
    });
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    more.addEventListener("click", function () {
      var first = limit;
      limit += PER;
      show(false);
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
    // A link to a filtered list opened on this page; a plain anchor (#projects) keeps the filter.
    window.addEventListener("hashchange", function () {
      if (data && location.hash.indexOf("=") >= 0) { setState(readState()); limit = PER; show(false); }
    });
  }

  // ---- The dictionary's index: a filter box over every field name. ----
  function dictionary() {
    var form = document.getElementById("dictionary-filter");
    if (!form) return;
    var input = form.elements.q;
    var list = document.getElementById("dictionary-matches");
    var more = document.getElementById("dictionary-more");
    var status = document.getElementById("dictionary-filter-status");
    var PER = 100;
    var limit = PER;
    var data = null;

    function show(fromUser) {
      if (!data) return;
      var q = fold(input.value);
      if (fromUser) writeState({ q: input.value.trim() }, ["q"]);
      list.textContent = "";
      if (!q) { list.hidden = true; more.hidden = true; status.textContent = ""; return; }
      var starts = [], inside = [];
      data.names.forEach(function (n) {
        var at = fold(n[0]).indexOf(q);
        if (at === 0) starts.push(n); else if (at > 0) inside.push(n);
      });
      var found = starts.concat(inside);
      found.slice(0, limit).forEach(function (n) {
        var li = el("li");
        var a = el("a");
        a.href = root + data.pages[n[1]] + "#field-" + n[0];
        a.appendChild(el("code", "", n[0]));
        if (n[2]) {
          var flag = el("span", "flag", "⚠");
          flag.title = "Conflict";
          flag.appendChild(el("span", "visually-hidden", " conflict"));
          a.appendChild(document.createTextNode(" "));
          a.appendChild(flag);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      var total = data.names.length;
      var message = found.length
        ? num(found.length) + " of " + num(total) + " field name" + (total === 1 ? "" : "s") + " match"
        : "No field name matches “" + input.value.trim() + "”";
      if (found.length > limit) message += "; the first " + num(limit) + " are shown";
      status.textContent = message + ".";
      more.hidden = found.length <= limit;
      more.textContent = "Show " + num(Math.min(PER, found.length - limit)) + " more";
    }

    load("dictionary-index.js", "dacibookDictionary", function (d) {
      if (!d) { status.textContent = "The list of field names could not be loaded."; return; }
      data = d;
      form.hidden = false;
      input.value = readState().q || "";
      show(false);
    });
    input.addEventListener("input", function () { limit = PER; show(true); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) first.focus();
    });
    more.addEventListener("click", function () {
      var first = limit;
      limit += PER;
      show(false);
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
    window.addEventListener("hashchange", function () {
      if (data && readState().q !== undefined) { input.value = readState().q; limit = PER; show(false); }
    });
  }

  function init() { projects(); dictionary(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
