// ---------------------------------------------------------------- network
var byId = {};  // what the page knows of each drawn node
nodeList.forEach(function (n) { byId[n.id] = n; });
function nodeTip(i) {
  var box = el("div");
  box.appendChild(el("div", "tip-title", E.label[i]));
  box.appendChild(el("div", "", typeOf(i) + " \u00b7 " + plural(E.mentions[i], "mention")));
  return box;
}
function edgeTip(e) {
  var k = e.kg, l = k.link, text;
  if (k.kind === "claim") text = claimText(l, L.claims[l][k.claim]);
  else if (k.kind === "said") text = E.label[e.from] + " named " + E.label[e.to] + " in " + plural(e.from === L.a[l] ? L.ab[l] : L.ba[l], "turn");
  else text = relation(l, e.from) || (E.label[e.from] + " \u2014 " + E.label[e.to]);
  return el("div", "tip-title", text);
}
nodeList.forEach(function (n) { n.title = nodeTip(n.id); });
edgeList.forEach(function (e) { e.title = edgeTip(e); });

var nodes = new vis.DataSet(nodeList);
var edges = new vis.DataSet(edgeList);
var container = document.getElementById("mynetwork");
var network = new vis.Network(container, { nodes: [], edges: [] }, options);
window.kgraph = { ready: false, network: network, nodes: nodes, edges: edges, meta: KG, data: D };

function externalRequests() {
  return performance.getEntriesByType("resource").filter(function (r) {
    return !/^(file|data|blob|about):/.test(r.name);
  }).length;
}
function markReady() {
  if (window.kgraph.ready) return;
  var drawn = Object.keys(network.getPositions()).length;
  window.kgraph.ready = true;
  window.kgraph.drawn = drawn;
  window.kgraphReady = true;
  statusEl.dataset.ready = "true";
  statusEl.dataset.drawn = String(drawn);
  statusEl.dataset.nodes = String(network.body.data.nodes.length);
  statusEl.dataset.edges = String(network.body.data.edges.length);
  statusEl.dataset.drawMs = String(Math.round(performance.now() - t0));
  statusEl.dataset.readyAt = String(Math.round(performance.now()));  // after navigation start
  statusEl.dataset.externalRequests = String(externalRequests());
  statusEl.dataset.blockedRequests = String(blocked);
}

// ---------------------------------------------------------------- labels
// Label sizes in screen pixels: at the fitted view the most relevant nodes' labels are
// readable (12-22 px by weight) and the others (5 px) stay under drawThreshold (9 px);
// zooming in grows them up to a cap (1.5x, and 14 px for the others: they appear from
// 1.8x). While an entity or a path is shown, its nodes are labelled and the others not.
var LABEL_PX = { min: 12, max: 22, hidden: 5, hiddenMax: 14, grow: 1.5, focus: 14 };
// A smaller drawing area labels fewer of the biggest nodes, a little smaller (never under
// drawThreshold): all of them from LABEL_ROOM.area square pixels on (800x600).
var LABEL_ROOM = { area: 800 * 600, fewest: 12, smallest: 0.8 };
var labelRank = {};  // node id -> rank among the nodes labelled at the fitted view
nodeList.filter(function (n) { return n.kg.label_weight >= 0; })
  .sort(function (a, b) { return b.kg.label_weight - a.kg.label_weight || a.id - b.id; })
  .forEach(function (n, i) { labelRank[n.id] = i; });
function labelRoom() {
  var ratio = Math.min(1, container.clientWidth * container.clientHeight / LABEL_ROOM.area);
  var labelled = Object.keys(labelRank).length;
  return {
    count: Math.max(Math.min(LABEL_ROOM.fewest, labelled), Math.round(labelled * ratio)),
    scale: Math.max(LABEL_ROOM.smallest, Math.sqrt(ratio)),
  };
}
var fittedScale = null, labelFrame = null, hiddenTypes = {}, hiddenKinds = { said: true };
var focusSet = null;  // node ids shown with their labels while an entity or a path is shown
// Drawn labels must not cover each other: in order of importance (the shown entities, the
// labelled nodes by rank, then bigger nodes first), a label whose box would overlap a kept
// one is shrunk to its smallest readable size or, still overlapping, not drawn at this
// zoom (its size drops under drawThreshold). Zooming in spreads the nodes apart, so more
// labels fit. Boxes in screen pixels, as vis-network draws a dot's label: centred under
// the node. The node radius follows options.nodes.scaling, linear in `value`.
var DRAW_PX = options.nodes.scaling.label.drawThreshold;
var measure = document.createElement("canvas").getContext("2d");
var values = nodeList.map(function (n) { return n.value; });
var minValue = Math.min.apply(null, values.concat([10])), maxValue = Math.max.apply(null, values.concat([10]));
function radius(n) {
  var s = options.nodes.scaling, t = maxValue > minValue ? (Math.min(n.value, maxValue) - minValue) / (maxValue - minValue) : 0.5;
  return s.min + (s.max - s.min) * Math.max(0, t);
}
function labelBox(n, px, at, scale) {
  measure.font = px + "px " + options.nodes.font.face;
  var width = measure.measureText(n.label).width + 4, top = at.y + radius(n) * scale + 2;
  return { left: at.x - width / 2, right: at.x + width / 2, top: top, bottom: top + px * 1.15 };
}
function importance(n) {
  if (focusSet) return focusSet.has(n.id) ? (n.id === focusSet.first ? -2 : -1) : Infinity;
  return n.id in labelRank ? labelRank[n.id] : Infinity;
}
function labelOrder(a, b) { return importance(a) - importance(b) || b.value - a.value || a.id - b.id; }
function unclutter(list, sizes, floor, scale) {
  // sizes: node id -> px. A label that would overlap a kept one is tried again at its
  // smallest readable size (floor: id -> px) before it is left out. Changes `sizes`.
  var positions = network.getPositions(), kept = {}, CELL = 128;  // kept boxes by grid cell
  function cells(box, visit) {  // stops when visit returns true
    for (var x = Math.floor(box.left / CELL); x <= Math.floor(box.right / CELL); x++) {
      for (var y = Math.floor(box.top / CELL); y <= Math.floor(box.bottom / CELL); y++) {
        if (visit(x + "," + y)) return true;
      }
    }
    return false;
  }
  function clear(box) {
    return !cells(box, function (cell) {
      return (kept[cell] || []).some(function (k) {
        return box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom;
      });
    });
  }
  function keep(box) {
    cells(box, function (cell) { (kept[cell] = kept[cell] || []).push(box); return false; });
  }
  list.filter(function (n) { return sizes[n.id] >= DRAW_PX && !n.hidden && positions[n.id]; })
    .sort(labelOrder).forEach(function (n) {
      var at = network.canvasToDOM(positions[n.id]);
      var tries = [sizes[n.id], Math.max(DRAW_PX, Math.min(floor[n.id], sizes[n.id]))];
      for (var i = 0; i < tries.length; i++) {
        var box = labelBox(n, tries[i], at, scale);
        if (clear(box)) { keep(box); sizes[n.id] = tries[i]; return; }
      }
      sizes[n.id] = Math.min(sizes[n.id], LABEL_PX.hidden);  // under drawThreshold: not drawn
    });
}
function sizeLabels(atScale) {  // atScale: the scale the view is moving to, else the current
  labelFrame = null;
  var scale = atScale || network.getScale() || 1, zoom = fittedScale ? scale / fittedScale : 1;
  var room = labelRoom(), sizes = {}, floor = {}, list = nodes.get();
  list.forEach(function (n) {
    var w = n.kg.label_weight, px;
    if (focusSet) {
      px = focusSet.has(n.id) ? LABEL_PX.focus * (n.id === focusSet.first ? 1.25 : 1) : LABEL_PX.hidden;
      floor[n.id] = DRAW_PX;
    } else if (w >= 0 && labelRank[n.id] < room.count) {
      var base = (LABEL_PX.min + (LABEL_PX.max - LABEL_PX.min) * w) * room.scale;
      px = base * Math.min(Math.max(zoom, 1), LABEL_PX.grow);
      floor[n.id] = LABEL_PX.min * room.scale;
    } else {
      px = Math.min(LABEL_PX.hidden * zoom, LABEL_PX.hiddenMax);
      floor[n.id] = DRAW_PX;
    }
    sizes[n.id] = px;
  });
  unclutter(list, sizes, floor, scale);
  nodes.update(list.map(function (n) { return { id: n.id, font: { size: sizes[n.id] / scale } }; }));
}
function resizeLabelsSoon() {
  if (fittedScale && labelFrame === null) labelFrame = requestAnimationFrame(function () { sizeLabels(); });
}
network.on("zoom", resizeLabelsSoon);
network.on("animationFinished", resizeLabelsSoon);
network.on("resize", resizeLabelsSoon);
function fitMost() {  // fit the 97% of nodes nearest the centre, so a few far-flung ones don't shrink the rest
  var pos = network.getPositions(), ids = Object.keys(pos);
  if (ids.length < 20) { network.fit(); return; }
  var cx = 0, cy = 0;
  ids.forEach(function (id) { cx += pos[id].x; cy += pos[id].y; });
  cx /= ids.length; cy /= ids.length;
  function d(id) { var dx = pos[id].x - cx, dy = pos[id].y - cy; return dx * dx + dy * dy; }
  ids.sort(function (a, b) { return d(a) - d(b); });
  network.fit({ nodes: ids.slice(0, Math.ceil(ids.length * 0.97)).map(Number) });
}

