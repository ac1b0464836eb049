/* The network picture without a mouse (netzwerk).
 *
 * The canvas (#network, role="application") takes the keys while it has the focus:
 *   ← →          previous / next actor (by name); the first key picks the first actor
 *   ↑ ↓          previous / next link of the selected actor (the link is drawn thick)
 *   Enter        follow that link: its partner becomes the selected actor
 *   Pos1 / Ende  first / last actor
 *   F            focus on the selected actor's surroundings (the panel's steps)
 *   P            pin the selected actor where it is, or release it
 *   Alt + arrows move the selected actor (it stays pinned there: dragging without a mouse)
 *   O            open the selected actor's page
 *   + − 0        zoom in, out, whole picture; Shift + arrows move the view
 * Escape clears the selection wherever the focus is on the page (from the side panel it
 * returns the focus to the picture). Each move is said in #network-announce (aria-live):
 * the actor, its kind and its partners, or the link and where it leads. The sentences come
 * from the canvas's data-say-* attributes (translated by the page), "{name}" filled here.
 *
 * References
 * ----------
 * .. [1] W3C (2023). WAI-ARIA Authoring Practices 1.2, "Developing a Keyboard Interface".
 * .. [2] W3C (2023). WCAG 2.2, 2.1.1 Keyboard, 2.5.7 Dragging Movements, 4.1.3 Status Messages.
 */
"use strict";

(window.netzwerkPlugins = window.netzwerkPlugins || []).push(function (state, network, data, box) {
  var live = document.getElementById("network-announce");
  var panel = document.getElementById("network-panel");
  var order = data.nodes
    .map(function (n) {
      return n.id;
    })
    .sort(function (a, b) {
      return state.byId[a].name.localeCompare(state.byId[b].name, "de");
    });
  var STEP = 24; // screen pixels per key press (moving an actor or the view)

  function fill(key, values) {
    var text = box.dataset[key] || "";
    Object.keys(values).forEach(function (k) {
      text = text.split("{" + k + "}").join(String(values[k]));
    });
    return text;
  }

  function say(text) {
    if (live) {
      // a changed text is read even when the same sentence comes twice
      live.textContent = live.textContent === text ? text + "\u00a0" : text;
    }
  }

  function partnersOf(id) {
    return (state.adjacency[id] || []).slice().sort(function (a, b) {
      return state.byId[a].name.localeCompare(state.byId[b].name, "de");
    });
  }

  function named(id) {
    var n = state.byId[id];
    return n.kind ? n.name + " (" + n.kind + ")" : n.name;
  }

  function describe(id) {
    var partners = partnersOf(id);
    if (!partners.length) {
      return fill("sayAlone", { name: named(id) });
    }
    var names = partners.slice(0, 8).map(function (p) {
      return state.byId[p].name;
    });
    if (partners.length > 8) {
      names.push(fill("sayMore", { count: partners.length - 8 }));
    }
    return fill("sayActor", {
      name: named(id),
      count: partners.length,
      partners: names.join(", "),
      pinned: state.pins[id] ? " " + fill("sayIsPinned", {}) : "",
    }).trim();
  }

  // every selection is said, however it came (keys, a click, the search, the panel, the
  // table): the side panel itself is not a live region, it would read out everything
  var select = state.select;
  state.select = function (id, move) {
    select(id, move);
    if (state.selected === id) {
      say(describe(id));
    }
  };

  function go(id) {
    state.select(id, true);
  }

  function step(delta) {
    if (!order.length) {
      return;
    }
    var at = order.indexOf(state.selected);
    if (at < 0) {
      go(order[delta > 0 ? 0 : order.length - 1]);
      return;
    }
    go(order[(at + delta + order.length) % order.length]);
  }

  function walkLinks(delta) {
    if (!state.selected) {
      step(1);
      return;
    }
    var partners = partnersOf(state.selected);
    if (!partners.length) {
      say(fill("sayAlone", { name: named(state.selected) }));
      return;
    }
    var at = partners.indexOf(state.linkTo);
    at = at < 0 ? (delta > 0 ? 0 : partners.length - 1) : (at + delta + partners.length) % partners.length;
    state.linkTo = partners[at];
    network.redraw();
    say(fill("sayLink", { index: at + 1, count: partners.length, from: state.byId[state.selected].name, name: named(state.linkTo) }));
  }

  function togglePin() {
    var id = state.selected;
    if (state.pins[id]) {
      state.unpin(id);
      say(fill("sayUnpinned", { name: state.byId[id].name }));
    } else {
      state.pin(id);
      say(fill("sayPinned", { name: state.byId[id].name }));
    }
  }

  function moveActor(dx, dy) {
    var id = state.selected;
    var scale = network.getScale();
    var at = network.getPositions([id])[id];
    network.moveNode(id, at.x + (dx * STEP) / scale, at.y + (dy * STEP) / scale);
    state.pin(id);
    say(fill("sayPinned", { name: state.byId[id].name }));
  }

  function pan(dx, dy) {
    var scale = network.getScale();
    var view = network.getViewPosition();
    network.moveTo({ position: { x: view.x + (dx * STEP * 3) / scale, y: view.y + (dy * STEP * 3) / scale }, animation: false });
  }

  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: false });
  }

  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function onSelected(key) {
    var id = state.selected;
    if (key === "Enter" && state.linkTo) {
      go(state.linkTo);
    } else if (key === "f" || key === "F") {
      state.focus(id, state.focusDepth);
      say(fill("sayFocus", { name: state.byId[id].name, count: Object.keys(state.highlight).length - 1 }));
    } else if (key === "p" || key === "P") {
      togglePin();
    } else if ((key === "o" || key === "O" || key === "Enter") && state.byId[id].url) {
      state.open(id);
    } else {
      return false;
    }
    return true;
  }

  function onKey(ev) {
    var arrow = ARROWS[ev.key];
    if (arrow && ev.shiftKey) {
      pan(arrow[0], arrow[1]);
    } else if (arrow && ev.altKey) {
      if (state.selected) {
        moveActor(arrow[0], arrow[1]);
      }
    } else if (arrow) {
      if (arrow[0]) {
        step(arrow[0]);
      } else {
        walkLinks(arrow[1]);
      }
    } else if (ev.key === "Home" || ev.key === "End") {
      go(order[ev.key === "Home" ? 0 : order.length - 1]);
    } else if (ev.key === "+" || ev.key === "=") {
      zoom(1.25);
    } else if (ev.key === "-") {
      zoom(0.8);
    } else if (ev.key === "0") {
      network.fit({ animation: false });
    } else if (!(state.selected && onSelected(ev.key))) {
      return;
    }
    ev.preventDefault();
  }

  box.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || !order.length) {
      return;
    }
    onKey(ev);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !state.selected) {
      return;
    }
    var fromPanel = panel && panel.contains(document.activeElement);
    state.clear();
    say(fill("sayCleared", {}));
    if (fromPanel) {
      box.focus();
    }
  });
  state.keys = { order: order, describe: describe };
});
