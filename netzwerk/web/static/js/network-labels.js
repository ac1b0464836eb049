/* Labels of the network picture that never overlap (netzwerk).
 *
 * vis-network draws every label it is given, on top of each other when actors sit close.
 * Here labels are placed after each frame, in screen pixels at a fixed, readable size:
 * actors in order of importance (node size, then name) get a label where it fits, beside
 * the node (right, left, below or above, whichever is free and inside the canvas); a label
 * that would overlap one already placed is left out. Zooming in makes room for more.
 * The hovered and the selected actor get their full name on a white plate, drawn last.
 * state.labels lists the boxes drawn in the last frame (for the overlap check in tests).
 */
"use strict";

(window.netzwerkPlugins = window.netzwerkPlugins || []).push(function (state, network, data, box) {
  var FONT_PX = 12;
  var FONT = FONT_PX + "px system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  var PAD = 2;
  var widths = {};
  var measureCtx = document.createElement("canvas").getContext("2d");
  measureCtx.font = FONT;

  var BOLD = "600 " + FONT;

  function width(text, bold) {
    var key = (bold ? "b\u0000" : "") + text;
    var w = widths[key];
    if (w === undefined) {
      measureCtx.font = bold ? BOLD : FONT;
      w = measureCtx.measureText(text).width;
      widths[key] = w;
    }
    return w;
  }

  // most important first: the centre, alliances and projects (the picture's structure),
  // then larger nodes, then alphabetical (stable between frames)
  var RANK = { centre: 0, alliance: 1, project: 1, actor: 2 };
  var order = data.nodes
    .filter(function (n) {
      return RANK[n.cls] !== undefined;
    })
    .sort(function (a, b) {
      return RANK[a.cls] - RANK[b.cls] || b.s - a.s || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
  var styles = (data.styles || {}).nodes || {};
  state.labels = [];
  state.hovered = null;

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // a coarse grid of placed boxes, so each check looks at a few neighbours only
  function Grid(cell) {
    this.cell = cell;
    this.cells = {};
  }
  Grid.prototype.keys = function (r) {
    var out = [];
    for (var gx = Math.floor(r.x / this.cell); gx <= Math.floor((r.x + r.w) / this.cell); gx++) {
      for (var gy = Math.floor(r.y / this.cell); gy <= Math.floor((r.y + r.h) / this.cell); gy++) {
        out.push(gx + ":" + gy);
      }
    }
    return out;
  };
  Grid.prototype.free = function (r) {
    var keys = this.keys(r);
    for (var i = 0; i < keys.length; i++) {
      var list = this.cells[keys[i]];
      if (list) {
        for (var j = 0; j < list.length; j++) {
          if (overlaps(r, list[j])) {
            return false;
          }
        }
      }
    }
    return true;
  };
  Grid.prototype.add = function (r) {
    var keys = this.keys(r);
    for (var i = 0; i < keys.length; i++) {
      (this.cells[keys[i]] = this.cells[keys[i]] || []).push(r);
    }
  };

  function positionOf(id) {
    return state.positions && state.positions[id];
  }

  function draw(ctx) {
    var canvas = ctx.canvas;
    var ratio = canvas.width / (canvas.clientWidth || canvas.width);
    var scale = network.getScale();
    var view = network.getViewPosition();
    var cw = canvas.clientWidth;
    var ch = canvas.clientHeight;
    var only = state.highlight; // a selection or focus limits labels to its actors
    var grid = new Grid(80);
    var placed = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = "#1d2733";
    var shownCount = 0;
    for (var i = 0; i < order.length; i++) {
      var n = order[i];
      if ((only && !only[n.id]) || n.id === state.selected || n.id === state.hovered) {
        continue; // the selected and the hovered actor get their full name below
      }
      var p = positionOf(n.id) || n;
      var sx = (p.x - view.x) * scale + cw / 2;
      var sy = (p.y - view.y) * scale + ch / 2;
      if (sx < -200 || sx > cw + 200 || sy < -40 || sy > ch + 40) {
        continue;
      }
      var r = state.sizeOf(n) * scale;
      var text = n.label || n.name;
      var group = n.cls === "alliance" || n.cls === "project";
      ctx.font = group ? BOLD : FONT;
      var w = width(text, group) + (group ? 6 : 0) + 2 * PAD;
      var h = FONT_PX + 2 * PAD;
      var tries = [
        { x: sx + r + 3, y: sy - h / 2 },
        { x: sx - r - 3 - w, y: sy - h / 2 },
        { x: sx - w / 2, y: sy + r + 2 },
        { x: sx - w / 2, y: sy - r - 2 - h },
      ];
      for (var t = 0; t < tries.length; t++) {
        var box2 = { x: tries[t].x, y: tries[t].y, w: w, h: h, id: n.id };
        if (box2.x < 0 || box2.x + w > cw || box2.y < 0 || box2.y + h > ch) {
          continue; // never cut off at the canvas edge
        }
        if (grid.free(box2)) {
          grid.add(box2);
          placed.push(box2);
          if (group) {
            // the name on a plate in the group's colour, like a box
            var st = styles[n.g] || {};
            ctx.fillStyle = st.color || "#0B6E7F";
            ctx.fillRect(box2.x, box2.y, w, h);
            ctx.fillStyle = (st.font && st.font.color) || "#ffffff";
            ctx.fillText(text, box2.x + PAD + 3, box2.y + h / 2);
            ctx.fillStyle = "#1d2733";
          } else {
            ctx.strokeText(text, box2.x + PAD, box2.y + h / 2);
            ctx.fillText(text, box2.x + PAD, box2.y + h / 2);
          }
          shownCount++;
          break;
        }
      }
    }
    var special = [state.selected, state.hovered].filter(function (id, k, arr) {
      return id && arr.indexOf(id) === k && state.byId[id] && state.byId[id].cls !== "aggregate";
    });
    special.forEach(function (id) {
      var n2 = state.byId[id];
      var p2 = positionOf(id) || n2;
      var x = (p2.x - view.x) * scale + cw / 2;
      var y = (p2.y - view.y) * scale + ch / 2;
      var r2 = (state.sizeOf(n2) || 0) * scale;
      var full = n2.name;
      var w2 = width(full) + 8;
      var bx = x + r2 + 4 + w2 > cw ? x - r2 - 4 - w2 : x + r2 + 4;
      bx = Math.max(2, Math.min(bx, cw - w2 - 2));
      var by = Math.max(2, Math.min(y - 10, ch - 22));
      ctx.fillStyle = "rgba(255,255,255,0.94)";
      ctx.strokeStyle = "#1d2733";
      ctx.lineWidth = 1;
      ctx.fillRect(bx, by, w2, 20);
      ctx.strokeRect(bx + 0.5, by + 0.5, w2 - 1, 19);
      ctx.fillStyle = "#1d2733";
      ctx.fillText(full, bx + 4, by + 10);
    });
    ctx.restore();
    state.labels = placed;
    state.labelCount = shownCount;
  }

  state.labelOverlaps = function () {
    var n = 0;
    var list = state.labels;
    for (var i = 0; i < list.length; i++) {
      for (var j = i + 1; j < list.length; j++) {
        if (overlaps(list[i], list[j])) {
          n++;
        }
      }
    }
    return n;
  };
  state.drawLabels = draw;
  network.on("afterDrawing", function (ctx) {
    if (state.beforeLabels) {
      state.beforeLabels(ctx);
    }
    draw(ctx);
  });
  network.on("hoverNode", function (p) {
    state.hovered = p.node;
  });
  network.on("blurNode", function () {
    state.hovered = null;
  });
  network.redraw();
});
