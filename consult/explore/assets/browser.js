"use strict";
(function () {
  var D = JSON.parse(document.getElementById("consult-data").textContent);
  var P = D.points, PAGE = 200, shown = PAGE;
  var $ = function (id) { return document.getElementById(id); };
  var norm = function (s) { return String(s).normalize("NFC").toLowerCase(); };
  var hay = P.map(function (p) {
    return norm([p.text, p.speaker, p.org, p.id, D.questions[p.q]].join(" \u0001 "));
  });
  function say(message, fields) {  // the page's words come with the data (consult.i18n)
    return message.replace(/\{(\w+)\}/g, function (m, k) { return k in fields ? String(fields[k]) : m; });
  }
  function option(sel, value, label) {
    var o = document.createElement("option"); o.value = value; o.textContent = label; sel.appendChild(o);
  }
  function fill(id, pairs) {
    var sel = $(id);
    pairs.forEach(function (kv) { option(sel, kv[0], kv[1]); });
  }
  fill("f-area", D.areas); fill("f-role", D.roles);
  fill("f-theme", D.themes.map(function (t) { return [String(t[0]), t[1]]; }));
  fill("f-finding", D.findings.map(function (f, i) { return [String(i), f.label]; }));
  var findingPoints = D.findings.map(function (f) { return new Set(f.points); });
  function current() {
    return {
      q: norm($("q").value.trim()), area: $("f-area").value, role: $("f-role").value,
      theme: $("f-theme").value, finding: $("f-finding").value
    };
  }
  function matches(p, i, c) {
    if (c.area !== "*" && p.area !== c.area) return false;
    if (c.role !== "*" && p.role !== c.role) return false;
    if (c.theme !== "*" && p.themes.indexOf(Number(c.theme)) < 0) return false;
    if (c.finding !== "*" && !findingPoints[Number(c.finding)].has(p.id)) return false;
    if (c.q) {
      var words = c.q.split(/\s+/);
      for (var k = 0; k < words.length; k++) if (hay[i].indexOf(words[k]) < 0) return false;
    }
    return true;
  }
  function chip(text, cls) {
    var s = document.createElement("span"); s.className = cls; s.textContent = text; return s;
  }
  function row(p) {
    var li = document.createElement("li"); li.className = "point role-" + p.role; li.id = p.id;
    var head = document.createElement("div"); head.className = "head";
    head.appendChild(chip(p.speaker, "who"));
    if (p.org) head.appendChild(chip(p.org, "org"));
    head.appendChild(chip(D.roleNames[p.role] || p.role, "role"));
    head.appendChild(chip(D.areaNames[p.area] || p.area, "area"));
    head.appendChild(chip(p.doc + ":" + p.line, "src"));
    head.appendChild(chip(p.id, "rid"));
    li.appendChild(head);
    if (D.questions[p.q]) li.appendChild(chip(D.questions[p.q], "question"));
    var t = document.createElement("p"); t.className = "text"; t.textContent = p.text; li.appendChild(t);
    p.themes.forEach(function (id) { li.appendChild(chip(D.themeNames[id] || String(id), "theme")); });
    return li;
  }
  function render() {
    var c = current(), list = $("list"), hits = [];
    for (var i = 0; i < P.length; i++) if (matches(P[i], i, c)) hits.push(P[i]);
    var frag = document.createDocumentFragment();
    hits.slice(0, shown).forEach(function (p) { frag.appendChild(row(p)); });
    list.replaceChildren(frag);
    $("count").textContent = say(D.ui.count, {hits: hits.length, total: P.length}) +
      (hits.length > shown ? say(D.ui.first, {n: shown}) : "");
    $("more").hidden = hits.length <= shown;
  }
  var timer = null;
  function later() { shown = PAGE; clearTimeout(timer); timer = setTimeout(render, 80); }
  $("q").addEventListener("input", later);
  ["f-area", "f-role", "f-theme", "f-finding"].forEach(function (id) {
    $(id).addEventListener("change", function () { shown = PAGE; render(); });
  });
  document.querySelectorAll("button[data-role]").forEach(function (b) {
    b.addEventListener("click", function () { $("f-role").value = b.dataset.role; shown = PAGE; render(); });
  });
  $("more").addEventListener("click", function () { shown += PAGE; render(); });
  $("reset").addEventListener("click", function () {
    $("q").value = ""; ["f-area", "f-role", "f-theme", "f-finding"].forEach(function (id) { $(id).value = "*"; });
    shown = PAGE; render();
  });
  if (location.hash.length > 1) {  // a malformed %-escape (#%, #%E0) is taken as written
    var wanted = location.hash.slice(1);
    try { wanted = decodeURIComponent(wanted); } catch (e) { /* URIError: keep the raw text */ }
    $("q").value = wanted;
  }
  render();
  document.body.dataset.ready = "1";
})();
