/* Exports of the network picture (netzwerk).
 *
 * SVG and PDF come from the server (title, legend, filter, date and source line; the pins
 * as arranged here travel in the form). PNG is that SVG drawn onto a canvas of the chosen
 * width in this browser, so it carries the same title and legend at any resolution.
 */
"use strict";

(window.netzwerkPlugins = window.netzwerkPlugins || []).push(function (state) {
  var form = document.getElementById("network-export");
  if (!form) {
    return;
  }
  var format = document.getElementById("export-format");
  var paper = document.getElementById("export-paper");
  var width = document.getElementById("export-width");

  function sync() {
    var png = format.value === "png";
    width.hidden = !png;
    paper.hidden = format.value === "svg" || png;
  }
  format.addEventListener("change", sync);
  sync();

  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
  }

  form.addEventListener("submit", function (ev) {
    if (format.value !== "png") {
      return; // the server answers with the file
    }
    ev.preventDefault();
    var body = new FormData(form);
    body.set("format", "svg");
    state.exporting = true;
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.text();
      })
      .then(function (svg) {
        var img = new Image();
        img.onload = function () {
          var w = Number(width.value) || 3840;
          var canvas = document.createElement("canvas");
          canvas.width = w;
          canvas.height = Math.round((w * img.height) / img.width);
          var ctx = canvas.getContext("2d");
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            state.exported = { width: canvas.width, height: canvas.height, bytes: blob.size };
            state.exporting = false;
            download(blob, "netzwerk-" + (state.data.view || "bild") + "-" + w + "px.png");
          }, "image/png");
        };
        img.onerror = function () {
          state.exporting = false;
          state.error = "png";
        };
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      })
      .catch(function (err) {
        state.exporting = false;
        state.error = String(err);
      });
  });
});
