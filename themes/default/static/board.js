// dacibook board: how long each project has been in its stage, counted in the browser so that
// the built page stays the same whatever day it is built on; and the filters by team and
// person (with filter.js, which loads projects-index.js). Without JavaScript every card the
// page holds is shown and the filter form stays hidden.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  // As many cards as the built page shows in a column.
  var PER_COLUMN = 8;
  var ON_BOARD = ["active", "proposed", "paused"];

  function days(since) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since || "");
    if (!m) return null;
    var start = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.floor((today - start) / DAY);
  }

  function countDays(scope) {
    var times = scope.querySelectorAll(".board-card .since time[datetime]");
    for (var i = 0; i < times.length; i++) {
      if (times[i].parentNode.querySelector(".days")) continue;
      var n = days(times[i].getAttribute("datetime"));
      if (n === null || n < 0) continue;
      var span = document.createElement("span");
      span.className = "days";
      span.textContent = " (" + n + (n === 1 ? " day)" : " days)");
      times[i].parentNode.appendChild(span);
    }
  }

  function filters() {
    var F = window.dacibookFilter;
    var form = document.getElementById("board-filter");
    if (!F || !form) return;
    var status = document.getElementById("board-status");
    var team = form.elements.team, person = form.elements.person;
    var KEYS = ["team", "person"];
    var columns = Array.prototype.slice.call(document.querySelectorAll(".board-column"));
    var data = null;

    // Cards made here for projects the page does not show (past a column's cap).
    function brief(p) {
      var li = F.el("li", "board-card board-card-brief" + (p[3] !== "active" ? " lc-card-" + p[3] : "") + (p[7] === "blocked" ? " is-blocked" : ""));
      li.setAttribute("data-project", p[0]);
      li.setAttribute("data-lifecycle", p[3]);
      li.setAttribute("data-status", p[7]);
      var head = F.el("div", "project-card-head");
      var h = F.el("h3");
      var a = F.el("a", "", p[1]);
      a.href = F.root + p[2];
      a.dir = "auto";
      h.appendChild(a);
      head.appendChild(h);
      if (p[4]) { head.appendChild(document.createTextNode(" ")); head.appendChild(F.el("span", "muted small board-team", p[4])); }
      li.appendChild(head);
      var meta = F.el("p", "meta");
      if (p[3] !== "active") {
        var lc = data.lifecycles.filter(function (l) { return l[0] === p[3]; })[0];
        meta.appendChild(F.el("span", "badge lc-" + p[3], lc ? lc[1] : p[3]));
      }
      var st = data.stages.filter(function (s) { return s[0] === p[7]; })[0];
      if (st && p[6] >= 0) {
        var badge = F.el("span", "badge st-" + p[7]);
        var sym = F.el("span", "badge-sym", st[2]);
        sym.setAttribute("aria-hidden", "true");
        badge.appendChild(sym);
        badge.appendChild(document.createTextNode(" " + st[1]));
        meta.appendChild(badge);
      }
      if (p[8]) {
        var since = F.el("span", "since", "since ");
        var t = F.el("time", "", p[8]);
        t.setAttribute("datetime", p[8]);
        since.appendChild(t);
        meta.appendChild(since);
      }
      var done = F.el("span");
      done.appendChild(F.el("strong", "", p[9] + "/" + data.activities.length));
      done.appendChild(document.createTextNode(" stages"));
      meta.appendChild(done);
      li.appendChild(meta);
      li.appendChild(F.el("p", "small muted", "What holds it up is on its page."));
      return li;
    }

    // The order of a column: active, proposed, paused; longest in the stage first; by id.
    function order(a, b) {
      return ON_BOARD.indexOf(a[3]) - ON_BOARD.indexOf(b[3]) ||
        (a[8] ? 0 : 1) - (b[8] ? 0 : 1) || a[8].localeCompare(b[8]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    }

    function show(fromUser) {
      if (!data) return;
      var s = { team: team.value, person: person.value.trim() };
      if (fromUser) F.writeState(s, KEYS);
      var on = !!(s.team || s.person);
      var who = F.fold(s.person);
      var index = {};
      data.activities.forEach(function (a, i) { index[a[0]] = i; });
      var matched = 0, total = 0;
      columns.forEach(function (col) {
        var at = col.getAttribute("data-activity");
        var n = at ? index[at] : -1;
        var all = data.projects.filter(function (p) { return p[6] === n && ON_BOARD.indexOf(p[3]) >= 0; });
        var match = all.filter(function (p) { return (!s.team || p[4] === s.team) && F.hasPerson(p, who); }).sort(order);
        total += all.length;
        matched += match.length;
        var ids = {};
        match.forEach(function (p) { ids[p[0]] = true; });
        var list = col.querySelector(".board-cards");
        Array.prototype.forEach.call(list.querySelectorAll(".board-card-brief"), function (c) { c.remove(); });
        var shown = 0, present = {};
        Array.prototype.forEach.call(list.querySelectorAll(".board-card"), function (c) {
          var id = c.getAttribute("data-project");
          present[id] = true;
          c.hidden = on && !ids[id];
          if (!c.hidden) shown++;
        });
        if (on) {
          match.forEach(function (p) {
            if (present[p[0]] || shown >= PER_COLUMN) return;
            list.appendChild(brief(p));
            shown++;
          });
        }
        var count = col.querySelector(".board-column-h .count");
        count.textContent = on ? "(" + F.num(match.length) + " of " + F.num(all.length) + ")" : "(" + F.num(all.length) + ")";
        col.hidden = on && match.length === 0;
        var plainMore = col.querySelector(".board-more");
        if (plainMore) plainMore.hidden = on;
        var more = col.querySelector(".board-filter-more");
        if (more) more.remove();
        if (on && match.length > shown) {
          more = F.el("p", "board-more board-filter-more", F.num(shown) + " of " + F.num(match.length) + " matching shown. ");
          var h = col.querySelector(".board-column-h a");
          var a = F.el("a", "", "Every project at " + (h ? h.textContent.replace(/^\s*\d+\.\s*/, "") : "this activity"));
          a.href = h ? h.getAttribute("href") + "#projects-at-stage" : F.root + "index.html#projects";
          more.appendChild(a);
          col.appendChild(more);
        }
      });
      countDays(document);
      status.textContent = on ? F.num(matched) + " of " + F.num(total) + " project" + (total === 1 ? "" : "s") + " on the board match." : "";
    }

    F.load("projects-index.js", "dacibookProjects", function (d) {
      if (!d) return;
      data = d;
      var tp = F.teamsAndPeople(d.projects.filter(function (p) { return ON_BOARD.indexOf(p[3]) >= 0; }));
      F.fillSelect(team, tp.teams.map(function (t) { return [t, t]; }));
      F.fillList(document.getElementById("board-people"), tp.people);
      var st = F.readState();
      team.value = st.team || "";
      if (team.value !== (st.team || "")) team.value = "";
      person.value = st.person || "";
      form.hidden = false;
      show(false);
    });
    form.addEventListener("input", function () { show(true); });
    form.addEventListener("change", function () { show(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { show(true); }, 0); });
  }

  function init() {
    countDays(document);
    filters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
