/* netzwerk records: autocomplete for linking (never type an id) and the live duplicate hint.
   Plain JS, no dependencies; the pages work without it except for choosing a link target. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function setupAutocomplete(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var hidden = document.getElementById(input.dataset.target);
    var items = [], active = -1, lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(i) {
      var item = items[i];
      if (!item) { return; }
      input.value = item.name;
      hidden.value = item.id;
      input.classList.add("ac-chosen");
      close();
    }

    function highlight(i) {
      var nodes = list.querySelectorAll("li");
      nodes.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (nodes[i]) {
        input.setAttribute("aria-activedescendant", nodes[i].id);
        nodes[i].scrollIntoView({ block: "nearest" });
      }
    }

    function render() {
      list.textContent = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.dataset.id = item.id;
        li.textContent = item.name;
        if (item.hint) {
          var hint = document.createElement("span");
          hint.className = "hint";
          hint.textContent = item.hint;
          li.appendChild(hint);
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!items.length) {
        var none = document.createElement("li");
        none.className = "hint";
        none.textContent = document.documentElement.lang === "en" ? "No matches" : "Keine Treffer";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    var lookup = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      lastQuery = q;
      var url = "/vorschlaege?labels=" + encodeURIComponent(input.dataset.labels) +
        "&q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) {
          if (q !== lastQuery) { return; }
          items = data;
          render();
          if (items.length) { highlight(0); }
        })
        .catch(close);
    }, 180);

    input.addEventListener("input", function () {
      hidden.value = "";
      input.classList.remove("ac-chosen");
      lookup();
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) { return; }
      if (ev.key === "ArrowDown") { ev.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (ev.key === "Enter") { if (active >= 0) { ev.preventDefault(); choose(active); } }
      else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 120); });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (ev) {
        if (!hidden.value) {
          ev.preventDefault();
          input.setCustomValidity(document.documentElement.lang === "en"
            ? "Please pick an entry from the suggestions."
            : "Bitte einen Eintrag aus der Vorschlagsliste wählen.");
          input.reportValidity();
          input.setCustomValidity("");
        }
      });
    }
  }

  function setupDuplicateHint() {
    var name = document.getElementById("f-name");
    var box = document.getElementById("dupe-live");
    if (!name || !box || !/\/akteure\/neu$/.test(window.location.pathname)) { return; }
    var email = document.getElementById("f-email"), web = document.getElementById("f-website");
    var check = debounce(function () {
      if (name.value.trim().length < 3) { box.hidden = true; return; }
      var url = "/akteure/dubletten?name=" + encodeURIComponent(name.value) +
        "&email=" + encodeURIComponent(email ? email.value : "") +
        "&website=" + encodeURIComponent(web ? web.value : "");
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) {
          box.textContent = "";
          if (!found.length) { box.hidden = true; return; }
          var p = document.createElement("p");
          p.textContent = document.documentElement.lang === "en"
            ? "Similar actors already exist:" : "Ähnliche Akteure gibt es schon:";
          box.appendChild(p);
          var ul = document.createElement("ul");
          found.forEach(function (c) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = c.url;
            a.textContent = c.name + (c.town ? " (" + c.town + ")" : "");
            li.appendChild(a);
            li.appendChild(document.createTextNode(" – " + c.reasons.join(", ")));
            ul.appendChild(li);
          });
          box.appendChild(ul);
          box.hidden = false;
        })
        .catch(function () { box.hidden = true; });
    }, 400);
    [name, email, web].forEach(function (el) { if (el) { el.addEventListener("input", check); } });
  }

  document.querySelectorAll("input.ac-input").forEach(setupAutocomplete);
  setupDuplicateHint();
})();
