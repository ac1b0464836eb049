/* Exploring the network picture in place (netzwerk).
 *
 * Click an actor: it and its partners stay bright, the rest fades, and the side panel
 * (#network-panel) shows the actor with its partners and a link to its page. Double-click:
 * focus on everything within n steps (the panel's "Schritte") and zoom to it. Drag an actor:
 * it stays where dropped (pinned); pins are saved with a view (#view-pins) and sent with
 * exports (#export-pins). A click on empty canvas clears the selection; the keys (Escape
 * among them) are network-keyboard.js's.
 * The fade and the bright part are drawn over vis-network's frame, so a selection costs no
 * update of thousands of nodes.
 */
"use strict";

(window.netzwerkPlugins = window.netzwerkPlugins || []).push(function (state, network, data, box) {
  var panel = document.getElementById("network-panel");
  var adj = {};
  data.nodes.forEach(function (n) {
    adj[n.id] = [];
  });
  data.edges.forEach(function (e) {
    if (adj[e.from] && adj[e.to]) {
      adj[e.from].push(e.to);
      adj[e.to].push(e.from);
    }
  });
  state.adjacency = adj;
  state.positions = {};
  state.pins = {};
  data.nodes.forEach(function (n) {
    if (n.pinned) {
      state.pins[n.id] = [n.x, n.y];
    }
  });
  var styles = data.styles || { nodes: {}, edges: {} };

  function within(id, steps) {
    var seen = {};
    seen[id] = 0;
    var frontier = [id];
    for (var d = 1; d <= steps; d++) {
      var next = [];
      frontier.forEach(function (v) {
        (adj[v] || []).forEach(function (u) {
          if (seen[u] === undefined) {
            seen[u] = d;
            next.push(u);
          }
        });
      });
      frontier = next;
    }
    return seen;
  }

  function pos(id) {
    return state.positions[id] || state.byId[id];
  }

  function shapePath(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === "square" || shape === "box") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.2, y);
      ctx.lineTo(x, y + r * 1.2);
      ctx.lineTo(x - r * 1.2, y);
      ctx.closePath();
    } else if (shape === "triangle") {
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.1, y + r * 0.75);
      ctx.lineTo(x - r * 1.1, y + r * 0.75);
      ctx.closePath();
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  // drawn after vis-network's frame, in canvas coordinates, before the labels
  state.beforeLabels = function (ctx) {
    var keep = state.highlight;
    if (!keep) {
      return;
    }
    var scale = network.getScale();
    var view = network.getViewPosition();
    var w = ctx.canvas.clientWidth / scale;
    var h = ctx.canvas.clientHeight / scale;
    ctx.save();
    ctx.fillStyle = "rgba(255,255,255,0.82)";
    ctx.fillRect(view.x - w / 2, view.y - h / 2, w, h);
    ctx.strokeStyle = "#1d2733";
    ctx.globalAlpha = 0.8;
    ctx.lineWidth = Math.max(1, 1.6 / scale);
    data.edges.forEach(function (e) {
      if (keep[e.from] !== undefined && keep[e.to] !== undefined) {
        var a = pos(e.from);
        var b = pos(e.to);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
      }
    });
    if (state.linkTo && keep[state.linkTo] !== undefined) {
      // the link the keyboard is on (network-keyboard.js): drawn thick
      var from = pos(state.selected);
      var to = pos(state.linkTo);
      ctx.lineWidth = Math.max(3, 5 / scale);
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    Object.keys(keep).forEach(function (id) {
      var n = state.byId[id];
      var st = styles.nodes[n.g] || {};
      var p = pos(id);
      var r = n.cls === "aggregate" ? state.px(8 + n.s * 0.5) : state.sizeOf(n);
      shapePath(ctx, st.shape || "dot", p.x, p.y, r);
      ctx.fillStyle = n.color || st.color || "#8C8C8C";
      ctx.fill();
      var marked = id === state.selected || id === state.linkTo;
      ctx.lineWidth = (marked ? 3 : 1.2) / scale;
      ctx.strokeStyle = marked ? "#111111" : st.border || "#333333";
      ctx.stroke();
    });
    ctx.restore();
  };

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) {
      el.className = cls;
    }
    return el;
  }

  function showPanel(id) {
    if (!panel) {
      return;
    }
    var n = state.byId[id];
    panel.textContent = "";
    panel.hidden = false;
    panel.appendChild(text("h2", n.name));
    var dl = document.createElement("ul");
    dl.className = "nw-facts";
    (n.tip || []).slice(1).forEach(function (line) {
      dl.appendChild(text("li", line));
    });
    panel.appendChild(dl);
    var partners = (adj[id] || []).slice().sort(function (a, b) {
      return state.byId[a].name.localeCompare(state.byId[b].name, "de");
    });
    var two = Object.keys(within(id, 2)).length - 1 - partners.length;
    panel.appendChild(
      text("p", (box.dataset.partners || "Partner") + ": " + partners.length + " · " + (box.dataset.reach2 || "über zwei Schritte") + ": " + two, "nw-hint")
    );
    if (partners.length) {
      var ul = document.createElement("ul");
      ul.className = "nw-partners";
      partners.slice(0, 40).forEach(function (pid) {
        var li = document.createElement("li");
        var b = text("button", state.byId[pid].name, "nw-linkish");
        b.type = "button";
        b.addEventListener("click", function () {
          state.select(pid, true);
        });
        li.appendChild(b);
        ul.appendChild(li);
      });
      if (partners.length > 40) {
        ul.appendChild(text("li", "… +" + (partners.length - 40)));
      }
      panel.appendChild(ul);
    }
    var actions = document.createElement("p");
    actions.className = "nw-panel-actions";
    if (n.url) {
      var a = text("a", box.dataset.open || "Detailseite öffnen", "btn");
      a.href = n.url;
      a.id = "panel-open";
      actions.appendChild(a);
    }
    var steps = document.createElement("select");
    steps.id = "panel-steps";
    steps.setAttribute("aria-label", box.dataset.steps || "Schritte");
    [1, 2, 3].forEach(function (k) {
      var unit = k === 1 ? box.dataset.step || "Schritt" : box.dataset.steps || "Schritte";
      var o = text("option", k + " " + unit);
      o.value = String(k);
      o.selected = k === state.focusDepth;
      steps.appendChild(o);
    });
    steps.addEventListener("change", function () {
      state.focusDepth = Number(steps.value);
    });
    var f = text("button", box.dataset.focus || "Fokus", "btn");
    f.type = "button";
    f.id = "panel-focus";
    f.addEventListener("click", function () {
      state.focus(id, state.focusDepth);
    });
    actions.appendChild(steps);
    actions.appendChild(f);
    panel.appendChild(actions);
  }

  state.focusDepth = 2;
  state.select = function (id, move) {
    if (!state.byId[id]) {
      return;
    }
    state.selected = id;
    state.linkTo = null;
    state.highlight = within(id, 1);
    state.focused = null;
    showPanel(id);
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    network.selectNodes([id], false);
    network.redraw();
  };
  state.focus = function (id, steps) {
    state.selected = id;
    state.linkTo = null;
    state.highlight = within(id, steps);
    state.focused = { id: id, steps: steps };
    showPanel(id);
    network.fit({ nodes: Object.keys(state.highlight), animation: false });
    network.redraw();
  };
  state.clear = function () {
    state.selected = null;
    state.linkTo = null;
    state.highlight = null;
    state.focused = null;
    if (panel) {
      panel.hidden = true;
      panel.textContent = "";
    }
    network.unselectAll();
    network.redraw();
  };

  network.on("click", function (p) {
    var id = p.nodes && p.nodes[0];
    if (id && state.byId[id] && state.byId[id].cls === "aggregate") {
      state.open(id); // a group opens the picture of its members
    } else if (id) {
      state.select(id, false);
    } else if (!p.edges || !p.edges.length) {
      state.clear();
    }
  });
  network.on("doubleClick", function (p) {
    var id = p.nodes && p.nodes[0];
    if (id && state.byId[id] && state.byId[id].cls !== "aggregate") {
      state.focus(id, state.focusDepth);
    }
  });
  network.on("dragEnd", function (p) {
    if (!p.nodes || !p.nodes.length) {
      return;
    }
    p.nodes.forEach(function (id) {
      state.pin(id);
    });
  });
  // pin: the actor stays where it is now (after a drag, or moved by keys); unpin: back home
  state.pin = function (id) {
    var now = network.getPositions([id])[id];
    state.positions[id] = now;
    state.pins[id] = [Math.round(now.x), Math.round(now.y)];
    fillPins();
    network.redraw();
  };
  state.unpin = function (id) {
    var n = state.byId[id];
    var home = n.home || [n.x, n.y];
    network.moveNode(id, home[0], home[1]);
    delete state.positions[id];
    delete state.pins[id];
    fillPins();
    network.redraw();
  };

  function fillPins() {
    var json = JSON.stringify(state.pins);
    ["view-pins", "export-pins", "repin-pins"].forEach(function (name) {
      var el = document.getElementById(name);
      if (el) {
        el.value = json;
      }
    });
    var count = document.getElementById("pin-count");
    if (count) {
      count.textContent = String(Object.keys(state.pins).length);
    }
  }
  var unpin = document.getElementById("network-unpin");
  if (unpin) {
    unpin.addEventListener("click", function () {
      Object.keys(state.pins).forEach(state.unpin);
    });
  }
  fillPins();
});
