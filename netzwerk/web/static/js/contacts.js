/* Kontaktlisten/Import/Datenschutz: import progress polling, auto-submit, print button.
   Loaded as a file (the CSP forbids inline script); works without JS, only less smoothly. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w)\}/g, function (_, key) {
      return values[key] !== undefined ? String(values[key]) : "";
    });
  }

  var job = document.getElementById("job");
  if (job) {
    var bar = document.getElementById("job-progress");
    var state = document.getElementById("job-state");
    var url = job.getAttribute("data-status-url");
    var failures = 0;
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (resp) { return resp.json(); })
        .then(function (data) {
          failures = 0;
          bar.value = data.percent;
          bar.textContent = data.percent + " %";
          var reload = job.getAttribute("data-reload") && data.state !== "running" &&
            job.getAttribute("data-initial") === "running";
          if (reload) { window.location.reload(); return; }
          if (data.state === "running") {
            state.textContent = fill(job.getAttribute("data-running-text"), { d: data.done, t: data.total });
            window.setTimeout(poll, 500);
          } else if (data.state === "done") {
            var r = data.result || {};
            state.textContent = fill(job.getAttribute("data-done-text"), {
              c: r.created, u: r.updated, l: r.links_created, s: r.skipped_rows
            });
            job.classList.add("is-done");
            var undo = document.getElementById("job-undo");
            if (undo) { undo.hidden = false; }
          } else {
            state.textContent = job.getAttribute("data-failed-text") + " " + (data.message || data.error || "");
            job.classList.add("is-failed");
          }
        })
        .catch(function () {
          failures += 1;
          if (failures < 20) { window.setTimeout(poll, 1500); }
        });
    };
    poll();
  }

  document.querySelectorAll("select.js-autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });

  document.querySelectorAll(".js-print").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
})();
