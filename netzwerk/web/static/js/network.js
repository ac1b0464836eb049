/* Network pictures (netzwerk): draws the server's picture data with
 * vis-network.
 *
 * Positions come from the server (physics off), so even 5,000 actors are still at once.
 * The data is fetched from the element's data-src (the app; the CSP forbids inline script)
 * or read from <script type="application/json" id="network-data"> (the offline download).
 * Tooltips are built with textContent: names are never parsed as HTML.
 * Actor labels are not drawn by vis-network but by network-labels.js (only those that fit);
 * selecting, focusing and pinning live in network-explore.js, exports in network-export.js.
 * Those files register in window.netzwerkPlugins before this one runs; each gets
 * (state, network, data, box) once the picture is built.
 * window.netzwerkBild exposes the network, its data and a ready flag for tests.
 */
"use strict";

(function () {
  var box = document.getElementById("network");
  if (!box) {
    return;
  }
  var state = { ready: false, nodeCount: 0, edgeCount: 0, network: null, data: null };
  window.netzwerkBild = state;
  var status = document.getElementById("network-status");
  var t0 = performance.now();

  function say(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  // Small pictures get tooltip elements (first line bold); large ones plain strings, which
  // vis-network shows with innerText (still never HTML) without building 30,000 elements.
  var plainTips = false;

  function tip(lines) {
    if (plainTips) {
      return (lines || []).join("\n");
    }
    var div = document.createElement("div");
    div.className = "nw-tip";
    (lines || []).forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "strong" : "div");
      el.textContent = line;
      div.appendChild(el);
    });
    return div;
  }

  function fold(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function swatch(item) {
    if (item.dashes !== undefined || item.width !== undefined) {
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("width", "38");
      svg.setAttribute("height", "12");
      svg.setAttribute("aria-hidden", "true");
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", "1");
      line.setAttribute("y1", "6");
      line.setAttribute("x2", "37");
      line.setAttribute("y2", "6");
      line.setAttribute("stroke", item.color || "#5b6775");
      line.setAttribute("stroke-width", String(item.width || 1.6));
      if (Array.isArray(item.dashes)) {
        line.setAttribute("stroke-dasharray", item.dashes.join(" "));
      }
      svg.appendChild(line);
      return svg;
    }
    var span = document.createElement("span");
    span.className = "nw-sw nw-sw-" + (item.shape || "dot");
    if (item.shape === "triangle") {
      span.style.borderBottomColor = item.color;
    } else {
      span.style.backgroundColor = item.color;
    }
    span.setAttribute("aria-hidden", "true");
    return span;
  }

  function legend(data) {
    var root = document.getElementById("network-legend");
    if (!root) {
      return;
    }
    root.textContent = "";
    var head = document.createElement("h2");
    head.textContent = root.getAttribute("aria-label") || "Legende";
    root.appendChild(head);
    (data.legend || []).forEach(function (block) {
      var h = document.createElement("h3");
      h.textContent = block.title;
      root.appendChild(h);
      if (!block.items || !block.items.length) {
        return;
      }
      var ul = document.createElement("ul");
      block.items.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(swatch(item));
        var label = document.createElement("span");
        label.textContent = item.label;
        li.appendChild(label);
        ul.appendChild(li);
      });
      root.appendChild(ul);
    });
  }

  function toolbar(data) {
    var count = document.getElementById("network-count");
    var c = data.counts || {};
    if (count) {
      count.textContent =
        data.mode === "aggregate"
          ? c.nodes + " " + box.dataset.groups + " · " + c.actors + " " + box.dataset.actors
          : c.actors + " " + box.dataset.actors + " · " + c.edges + " " + box.dataset.links;
    }
    var msgs = (data.warnings || []).concat(data.notice ? [data.notice] : []);
    say(msgs.join(" "));
    if (data.show_all_url && status && box.dataset.showall) {
      var a = document.createElement("a");
      a.href = data.show_all_url;
      a.textContent = box.dataset.showall;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(a);
    }
    if (!data.nodes.length) {
      say(box.dataset.empty);
    }
  }

  function searchSetup(data, network) {
    var form = document.getElementById("network-search");
    var input = document.getElementById("network-q");
    var list = document.getElementById("network-names");
    if (!form || !input) {
      return;
    }
    if (list && data.nodes.length <= 5000) {
      var seen = {};
      data.nodes.forEach(function (n) {
        if (!seen[n.name]) {
          seen[n.name] = true;
          var o = document.createElement("option");
          o.value = n.name;
          list.appendChild(o);
        }
      });
    }
    var last = "";
    var hits = [];
    var at = 0;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = fold(input.value).trim();
      if (!q) {
        network.unselectAll();
        say("");
        return;
      }
      if (q !== last) {
        last = q;
        at = 0;
        var exact = [];
        hits = [];
        data.nodes.forEach(function (n) {
          var name = fold(n.name);
          if (name === q) {
            exact.push(n.id);
          } else if (name.indexOf(q) >= 0 || fold(n.label).indexOf(q) >= 0) {
            hits.push(n.id);
          }
        });
        hits = exact.concat(hits);
      } else {
        at = hits.length ? (at + 1) % hits.length : 0;
      }
      if (!hits.length) {
        network.unselectAll();
        say(box.dataset.notfound + " „" + input.value + "“.");
        return;
      }
      if (state.select) {
        state.select(hits[at], false); // highlights it and its partners, fills the panel
      }
      network.selectNodes(hits, false);
      network.focus(hits[at], { scale: Math.max(network.getScale(), 1.1), animation: false });
      state.highlighted = hits.slice();
      var shown = state.byId[hits[at]];
      say(hits.length + " " + box.dataset.found + " (" + (at + 1) + "/" + hits.length + "): " + shown.name);
    });
  }

  // Node and label sizes are given in screen pixels at the initial (fitted) zoom: a picture
  // of 5,000 actors is drawn at a much smaller scale than one of 20, but hubs should be
  // equally visible and labels equally readable in both. Labels of small nodes only appear
  // when zooming in (vis-network hides labels under drawThreshold pixels).
  function fitScale(data) {
    var b = data.bounds || {};
    var w = Math.max(200, (b.maxX - b.minX) * 1.08 + 120);
    var h = Math.max(200, (b.maxY - b.minY) * 1.08 + 120);
    return Math.min(box.clientWidth / w, box.clientHeight / h, 1.5) || 1;
  }

  function build(data) {
    state.data = data;
    toolbar(data);
    legend(data);
    var styles = data.styles || { nodes: {}, edges: {} };
    var s = fitScale(data);
    var px = function (v) {
      return v / s;
    };
    var big = data.nodes.length > 1000;
    plainTips = big;
    var byId = {};
    state.byId = byId;
    var sMin = Infinity;
    var sMax = -Infinity;
    data.nodes.forEach(function (n) {
      sMin = Math.min(sMin, n.s);
      sMax = Math.max(sMax, n.s);
    });
    var all = data.view === "ego" || data.nodes.length < 40;
    var lo = px(big ? 2 : all ? 6 : 3.5);
    var hi = px(big ? 10 : all ? 20 : 13);
    // node sizes in canvas units, known here so that labels can be placed beside them
    state.sizeOf = function (n) {
      if (n.cls === "alliance" || n.cls === "project") {
        return px(9);
      }
      if (n.cls === "centre") {
        return hi * 1.25;
      }
      return sMax > sMin ? lo + ((hi - lo) * (n.s - sMin)) / (sMax - sMin) : (lo + hi) / 2;
    };
    state.px = px;
    var nodes = data.nodes.map(function (n) {
      byId[n.id] = n;
      var st = styles.nodes[n.g] || {};
      var colour = n.color || st.color || "#8C8C8C";
      var o = {
        id: n.id,
        // actor, alliance and project names are placed by network-labels.js (no overlaps);
        // aggregated groups carry their own
        label: n.cls === "aggregate" ? n.label : undefined,
        x: n.x,
        y: n.y,
        size: state.sizeOf(n),
        shape: st.shape || "dot",
        title: tip(n.tip),
        color: {
          background: colour,
          border: st.border || "#333",
          highlight: { background: colour, border: "#111" },
          hover: { background: colour, border: "#111" },
        },
      };
      if (st.font) {
        o.font = st.font;
      }
      if (n.cls === "centre") {
        o.borderWidth = 4;
      }
      if (n.cls === "aggregate" || n.cls === "alliance" || n.cls === "project") {
        // fixed size and font: these carry the picture's structure, always readable
        o.size = n.s;
        o.font = Object.assign({ size: n.cls === "aggregate" ? 17 : 15 }, o.font || {});
      }
      return o;
    });
    var edges = data.edges.map(function (e) {
      var st = styles.edges[e.k] || {};
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        width: px(Math.max(0.5, (e.w || 1) * (big ? 0.4 : data.view === "ego" ? 0.8 : 0.5))),
        // dashed canvas lines are slow; in large pictures only extra edges keep dashes
        dashes: e.dashes !== undefined ? e.dashes : big ? false : st.dashes || false,
        color: { color: e.color || st.color || "#7b8794", opacity: big ? 0.3 : data.view === "ego" ? 0.75 : 0.45, highlight: "#1d2733", hover: "#1d2733" },
        title: tip(e.tip),
        classes: e.cls,
      };
    });
    state.nodeCount = nodes.length;
    state.edgeCount = edges.length;
    box.dataset.nodes = String(nodes.length);
    box.dataset.edges = String(edges.length);
    box.dataset.mode = data.mode || "full";
    nodes.forEach(function (o) {
      var n = byId[o.id];
      if (n.cls === "alliance" || n.cls === "project") {
        // a marker; its name is a label placed beside it, so boxes never cover each other
        o.shape = "square";
        o.size = px(9);
      } else if (n.cls === "aggregate") {
        o.size = px(8 + n.s * 0.5);
        o.font = { size: px(14) };
      }
    });
    var options = {
      physics: false,
      layout: { improvedLayout: false },
      interaction: {
        hover: true,
        tooltipDelay: 120,
        hideEdgesOnDrag: big,
        hideEdgesOnZoom: big,
        keyboard: { enabled: false }, // network-keyboard.js has the keys (arrows walk actors)
        navigationButtons: false,
        zoomSpeed: 0.6,
      },
      nodes: {
        borderWidth: 1.5,
        font: { size: 14, face: "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
        shapeProperties: { interpolation: false },
      },
      edges: { smooth: false, selectionWidth: px(1.5), hoverWidth: px(0.6) },
    };
    var network = new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, options);
    state.network = network;
    // one tab stop: the named canvas box (#network) takes the keys, not vis-network's own div
    Array.prototype.forEach.call(box.querySelectorAll("[tabindex]"), function (el) {
      el.tabIndex = -1;
    });
    network.once("afterDrawing", function () {
      state.ready = true;
      state.readyMs = performance.now() - t0;
      state.readyAt = performance.now();
      box.dataset.ready = "1";
    });
    network.fit({ animation: false });
    network.on("hoverNode", function () {
      box.classList.add("nw-pointer");
    });
    network.on("blurNode", function () {
      box.classList.remove("nw-pointer");
    });
    state.open = function (id) {
      var n = byId[id];
      if (n && n.url) {
        state.opened = n.url;
        window.location.assign(n.url);
      }
    };
    searchSetup(data, network);
    (window.netzwerkPlugins || []).forEach(function (plugin) {
      plugin(state, network, data, box);
    });
  }

  var embedded = document.getElementById("network-data");
  if (typeof vis === "undefined") {
    say(box.dataset.error || "vis-network fehlt.");
    return;
  }
  if (embedded) {
    build(JSON.parse(embedded.textContent));
    return;
  }
  say(box.dataset.loading);
  fetch(box.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) {
        throw new Error(String(r.status));
      }
      return r.json();
    })
    .then(build)
    .catch(function (err) {
      state.error = String(err);
      say(box.dataset.error + " (" + err.message + ")");
    });
})();
