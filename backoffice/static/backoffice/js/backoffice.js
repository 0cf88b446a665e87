/* The back office's own script: progressive enhancement only — every page works without it.
   Draft autosave (localStorage, per form), variant rows added in place, the description
   editor's buttons, photos resized in the browser and uploaded with progress, drag to
   reorder photos, the packing slip's print button. No build step, no dependencies. */
(function () {
  "use strict";
  var DRAFT = "studio-draft:", SUBMITTED = "studio-submitted";
  var SKIP = { csrfmiddlewaretoken: 1, form_token: 1, password: 1 };

  var TEXTS = {};
  try { TEXTS = JSON.parse(document.getElementById("studio-texts").textContent); } catch (e) { TEXTS = {}; }
  function T(key) { return TEXTS[key] || key; }
  function csrf(form) { var i = form.querySelector("[name=csrfmiddlewaretoken]"); return i ? i.value : ""; }

  /* ---------------------------------------------------------------- formset rows */
  function addRow(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var list = document.querySelector("[data-formset='" + prefix + "']");
    if (!total || !template || !list) return null;
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var number = row.querySelector(".variant-number");
    if (number) number.textContent = String(index + 1);
    list.appendChild(row);
    total.value = String(index + 1);
    return row;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (!button) return;
    var row = addRow(button.getAttribute("data-add-row"));
    if (row) {
      event.preventDefault();
      var first = row.querySelector("input:not([type=hidden])");
      if (first) first.focus();
    }
  });

  /* ---------------------------------------------------------------- draft autosave */
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.name] && el.type !== "file" && el.type !== "password" && el.type !== "submit" && el.type !== "button";
    });
  }
  function snapshot(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name + "=" + el.value] = el.checked;
      } else if (el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function restore(form, data) {
    Object.keys(data).forEach(function (key) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(key);
      if (!match) return;
      var total = form.querySelector("[name='" + key + "']");
      while (total && parseInt(total.value, 10) < parseInt(data[key], 10)) { if (!addRow(match[1])) break; }
    });
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var k = el.name + "=" + el.value;
        if (k in data) el.checked = !!data[k];
      } else if (el.multiple && Array.isArray(data[el.name])) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = data[el.name].indexOf(o.value) >= 0; });
      } else if (el.name in data && !/TOTAL_FORMS|INITIAL_FORMS/.test(el.name)) {
        el.value = data[el.name];
      }
    });
  }
  function setupAutosave(form) {
    var key = DRAFT + form.getAttribute("data-autosave");
    var status = form.querySelector(".autosave-status");
    var store;
    try { store = window.localStorage; store.getItem(key); } catch (e) { return; }
    var saved = store.getItem(key);
    if (saved && !document.querySelector(".form-errors")) {
      try { restore(form, JSON.parse(saved)); } catch (e) { store.removeItem(key); }
      var note = document.createElement("p");
      note.className = "notice notice--warn";
      note.setAttribute("role", "status");
      note.textContent = T("restored");
      var discard = document.createElement("button");
      discard.type = "button"; discard.className = "button small";
      discard.textContent = T("discard");
      discard.addEventListener("click", function () { store.removeItem(key); window.location.reload(); });
      note.appendChild(document.createTextNode(" ")); note.appendChild(discard);
      form.insertBefore(note, form.firstChild);
    }
    var timer = null;
    function save() {
      try { store.setItem(key, JSON.stringify(snapshot(form))); } catch (e) { return; }
      if (status) status.textContent = T("draftSaved");
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 400); });
    form.addEventListener("change", save);
    form.addEventListener("submit", function () { save(); sessionStorage.setItem(SUBMITTED, key); });
  }

  /* ---------------------------------------------------------------- description editor */
  function setupEditor(area) {
    var bar = document.createElement("div");
    bar.className = "editor-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", T("formatting"));
    [["**", "B", T("bold")], ["*", "I", T("italic")], ["- ", "•", T("list")]].forEach(function (spec) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "button small"; b.textContent = spec[1]; b.setAttribute("aria-label", spec[2]);
      b.addEventListener("click", function () {
        var s = area.selectionStart, e = area.selectionEnd, v = area.value, chosen = v.slice(s, e);
        if (spec[0] === "- ") {
          var start = v.lastIndexOf("\n", s - 1) + 1;
          var lines = v.slice(start, e).split("\n").map(function (l) { return l.indexOf("- ") === 0 ? l : "- " + l; }).join("\n");
          area.value = v.slice(0, start) + lines + v.slice(e);
        } else {
          area.value = v.slice(0, s) + spec[0] + chosen + spec[0] + v.slice(e);
          area.selectionStart = s + spec[0].length; area.selectionEnd = e + spec[0].length;
        }
        area.focus();
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
      bar.appendChild(b);
    });
    area.parentNode.insertBefore(bar, area);
  }

  /* ---------------------------------------------------------------- photos */
  var MAX_EDGE = 1600, QUALITY = 0.85;
  function resized(file) {
    if (!window.createImageBitmap || !/^image\//.test(file.type || "image/")) return Promise.resolve(null);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale); canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (done) { canvas.toBlob(done, "image/jpeg", QUALITY); });
    }).catch(function () { return null; });  /* e.g. HEIC where the browser cannot decode it: the server converts */
  }
  function send(method, url, body, headers, bar) {
    return new Promise(function (done, fail) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      Object.keys(headers || {}).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      if (bar) xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = e.loaded / e.total; };
      xhr.onload = function () { done(xhr); };
      xhr.onerror = function () { fail(new Error("network")); };
      xhr.send(body);
    });
  }
  function problem(xhr) {
    try { return (JSON.parse(xhr.responseText).errors || []).join(" "); } catch (e) { return "HTTP " + xhr.status; }
  }
  function direct(form, blob, bar) {
    var headers = { "X-CSRFToken": csrf(form), "Content-Type": "application/json" };
    return send("POST", form.getAttribute("data-grant"), "{}", headers).then(function (xhr) {
      if (xhr.status !== 200) throw new Error(problem(xhr));
      var grant = JSON.parse(xhr.responseText), body = new FormData();
      Object.keys(grant.fields).forEach(function (k) { body.append(k, grant.fields[k]); });
      body.append("file", blob, "photo.jpg");
      return send("POST", grant.url, body, {}, bar).then(function (up) {
        if (up.status >= 300) throw new Error("HTTP " + up.status);
        return send("POST", form.getAttribute("data-confirm"), JSON.stringify({ uploadId: grant.uploadId }), headers);
      });
    }).then(function (xhr) { if (xhr.status !== 200) throw new Error(problem(xhr)); });
  }
  function setupPhotos(form) {
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector(".upload-progress");
    form.addEventListener("submit", function (event) {
      if (!input || !input.files.length || !window.FormData || !window.Promise) return;
      event.preventDefault();
      var files = Array.prototype.slice.call(input.files), fallback = [], errors = [];
      progress.textContent = "";
      var chain = Promise.resolve();
      files.forEach(function (file) {
        var row = document.createElement("div"), bar = document.createElement("progress");
        row.textContent = file.name + " "; bar.max = 1; bar.value = 0; row.appendChild(bar); progress.appendChild(row);
        chain = chain.then(function () {
          return resized(file).then(function (blob) {
            if (!blob) { fallback.push(file); return null; }
            return direct(form, blob, bar).then(function () { bar.value = 1; }, function (error) { errors.push(file.name + ": " + error.message); });
          });
        });
      });
      chain.then(function () {
        if (!fallback.length) return null;
        var body = new FormData(form);
        body.delete("photos");
        fallback.forEach(function (file) { body.append("photos", file, file.name); });
        var bar = progress.querySelector("progress");
        return send("POST", form.action || window.location.href, body, {}, bar).then(function (xhr) {
          document.open(); document.write(xhr.responseText); document.close();  /* the server's answer, errors included */
          throw null;
        });
      }).then(function () {
        if (errors.length) { progress.textContent = errors.join(" · "); progress.setAttribute("role", "alert"); return; }
        window.location.reload();
      }, function (error) { if (error) { progress.textContent = String(error.message || error); } });
    });
  }
  function setupReorder(list) {
    var dragged = null;
    list.addEventListener("dragstart", function (e) { dragged = e.target.closest(".photo"); if (dragged) dragged.classList.add("dragging"); });
    list.addEventListener("dragover", function (e) {
      var over = e.target.closest(".photo");
      if (!dragged || !over || over === dragged) return;
      e.preventDefault();
      var rect = over.getBoundingClientRect();
      list.insertBefore(dragged, (e.clientX - rect.left) > rect.width / 2 ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!dragged) return;
      dragged.classList.remove("dragging"); dragged = null;
      var order = Array.prototype.map.call(list.querySelectorAll(".photo"), function (li) { return li.getAttribute("data-id"); }).join(",");
      var form = document.querySelector("form[data-photo-upload]") || list.closest("section").querySelector("form");
      var body = new FormData(); body.append("order", order); body.append("csrfmiddlewaretoken", form ? csrf(form) : "");
      send("POST", list.getAttribute("data-reorder"), body).then(function () { window.location.reload(); });
    });
  }

  function forgetSavedDraft() {
    /* The page after a submission: a success message means the server saved the form (its
       draft goes); anything else (errors, a page that never came) keeps the draft. */
    var key;
    try { key = sessionStorage.getItem(SUBMITTED); } catch (e) { return; }
    if (!key) return;
    if (document.querySelector(".message--success, .message--info")) {
      try { localStorage.removeItem(key); } catch (e) { /* storage unavailable */ }
      sessionStorage.removeItem(SUBMITTED);
    } else if (document.querySelector(".form-errors")) {
      sessionStorage.removeItem(SUBMITTED);
    }
  }

  /* ---------------------------------------------------------------- product picker */
  /* With htmx the list follows the typing; Enter searches in place too, instead of the
     page's GET form (which, without JavaScript, reloads the page with the matches). */
  document.addEventListener("keydown", function (event) {
    var field = event.target.closest && event.target.closest("[data-picker-find]");
    if (!field || event.key !== "Enter" || !window.htmx) return;
    event.preventDefault();
    window.htmx.trigger(field, "search");
  });
  /* A product chosen while a search is on its way stays chosen: the matches that arrive
     keep it checked, or keep it first in the list when it is not among them. */
  var chosenBeforeSwap = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    chosenBeforeSwap = null;
    if (!target || !target.classList.contains("picks")) return;
    var checked = target.querySelector("input:checked");
    if (checked) chosenBeforeSwap = { value: checked.value, label: checked.closest("label").cloneNode(true) };
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var chosen = chosenBeforeSwap;
    chosenBeforeSwap = null;
    if (!chosen || !target || !target.classList.contains("picks")) return;
    var inputs = target.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value === chosen.value) { inputs[i].checked = true; return; }
    }
    var empty = target.querySelector("p.muted");
    if (empty) empty.remove();
    chosen.label.querySelector("input").checked = true;
    target.insertBefore(chosen.label, target.firstChild);
  });

  function ready() {
    forgetSavedDraft();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), setupAutosave);
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-editor=simple]"), setupEditor);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-photo-upload]"), setupPhotos);
    Array.prototype.forEach.call(document.querySelectorAll("[data-reorder]"), setupReorder);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) { b.addEventListener("click", function () { window.print(); }); });
    var errors = document.querySelector(".form-errors");
    if (errors) errors.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
