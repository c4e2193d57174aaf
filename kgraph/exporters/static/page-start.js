// ---------------------------------------------------------------- legend and summary
var legend = document.getElementById("legend");
KG.types.forEach(function (t) {
  var label = el("label");
  var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = t.type;
  box.addEventListener("change", function () {
    hiddenTypes[t.type] = !box.checked;
    nodes.update(nodes.get().filter(function (n) { return typeOf(n.id) === t.type; })
      .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    resizeLabelsSoon();  // hidden nodes' labels no longer keep others out
  });
  var swatch = el("span", "swatch"); swatch.style.background = t.color;
  label.appendChild(box); label.appendChild(swatch);
  label.appendChild(document.createTextNode(t.type || "other"));
  label.appendChild(el("span", "count", "(" + t.shown + (t.shown !== t.total ? "/" + t.total : "") + ")"));
  legend.appendChild(label);
});
[["claim", "claim (arrow; dashed red: negated)", "#555"], ["co_mention", "named in one turn", "#aaa"],
 ["said", "speaker \u2192 what they named", "#7a9cc6"]].forEach(function (k) {
  var label = el("label"), box = el("input");
  box.type = "checkbox"; box.checked = !hiddenKinds[k[0]]; box.value = "kind:" + k[0];
  box.addEventListener("change", function () {
    hiddenKinds[k[0]] = !box.checked;
    edges.update(edges.get({ filter: function (e) { return e.kg.kind === k[0]; } })
      .map(function (e) { return { id: e.id, hidden: !box.checked }; }));
  });
  var line = el("span", "line"); line.style.borderTopColor = k[2];
  if (k[0] === "said") line.style.borderTopStyle = "dotted";
  label.appendChild(box); label.appendChild(line); label.appendChild(document.createTextNode(k[1]));
  legend.appendChild(label);
});
var drawnEdges = edgeList.filter(function (e) { return e.kg.kind !== "said"; }).length;
var summary = "Drawn: " + KG.nodes_shown.toLocaleString("en") + " of " + plural(KG.nodes_total, "entity", "entities") +
  " (the most relevant) and " + drawnEdges.toLocaleString("en") + " of " + KG.edges_total.toLocaleString("en") + " edges";
if (KG.nodes_dropped) summary += "; search, focus and paths reach all " + KG.nodes_total.toLocaleString("en");
if (KG.documents) summary += " \u00b7 from " + plural(KG.documents, "document");
document.getElementById("summary").textContent = summary + ".";

// ---------------------------------------------------------------- start
network.on("click", function (params) {
  if (params.nodes.length) focusEntity(params.nodes[0]);
  else if (params.edges.length) show(edgeCard(edges.get(params.edges[0])));
});
// page.html#q=NAME focuses an entity, #from=A&to=B shows paths, #view=books or
// #view=advice the whole graph's reading list or advice (with q=NAME: the entity's)
function opening() {
  var hash = location.hash.slice(1);
  if (!hash) return;
  var args = {};
  hash.split("&").forEach(function (p) { var kv = p.split("="); args[kv[0]] = decodeURIComponent(kv.slice(1).join("=")); });
  var found = null;
  if (args.q !== undefined) {
    searchBox.input.value = args.q;
    found = search(args.q);
    statusEl.dataset.found = found === null ? "" : E.label[found];
  }
  if (args.view in PANEL_NAMES && (found !== null || args.q === undefined)) showPanel(args.view, found);
  else if (args.q === undefined && args.from !== undefined && args.to !== undefined) {
    fromBox.input.value = args.from; toBox.input.value = args.to;
    var got = paths();
    statusEl.dataset.found = got ? String(got.length) : "";
  }
}
function warm() {  // what the first search and the first path would otherwise build
  if (!forms) indexNames();
  if (!adjacency) buildAdjacency();
  linkBetween(0, 0);
}
function settle() {
  fitMost();
  fittedScale = network.getScale() || 1;
  sizeLabels();
  opening();
  markReady();
  (window.requestIdleCallback || setTimeout)(warm);
}
if (!nodeList.length) {
  container.appendChild(el("p", "hint", "This graph has no entities to show."));
  markReady();
} else if (options.physics.enabled) {
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    settle();
  });
} else {
  network.once("afterDrawing", settle);
}
network.setData({ nodes: nodes, edges: edges });
Object.assign(window.kgraph, {
  match: match, search: search, focus: focusEntity, panel: showPanel, paths: function (a, b) {
    fromBox.input.value = a; toBox.input.value = b; fromBox.picked = toBox.picked = null; return paths();
  }, findPaths: findPaths, label: function (i) { return E.label[i]; }, overview: overview,
});
