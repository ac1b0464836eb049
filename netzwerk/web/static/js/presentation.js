/* A presentation's slide: arrow keys go to the previous and next slide, Esc leaves the
   presentation (in the application), the full-screen button asks the browser for the whole
   screen. Keys typed into a field or inside the picture (which moves its own selection by
   arrow keys) are left alone. */
(function () {
  "use strict";
  var show = document.getElementById("presentation");
  if (!show) { return; }
  var go = function (url) { if (url) { window.location.assign(url); } };
  var inside = function (el) {
    return el && el.closest && el.closest("input, textarea, select, [role=application], .nw-toolbar, .nw-side, table");
  };
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || inside(ev.target)) { return; }
    if (ev.key === "ArrowRight" || ev.key === "PageDown") { ev.preventDefault(); go(show.dataset.next); }
    else if (ev.key === "ArrowLeft" || ev.key === "PageUp") { ev.preventDefault(); go(show.dataset.prev); }
    else if (ev.key === "Escape" && !document.fullscreenElement) { go(show.dataset.leave); }
  });
  var full = document.getElementById("fullscreen");
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen().catch(function () { full.hidden = true; }); }
    });
  }
}());
