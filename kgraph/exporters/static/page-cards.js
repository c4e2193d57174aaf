// ---------------------------------------------------------------- cards
var card = document.getElementById("card"), details = document.getElementById("details");
function show(content) { card.replaceChildren(content); details.scrollTop = 0; }
function entityLink(i) {
  var a = el("span", "ent", E.label[i]);
  a.tabIndex = 0;
  a.addEventListener("click", function () { focusEntity(i); });
  a.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusEntity(i); });
  return a;
}
function chip(i) { var c = el("span", "chip", typeOf(i) || "other"); c.style.background = colorOf(i); return c; }
function entityCard(i) {
  var box = el("div");
  var h = el("h2"); h.appendChild(document.createTextNode(E.label[i] + " ")); h.appendChild(chip(i));
  box.appendChild(h);
  box.appendChild(el("div", "meta", plural(E.mentions[i], "mention") + " in " + plural(E.docs[i], "document")));
  var names = E.names[i] ? E.names[i].split("|") : [];
  if (names.length) box.appendChild(el("div", "meta", "Also: " + names.slice(0, 12).join(", ") + (names.length > 12 ? ", \u2026" : "")));
  var from = el("button", "", "Paths from here");
  from.type = "button";
  from.addEventListener("click", function () { fromBox.set(i); toBox.input.focus(); });
  box.appendChild(from);
  if (E.nb[i].length) box.appendChild(el("h3", "", "Strongest links"));
  E.nb[i].forEach(function (l) {
    var j = other(l, i), row = el("div", "nb"), line = el("div");
    line.appendChild(entityLink(j));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(chip(j));
    row.appendChild(line);
    row.appendChild(el("div", "rel", relation(l, i)));
    row.appendChild(quoteOr(hop(l, i).quote, i, j));
    box.appendChild(row);
  });
  box.appendChild(answerSections(i));
  if (E.ev[i].length) box.appendChild(el("h3", "", "Quotes"));
  E.ev[i].forEach(function (q) { box.appendChild(quoteBlock(q)); });
  return box;
}
// A link's quote, or, for a weak link whose quote the page left out to stay small, where it is.
function quoteOr(q, a, b) {
  if (q >= 0) return quoteBlock(q);
  return el("div", "hint", "Quote: kgraph path " + JSON.stringify(E.label[a]) + " " + JSON.stringify(E.label[b]));
}
function edgeCard(e) {
  var box = el("div"), l = e.kg.link;
  if (e.kg.kind === "claim") {
    var c = L.claims[l][e.kg.claim];
    box.appendChild(el("h2", "", claimText(l, c)));
    box.appendChild(quoteBlock(c[3]));
  } else {
    var h = hop(l, e.from);
    box.appendChild(el("h2", "", E.label[e.from] + " \u2014 " + E.label[e.to]));
    box.appendChild(el("div", "meta", relation(l, e.from)));
    var q = e.kg.kind === "said" ? L.qs[l] : e.kg.kind === "co_mention" ? L.qc[l] : h.quote;
    box.appendChild(quoteOr(q, e.from, e.to));
  }
  return box;
}
function pathCard(source, target, found) {
  var box = el("div");
  box.appendChild(el("h2", "", E.label[source] + " \u2192 " + E.label[target]));
  if (!found.length) {
    box.appendChild(el("p", "hint", source === target ? "That is one entity." : "No path joins them in this graph."));
    return box;
  }
  found.forEach(function (p, r) {
    var div = el("div", "path");
    div.style.borderLeftColor = PATH_COLORS[r];
    div.appendChild(el("div", "meta", "Path " + (r + 1) + ": " + plural(p.nodes.length - 1, "hop")));
    for (var j = 1; j < p.nodes.length; j++) {
      var u = p.nodes[j - 1], v = p.nodes[j], h = hop(linkBetween(u, v), u), row = el("div", "hop");
      var line = el("div");
      line.appendChild(entityLink(u)); line.appendChild(document.createTextNode(" \u2192 ")); line.appendChild(entityLink(v));
      row.appendChild(line);
      row.appendChild(el("div", "rel", h.text));
      row.appendChild(quoteOr(h.quote, u, v));
      div.appendChild(row);
    }
    box.appendChild(div);
  });
  return box;
}

// ---------------------------------------------------------------- history
var trail = document.getElementById("trail"), steps = [];  // the breadcrumb, oldest first
var PANEL_NAMES = { books: "Reading list", advice: "Advice" };
function stepLabel(s) {
  if (s.kind in PANEL_NAMES) return PANEL_NAMES[s.kind] + (s.i === null ? "" : ": " + E.label[s.i]);
  return s.kind === "focus" ? E.label[s.i] : E.label[s.from] + " \u2192 " + E.label[s.to];
}
function go(s) {
  if (!s) overview();
  else if (s.kind === "focus") focusEntity(s.i, true);
  else if (s.kind in PANEL_NAMES) showPanel(s.kind, s.i, true);
  else showPaths(s.from, s.to, true);
}
function drawTrail() {
  trail.replaceChildren();
  if (!steps.length) return;
  var back = el("button", "", "\u25c0 Back");
  back.type = "button"; back.id = "back";
  back.addEventListener("click", function () { steps.pop(); go(steps[steps.length - 1]); drawTrail(); });
  trail.appendChild(back);
  var home = el("a", "", "Overview");
  home.addEventListener("click", function () { steps = []; overview(); drawTrail(); });
  trail.appendChild(home);
  steps.slice(-4).forEach(function (s, k, shown) {
    trail.appendChild(document.createTextNode("\u203a"));
    var a = el(k === shown.length - 1 ? "span" : "a", "", stepLabel(s));
    if (k < shown.length - 1) a.addEventListener("click", function () {
      steps = steps.slice(0, steps.length - (shown.length - 1 - k)); go(s); drawTrail();
    });
    trail.appendChild(a);
  });
}
function step(s) { steps.push(s); drawTrail(); }
function overview() {
  restore();
  restyle(null, null);
  network.unselectAll();
  fitMost();
  resizeLabelsSoon();
  show(el("p", "hint", "Find any entity above, or click one: its strongest links from the whole graph are drawn and listed here with their quotes. From / To finds how two entities connect."));
}
document.getElementById("fit").addEventListener("click", function () {
  if (focusSet) fitRoomy(Array.from(focusSet), 300); else fitMost();
});
document.getElementById("reset").addEventListener("click", function () { steps = []; drawTrail(); overview(); });

