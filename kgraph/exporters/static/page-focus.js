// ---------------------------------------------------------------- focus and paths
// What a focus or a path adds to the drawing is removed when it goes; the drawn graph's
// other nodes and edges fade meanwhile.
var PATH_COLORS = ["#d62728", "#1f77b4", "#2ca02c"];
var added = { nodes: [], edges: [] }, extraEdge = 0, adding = { nodes: [], edges: [] };
var baseColor = {}, baseEdge = {}, pairEdges = {};
nodeList.forEach(function (n) { baseColor[n.id] = n.color; });
edgeList.forEach(function (e) {
  baseEdge[e.id] = { color: e.color, width: e.width, kind: e.kg.kind };
  var k = Math.min(e.from, e.to) + "," + Math.max(e.from, e.to);
  (pairEdges[k] = pairEdges[k] || []).push(e.id);
});
function restore() {  // remove what a focus or a path added (styles change in restyle)
  if (added.edges.length) edges.remove(added.edges);
  if (added.nodes.length) nodes.remove(added.nodes);
  added = { nodes: [], edges: [] };
  focusSet = null;
}
// The rest fades: the nodes and the co-mentions (most edges; they take the options'
// colour) through the options, in one setOptions; claims and shown "said" edges one by
// one (updating every drawn edge took ~0.3 s on the corpus page). The shown nodes and
// edges carry their own opacity and colour. restyle(null, null) is the overview.
var FADE = { node: 0.22, edge: "rgba(200,200,200,0.15)" }, fadedNow = false;
var own = { nodes: new Set(), edges: new Set() };  // given a style of their own so far
function edgeStyle(id, state) {  // "base", "wide" (shown) or "faded"
  var b = baseEdge[id], color = state === "faded" ? FADE.edge : b.color || options.edges.color.color;
  return { id: id, color: { color: color, highlight: color, hover: color }, width: state === "wide" ? Math.max(b.width, 2.5) : state === "faded" ? 1 : b.width };
}
function restyle(keepNodes, keepEdges) {
  var fading = !!keepNodes, nodeUpdates = [], edgeUpdates = [];
  if (fading !== fadedNow) {
    var co = fading ? FADE.edge : options.edges.color.color;
    network.setOptions({ nodes: { opacity: fading ? FADE.node : 1 }, edges: { color: { color: co, highlight: co, hover: co } } });
    fadedNow = fading;
    edgeList.forEach(function (e) {  // the claims and "said" edges: their own colours
      if (baseEdge[e.id].color && !hiddenKinds[e.kg.kind]) own.edges.add(e.id);
    });
  }
  if (keepNodes) keepNodes.forEach(function (id) { if (id in baseColor) own.nodes.add(id); });
  if (keepEdges) keepEdges.forEach(function (id) { if (id in baseEdge) own.edges.add(id); });
  own.nodes.forEach(function (id) { nodeUpdates.push({ id: id, opacity: !fading || keepNodes.has(id) ? 1 : FADE.node }); });
  own.edges.forEach(function (id) {
    edgeUpdates.push(edgeStyle(id, !fading ? "base" : keepEdges.has(id) ? "wide" : "faded"));
  });
  if (!fading) own = { nodes: new Set(), edges: new Set() };
  if (nodeUpdates.length) nodes.update(nodeUpdates);
  if (edgeUpdates.length) edges.update(edgeUpdates);
  adding.nodes.forEach(function (n) { n.opacity = 1; });
  if (adding.nodes.length) nodes.add(adding.nodes);
  if (adding.edges.length) edges.add(adding.edges);
  adding = { nodes: [], edges: [] };
}
function isDrawn(i) { return i in baseColor || added.nodes.indexOf(i) >= 0; }
function addNode(i, at) {  // added by the next restyle
  if (isDrawn(i)) return;
  adding.nodes.push({ id: i, label: E.label[i], color: colorOf(i), value: 10 + 4 * Math.sqrt(E.mentions[i]),
                      x: at.x, y: at.y, physics: false, title: nodeTip(i), kg: { label_weight: -1 },
                      hidden: !!hiddenTypes[typeOf(i)] });
  added.nodes.push(i);
}
function addEdge(l, from, to, color, width) {  // a link of the page the drawing lacks
  var id = "x" + (extraEdge++), h = hop(l, from);
  adding.edges.push({ id: id, from: from, to: to, color: color, width: width, kg: { kind: "shown", link: l },
                      arrows: h.kind === "co_mention" ? undefined : "to", title: el("div", "tip-title", relation(l, from)) });
  added.edges.push(id);
  return id;
}
function drawnEdge(u, v) {  // a drawn edge between u and v whose kind is shown, else null
  var ids = pairEdges[Math.min(u, v) + "," + Math.max(u, v)] || [];
  for (var k = 0; k < ids.length; k++) if (!hiddenKinds[baseEdge[ids[k]].kind]) return ids[k];
  return null;
}
function viewCenter() { return network.getViewPosition(); }
function ring(center, count, r, start) {
  var out = [];
  for (var k = 0; k < count; k++) {
    var a = (start || 0) + 2 * Math.PI * k / Math.max(count, 1);
    out.push({ x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) });
  }
  return out;
}
function unit() { return 140 / (network.getScale() || 1); }  // ~140 screen pixels
// Fit the nodes with room for their labels (centred under each node, LABEL_PX.focus at
// most 1.25x): the widest label's width is kept free across, a label's height below.
// The labels are sized for the view it moves to, so that none grows past its size (nor
// an unlabelled node's past drawThreshold) on the way; they are sized again on arrival.
var FIT_PAD = 16;  // screen pixels kept free at each side
function fitRoomy(members, duration) {
  var pos = network.getPositions(members), xs = [], ys = [], wide = 0;
  var px = LABEL_PX.focus * 1.25;
  measure.font = px + "px " + options.nodes.font.face;
  members.forEach(function (id) {
    if (!pos[id]) return;
    xs.push(pos[id].x); ys.push(pos[id].y);
    wide = Math.max(wide, measure.measureText(E.label[id]).width);
  });
  if (!xs.length) return network.getScale();
  var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
  var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
  var below = options.nodes.scaling.max + px * 1.3;  // node radius and label, screen px
  var roomX = Math.max(container.clientWidth - wide - 2 * FIT_PAD, container.clientWidth / 3);
  var roomY = Math.max(container.clientHeight - below - options.nodes.scaling.max - 2 * FIT_PAD, container.clientHeight / 3);
  var scale = Math.min(roomX / Math.max(maxX - minX, 1), roomY / Math.max(maxY - minY, 1), 1);
  var at = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 + (below - options.nodes.scaling.max) / 2 / scale };
  network.moveTo({ position: at, scale: scale, animation: { duration: duration } });
  return scale;
}
function showSet(members, first) {
  focusSet = new Set(members);
  focusSet.first = first;
  sizeLabels(fitRoomy(members, 350));
}
function focusEntity(i, quiet) {
  restore();
  var nb = E.nb[i], pos = network.getPositions();
  var center = pos[i] || viewCenter();
  addNode(i, center);
  var spots = ring(center, nb.length, 1.6 * unit(), -Math.PI / 2), members = [i], keep = new Set();
  nb.forEach(function (l, k) {
    var j = other(l, i);
    addNode(j, spots[k]);
    members.push(j);
    keep.add(drawnEdge(i, j) || addEdge(l, i, j, "#444", 2));
  });
  restyle(new Set(members), keep);
  network.selectNodes([i]);
  showSet(members, i);
  if (!quiet) step({ kind: "focus", i: i });
  show(entityCard(i));
  return i;
}

// Paths as kgraph.query.paths finds them: k cheap Dijkstra runs over the page's links
// (priced by kgraph.index.hop_cost), each node in the middle costing
// hub_penalty * log(1 + degree in the whole graph); a path's nodes and hops get dearer
// for the next run, so the paths differ.
var adjacency = null;
function buildAdjacency() {
  adjacency = [];
  for (var i = 0; i < N; i++) adjacency.push([]);
  for (var l = 0; l < L.a.length; l++) {
    adjacency[L.a[l]].push(L.b[l], l);
    adjacency[L.b[l]].push(L.a[l], l);
  }
}
function heapPush(h, item) {
  h.push(item);
  for (var k = h.length - 1; k > 0;) {
    var p = (k - 1) >> 1;
    if (h[p][0] <= h[k][0]) break;
    var t = h[p]; h[p] = h[k]; h[k] = t; k = p;
  }
}
function heapPop(h) {
  var top = h[0], last = h.pop();
  if (h.length) {
    h[0] = last;
    for (var k = 0; ;) {
      var a = 2 * k + 1, b = a + 1, m = k;
      if (a < h.length && h[a][0] < h[m][0]) m = a;
      if (b < h.length && h[b][0] < h[m][0]) m = b;
      if (m === k) break;
      var t = h[m]; h[m] = h[k]; h[k] = t; k = m;
    }
  }
  return top;
}
function cheapest(source, target, nodeCost, extra) {
  var best = new Float64Array(N).fill(Infinity), prev = new Int32Array(N).fill(-1);
  var done = new Uint8Array(N), entry = new Float64Array(N).fill(-1), queue = [[0, source]];
  best[source] = 0;
  while (queue.length) {
    var item = heapPop(queue), cost = item[0], n = item[1];
    if (done[n]) continue;
    if (n === target) {
      var path = [target];
      while (path[path.length - 1] !== source) path.push(prev[path[path.length - 1]]);
      return path.reverse();
    }
    done[n] = 1;
    var row = adjacency[n];
    for (var k = 0; k < row.length; k += 2) {
      var m = row[k], l = row[k + 1];
      if (done[m]) continue;
      var step = L.cost[l] + (extra.get(l) || 0);
      if (m !== target) {
        if (entry[m] < 0) entry[m] = nodeCost(m);
        step += entry[m];
      }
      if (cost + step < best[m]) { best[m] = cost + step; prev[m] = n; heapPush(queue, [cost + step, m]); }
    }
  }
  return null;
}
function findPaths(source, target, k) {
  if (!adjacency) buildAdjacency();
  var reuse = new Map(), extra = new Map(), found = new Map();
  function hub(n) { return KG.hub_penalty * Math.log1p(E.degree[n]); }
  function nodeCost(n) { return hub(n) + KG.reuse_penalty * (reuse.get(n) || 0); }
  for (var run = 0; run < k * 4; run++) {
    var p = cheapest(source, target, nodeCost, extra);
    if (!p) break;
    var key = p.join(",");
    if (!found.has(key)) {
      var c = 0;
      for (var j = 1; j < p.length; j++) c += L.cost[linkBetween(p[j - 1], p[j])];
      for (var m = 1; m < p.length - 1; m++) c += hub(p[m]);
      found.set(key, { nodes: p, cost: c });
    }
    if (found.size >= k) break;
    p.slice(1, -1).forEach(function (n) { reuse.set(n, (reuse.get(n) || 0) + 1); });
    for (var h = 1; h < p.length; h++) {
      var l = linkBetween(p[h - 1], p[h]);
      extra.set(l, (extra.get(l) || 0) + KG.reuse_penalty);
    }
  }
  return Array.from(found.values()).sort(function (a, b) { return a.cost - b.cost || a.nodes.length - b.nodes.length; });
}
function showPaths(source, target, quiet) {
  restore();
  var found = source === target ? [] : findPaths(source, target, 3);
  var pos = network.getPositions(), members = new Set(), keep = new Set();
  var start = pos[source] || viewCenter();
  var end = pos[target] || (pos[source] ? { x: start.x + 4 * unit(), y: start.y } : { x: start.x + 2 * unit(), y: start.y });
  if (!pos[source] && pos[target]) start = { x: end.x - 4 * unit(), y: end.y };
  addNode(source, start);
  addNode(target, end);
  found.forEach(function (p, r) {
    var nodesOf = p.nodes, count = nodesOf.length - 1;
    var dx = end.x - start.x, dy = end.y - start.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var off = (r === 0 ? 0 : r === 1 ? 1 : -1) * 1.2 * unit();
    nodesOf.forEach(function (n, j) {  // undrawn nodes go on a line from source to target
      members.add(n);
      addNode(n, { x: start.x + dx * j / count - dy / len * off, y: start.y + dy * j / count + dx / len * off });
    });
    for (var j = 1; j < nodesOf.length; j++) {
      var l = linkBetween(nodesOf[j - 1], nodesOf[j]);
      keep.add(addEdge(l, nodesOf[j - 1], nodesOf[j], PATH_COLORS[r], 4 - r));
    }
  });
  members.add(source); members.add(target);
  restyle(members, keep);
  network.selectNodes([]);
  showSet(Array.from(members), source);
  if (!quiet) step({ kind: "path", from: source, to: target });
  show(pathCard(source, target, found));
  return found;
}

