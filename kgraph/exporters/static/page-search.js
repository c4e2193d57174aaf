// ---------------------------------------------------------------- search
// Every entity's names -- label, aliases, gazetteer synonyms -- folded (case, accents,
// punctuation). A query matches a name exactly, as its start, as the start of its words,
// inside it, or within a few typing mistakes; an exact name beats a partial one, a label
// an alias, and among equals the most mentioned entity wins.
function fold(s) {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/['\u2019]/g, "").replace(/[^\p{L}\p{N}+#]+/gu, " ").trim();
}
var forms = null, formOf = [], formName = [], formIsLabel = [];  // made on first use
function indexNames() {
  forms = [];
  for (var i = 0; i < N; i++) {
    [E.label[i]].concat(E.names[i] ? E.names[i].split("|") : []).forEach(function (name, k) {
      var f = fold(name);
      if (f) { forms.push(f); formOf.push(i); formName.push(name); formIsLabel.push(k === 0); }
    });
  }
}
function distance(a, b, limit) {  // optimal string alignment distance, or limit + 1
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var prev2 = null, prev = [], cur;
  for (var j = 0; j <= b.length; j++) prev.push(j);
  for (var i = 1; i <= a.length; i++) {
    cur = [i];
    var low = i;
    for (var j2 = 1; j2 <= b.length; j2++) {
      var cost = a[i - 1] === b[j2 - 1] ? 0 : 1;
      var v = Math.min(prev[j2] + 1, cur[j2 - 1] + 1, prev[j2 - 1] + cost);
      if (prev2 && i > 1 && j2 > 1 && a[i - 1] === b[j2 - 2] && a[i - 2] === b[j2 - 1]) v = Math.min(v, prev2[j2 - 2] + 1);
      cur.push(v);
      if (v < low) low = v;
    }
    if (low > limit) return limit + 1;
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}
function formScore(f, q, qWords, isLabel) {
  var bonus = isLabel ? 50 : 0;
  if (f === q) return 1000 + bonus;
  if (f.startsWith(q)) return 800 + bonus - Math.min(f.length - q.length, 40);
  var words = f.split(" ");
  if (qWords.every(function (w) { return words.some(function (x) { return x.startsWith(w); }); }))
    return 700 + bonus - Math.min(f.length - q.length, 40);
  if (q.length >= 3 && f.indexOf(q) >= 0) return 600 + bonus - Math.min(f.length - q.length, 40);
  if (q.length < 4) return 0;
  var limit = q.length <= 5 ? 1 : q.length <= 10 ? 2 : 3;
  var d = distance(q, f, limit);
  if (d <= limit) return 500 + bonus - 100 * d;
  return 0;
}
function match(query, limit) {
  var q = fold(query || "");
  if (!q) return [];
  if (!forms) indexNames();
  var qWords = q.split(" "), best = new Map();
  for (var k = 0; k < forms.length; k++) {
    var s = formScore(forms[k], q, qWords, formIsLabel[k]);
    if (s > 0) {
      var i = formOf[k], had = best.get(i);
      if (!had || s > had.score) best.set(i, { i: i, score: s, via: formIsLabel[k] ? "" : formName[k] });
    }
  }
  return Array.from(best.values()).sort(function (a, b) {
    return b.score - a.score || E.mentions[b.i] - E.mentions[a.i] || (E.label[a.i] < E.label[b.i] ? -1 : 1);
  }).slice(0, limit || 8);
}
function Suggest(input, onPick) {  // a suggestion list under a search box
  var list = el("ul", "suggest"), items = [], at = -1, self = this;
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentNode.appendChild(list);
  this.input = input; this.picked = null;
  function close() { list.hidden = true; at = -1; }
  function render() {
    list.replaceChildren();
    items.forEach(function (m, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", k === at ? "true" : "false");
      li.appendChild(el("span", "", E.label[m.i]));
      li.appendChild(chip(m.i));
      var via = m.via ? "\u201c" + m.via + "\u201d \u00b7 " : "";
      li.appendChild(el("span", "via", via + plural(E.mentions[m.i], "mention")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(m.i); });
      list.appendChild(li);
    });
    list.hidden = !items.length;
  }
  function pick(i) { self.set(i); close(); onPick(i); }
  this.set = function (i) { input.value = E.label[i]; self.picked = i; };
  this.answer = function () {  // the entity the box names: the one picked, else the best match
    if (self.picked !== null && input.value === E.label[self.picked]) return self.picked;
    var m = match(input.value, 1)[0];
    return m ? m.i : null;
  };
  input.addEventListener("input", function () { self.picked = null; items = match(input.value, 8); at = -1; render(); });
  input.addEventListener("keydown", function (ev) {
    if (list.hidden) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      at = (at + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      render();
    } else if (ev.key === "Enter" && at >= 0) {
      ev.preventDefault(); pick(items[at].i);
    } else if (ev.key === "Escape") close();
  });
  input.addEventListener("blur", close);
}
var msg = document.getElementById("search-msg");
function search(query) {
  var m = match(query, 1)[0];
  msg.textContent = m ? "" : (String(query).trim() ? "No entity matches \u201c" + String(query).trim() + "\u201d" : "");
  if (!m) return null;
  searchBox.set(m.i);
  if (hiddenTypes[typeOf(m.i)]) legend.querySelector('input[value="' + CSS.escape(typeOf(m.i)) + '"]').click();
  focusEntity(m.i);
  return m.i;
}
var searchBox = new Suggest(document.getElementById("search"), function (i) { msg.textContent = ""; focusEntity(i); });
document.getElementById("search-form").addEventListener("submit", function (event) {
  event.preventDefault();
  var i = searchBox.answer();
  if (i === null) search(searchBox.input.value); else { msg.textContent = ""; focusEntity(i); }
});
var fromBox = new Suggest(document.getElementById("path-from"), function () { toBox.input.focus(); });
var toBox = new Suggest(document.getElementById("path-to"), function () { paths(); });
function paths() {
  var a = fromBox.answer(), b = toBox.answer();
  if (a === null || b === null) {
    msg.textContent = "No entity matches \u201c" + (a === null ? fromBox.input.value : toBox.input.value) + "\u201d";
    return null;
  }
  msg.textContent = "";
  fromBox.set(a); toBox.set(b);
  return showPaths(a, b);
}
document.getElementById("path-form").addEventListener("submit", function (event) { event.preventDefault(); paths(); });

