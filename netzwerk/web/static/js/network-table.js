/* The picture as a table (netzwerk): the same actors and links, for screen readers, the
 * keyboard and anyone who prefers reading to looking.
 *
 * One row per actor (or alliance, project, group) of the picture, sorted by name: its name
 * (a link to its page), its kind, and everything it is linked with — each a link to that
 * partner's row, so one can walk along the links in the table as in the picture. The table
 * is built when it is first shown: by the toggle button (#network-table-toggle), by a link
 * to #network-table (the skip link above the picture), or when the page opens with that
 * fragment. Following a partner link moves the focus to the partner's row and selects the
 * partner in the picture too.
 */
"use strict";

(window.netzwerkPlugins = window.netzwerkPlugins || []).push(function (state, network, data, box) {
  var section = document.getElementById("network-table");
  var toggle = document.getElementById("network-table-toggle");
  if (!section || !toggle) {
    return;
  }
  var body = section.querySelector("tbody");
  var heading = document.getElementById("network-table-heading");
  var built = false;
  var rowOf = {};

  function byName(a, b) {
    return state.byId[a].name.localeCompare(state.byId[b].name, "de");
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  function partnerLink(pid) {
    var a = cell("a", state.byId[pid].name);
    a.href = "#" + rowOf[pid];
    a.dataset.id = pid;
    return a;
  }

  function row(id) {
    var n = state.byId[id];
    var tr = cell("tr");
    tr.id = rowOf[id];
    var th = cell("th");
    th.scope = "row";
    if (n.url) {
      var a = cell("a", n.name);
      a.href = n.url;
      th.appendChild(a);
    } else {
      th.textContent = n.name;
    }
    tr.appendChild(th);
    tr.appendChild(cell("td", n.kind || ""));
    var partners = (state.adjacency[id] || []).slice().sort(byName);
    tr.appendChild(cell("td", String(partners.length))).className = "num";
    var td = cell("td");
    if (partners.length) {
      var ul = cell("ul");
      ul.className = "nw-inline-list";
      partners.forEach(function (pid) {
        var li = cell("li");
        li.appendChild(partnerLink(pid));
        ul.appendChild(li);
      });
      td.appendChild(ul);
    } else {
      td.textContent = "–";
    }
    tr.appendChild(td);
    return tr;
  }

  function build() {
    if (built) {
      return;
    }
    built = true;
    var ids = data.nodes
      .map(function (n) {
        return n.id;
      })
      .sort(byName);
    ids.forEach(function (id, i) {
      rowOf[id] = "nw-row-" + (i + 1);
    });
    var rows = document.createDocumentFragment();
    ids.forEach(function (id) {
      rows.appendChild(row(id));
    });
    body.appendChild(rows);
  }

  function show(open, moveFocus) {
    if (open) {
      build();
    }
    section.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? toggle.dataset.hide : toggle.dataset.show;
    if (open && moveFocus) {
      heading.focus();
    }
  }

  toggle.addEventListener("click", function () {
    show(section.hidden, true);
  });
  function fromFragment() {
    if (window.location.hash === "#network-table") {
      show(true, true);
    }
  }
  window.addEventListener("hashchange", fromFragment);
  fromFragment();

  body.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-id]");
    if (!a) {
      return;
    }
    ev.preventDefault();
    var id = a.dataset.id;
    var target = document.getElementById(rowOf[id]).querySelector("th a, th");
    if (target.tagName !== "A") {
      target.tabIndex = -1;
    }
    target.focus();
    target.scrollIntoView({ block: "center" });
    if (state.select) {
      state.select(id, true);
    }
  });
  state.table = { show: show };
});
