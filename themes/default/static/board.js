// dacibook board: how long each project has been in its stage, counted in the browser so that
// the built page stays the same whatever day it is built on.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;

  function days(since) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since || "");
    if (!m) return null;
    var start = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.floor((today - start) / DAY);
  }

  function init() {
    var times = document.querySelectorAll(".board-card .since time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var n = days(times[i].getAttribute("datetime"));
      if (n === null || n < 0) continue;
      var span = document.createElement("span");
      span.className = "days";
      span.textContent = " (" + n + (n === 1 ? " day)" : " days)");
      times[i].parentNode.appendChild(span);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
