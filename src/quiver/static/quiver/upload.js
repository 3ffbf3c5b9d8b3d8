/* Drag-and-drop upload of many files: one XHR per file with its own progress bar and result.
   Without JS the same form posts every file at once and the server lists the results. */
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;

  var input = document.getElementById("id_files");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("upload-queue");
  var summary = document.getElementById("upload-summary");
  var submit = document.getElementById("upload-submit");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var queue = [];
  // One file at a time: uploads are bandwidth-bound, and the embedded SQLite database takes one writer at a time.
  var PARALLEL = 1;

  function formatSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function addFiles(files) {
    for (var i = 0; i < files.length; i++) {
      var file = files[i];
      var row = el("li", "upload-item");
      var name = el("span", "filename", file.name);
      var size = el("span", "muted small", formatSize(file.size));
      var bar = el("progress", "upload-progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Upload progress of " + file.name);
      var status = el("span", "upload-status", "Waiting");
      var remove = el("button", "btn btn-ghost btn-small", "Remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + file.name);
      row.append(name, size, bar, status, remove);
      list.appendChild(row);
      var item = { file: file, row: row, bar: bar, status: status, remove: remove, state: "queued" };
      remove.addEventListener("click", makeRemover(item));
      if (file.size === 0) fail(item, "The file is empty.");
      else if (maxBytes && file.size > maxBytes) fail(item, "The file is larger than the " + formatSize(maxBytes) + " limit.");
      queue.push(item);
    }
    updateSummary();
  }

  function makeRemover(item) {
    return function () {
      item.state = "removed";
      item.row.remove();
      updateSummary();
    };
  }

  function fail(item, message) {
    item.state = "failed";
    item.row.classList.add("result-error");
    item.status.textContent = message;
    item.status.className = "upload-status error";
    item.bar.hidden = true;
  }

  function succeed(item, data) {
    item.state = "done";
    item.row.classList.add("result-ok");
    item.bar.value = 100;
    item.status.textContent = "";
    item.status.className = "upload-status";
    var link = el("a", "", data.title || item.file.name);
    link.href = data.url;
    item.status.appendChild(link);
    var badge = el("span", "badge");
    var reason = el("span", "muted small");
    item.status.append(" ", badge, " ", reason);
    item.id = data.id;
    item.badge = badge;
    item.reason = reason;
    showProcessing(item, data);
    (data.duplicates || []).forEach(function (twin) {  // an exact copy of an asset the user may see
      var hint = el("p", "duplicate-hint", "This looks like ");
      var twinLink = el("a", "", twin.title);
      twinLink.href = twin.url;
      var act = el("a", "", "add it as a new version of it instead?");
      act.href = data.url;
      hint.append(twinLink, " (" + twin.label + "): ", act);
      item.status.appendChild(hint);
    });
  }

  function showProcessing(item, data) {
    item.processing = data.status === "processing";
    item.badge.className = "badge badge-" + (data.status || "ready");
    item.badge.textContent = data.status === "failed" ? "Failed" :
      item.processing ? (data.queue_label || "Processing") : "Ready";
    item.reason.textContent = data.failure_reason || "";
    if (item.processing) schedulePoll();
  }

  // While uploaded files are processing, ask the server every 2 s where they stand ("Queued behind N uploads",
  // "Processing now", then Ready or Failed), so the page never needs a reload.
  var statusUrl = form.getAttribute("data-status-url");
  var polling = null;

  function schedulePoll() {
    if (!statusUrl || polling) return;
    polling = setTimeout(poll, 2000);
  }

  function poll() {
    var waiting = queue.filter(function (item) { return item.processing && item.id; }).slice(0, 50);
    if (!waiting.length) { polling = null; return; }
    var byId = {};
    var params = waiting.map(function (item) { byId[item.id] = item; return "id=" + item.id; }).join("&");
    var xhr = new XMLHttpRequest();
    xhr.open("GET", statusUrl + "?" + params);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.addEventListener("loadend", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      polling = null;
      if (xhr.status === 200 && body && body.assets) {
        body.assets.forEach(function (data) { if (byId[data.id]) showProcessing(byId[data.id], data); });
        schedulePoll();
      }
    });
    xhr.send();
  }

  function updateSummary(text) {
    var counts = { queued: 0, uploading: 0, done: 0, failed: 0 };
    queue.forEach(function (item) { if (counts[item.state] !== undefined) counts[item.state]++; });
    if (text) { summary.textContent = text; return; }
    var parts = [];
    if (counts.queued) parts.push(counts.queued + " waiting");
    if (counts.uploading) parts.push(counts.uploading + " uploading");
    if (counts.done) parts.push(counts.done + " uploaded");
    if (counts.failed) parts.push(counts.failed + " failed");
    summary.textContent = parts.join(", ");
  }

  function send(item, done) {
    item.state = "uploading";
    item.status.textContent = "Uploading…";
    item.remove.hidden = true;
    var data = new FormData(form);
    data.delete("files");
    data.append("files", item.file, item.file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) item.bar.value = Math.round((event.loaded / event.total) * 95);
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300 && body && body.ok) succeed(item, body);
      else if (body && body.error) fail(item, body.error);
      else if (xhr.status === 413) fail(item, "The file is too large.");
      else if (xhr.status === 403) fail(item, "You may not upload here (your session may have expired).");
      else fail(item, "The upload failed (server answered " + xhr.status + ").");
      updateSummary();
      done();
    });
    xhr.addEventListener("error", function () {
      fail(item, "The upload failed: the connection was lost.");
      updateSummary();
      done();
    });
    xhr.send(data);
    updateSummary();
  }

  function run() {
    var waiting = queue.filter(function (item) { return item.state === "queued"; });
    if (!waiting.length) { updateSummary("Add files first."); return; }
    var checked = form.querySelectorAll("input[name='collections']:checked");
    if (!checked.length) { updateSummary("Choose at least one collection."); return; }
    submit.disabled = true;
    var active = 0;
    function next() {
      while (active < PARALLEL && waiting.length) {
        active++;
        send(waiting.shift(), function () {
          active--;
          if (!waiting.length && active === 0) {
            submit.disabled = false;
            var ok = queue.filter(function (i) { return i.state === "done"; }).length;
            var bad = queue.filter(function (i) { return i.state === "failed"; }).length;
            updateSummary("Finished: " + ok + " uploaded" + (bad ? ", " + bad + " failed" : "") + ".");
          } else {
            next();
          }
        });
      }
    }
    next();
  }

  form.classList.add("js-upload");
  input.addEventListener("change", function () {
    addFiles(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("is-dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("is-dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files) addFiles(event.dataTransfer.files);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
})();
