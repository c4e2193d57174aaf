// ---------------------------------------------------------------- data
var E = D.entities, L = D.links, N = E.label.length;
function el(tag, className, text) {
  var e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function typeOf(i) { var t = KG.types[E.type[i]]; return t ? t.type : ""; }
function colorOf(i) { var t = KG.types[E.type[i]]; return t ? t.color : "#9c9c9c"; }
function plural(n, word, words) { return n.toLocaleString("en") + " " + (n === 1 ? word : words || word + "s"); }
function clock(seconds) {
  if (seconds === null || seconds === undefined || seconds < 0) return "";
  var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  var mm = (h ? String(m).padStart(2, "0") : String(m)) + ":" + String(r).padStart(2, "0");
  return h ? h + ":" + mm : mm;
}
function quoteOf(q) {  // [sentence(s), speaker, document, time(, url)] -> an object
  var r = D.quotes[q], doc = r[2] >= 0 ? D.docs[r[2]] : null, url;
  var text = typeof r[0] === "number" ? D.sentences[r[0]] : r[0].map(function (k) { return D.sentences[k]; }).join(" \u2026 ");
  if (r.length > 4) url = r[4];
  else if (doc) url = r[3] !== null && doc[2] ? doc[2].replace("{t}", String(Math.floor(r[3]))) : doc[3];
  return { text: text, speaker: r[1] >= 0 ? D.speakers[r[1]] : "", document: doc ? doc[0] : "",
           date: doc ? doc[1] : "", time: r[3], url: url || null };
}
function quoteBlock(q) {
  var ev = quoteOf(q), box = el("div", "quote");
  box.appendChild(el("div", "text", "\u201c" + ev.text + "\u201d"));
  var parts = [];
  if (ev.speaker) parts.push(ev.speaker);
  if (ev.document) parts.push(ev.document + (ev.date ? " (" + ev.date + ")" : ""));
  if (clock(ev.time)) parts.push("at " + clock(ev.time));
  var src = el("div", "src", parts.join(" \u00b7 "));
  if (ev.url) {
    var a = el("a", "", clock(ev.time) ? "\u25b6 watch at " + clock(ev.time) : "\u25b6 open");
    a.href = ev.url; a.target = "_blank"; a.rel = "noopener noreferrer";
    src.appendChild(document.createTextNode(" "));
    src.appendChild(a);
  }
  box.appendChild(src);
  return box;
}
function other(l, i) { return L.a[l] === i ? L.b[l] : L.a[l]; }
function claimText(l, c) {  // "A -predicate-> B" of a link's claim c ([subject is a, predicate, negated, quote])
  var s = c[0] ? L.a[l] : L.b[l], o = c[0] ? L.b[l] : L.a[l];
  return E.label[s] + " \u2192 " + (c[2] ? "not " : "") + D.predicates[c[1]].replace(/_/g, " ") + " \u2192 " + E.label[o];
}
function relation(l, i) {  // what links i to the other end, in words
  var j = other(l, i), parts = [], said = L.a[l] === i ? [L.ab[l], L.ba[l]] : [L.ba[l], L.ab[l]];
  (L.claims[l] || []).forEach(function (c) { parts.push(claimText(l, c)); });
  if (L.co[l]) parts.push("named together in " + plural(L.co[l], "turn"));
  if (said[0]) parts.push(E.label[i] + " named it in " + plural(said[0], "turn"));
  if (said[1]) parts.push(E.label[j] + " named it in " + plural(said[1], "turn"));
  return parts.join("; ");
}
// The best evidence for the hop u - v, as kgraph.query._hop chooses it: a claim (not a
// negated one when anything else links them), else a co-mention, else a "said" edge.
function hop(l, u) {
  var claims = L.claims[l] || [], shared = L.co[l] || L.ab[l] || L.ba[l];
  if (claims.length && (!shared || claims.some(function (c) { return !c[2]; }))) {
    var best = claims.slice().sort(function (x, y) {
      return x[2] - y[2] || ((x[0] ? L.a[l] : L.b[l]) !== u) - ((y[0] ? L.a[l] : L.b[l]) !== u);
    })[0];
    return { kind: "claim", text: claimText(l, best), quote: best[3] };
  }
  if (L.co[l]) return { kind: "co_mention", text: E.label[L.a[l]] + " and " + E.label[L.b[l]] + " named together in " + plural(L.co[l], "turn"), quote: L.qc[l] };
  var speaker = L.ab[l] >= L.ba[l] ? L.a[l] : L.b[l];
  return { kind: "said", text: E.label[speaker] + " named " + E.label[other(l, speaker)] + " in " + plural(Math.max(L.ab[l], L.ba[l]), "turn"), quote: L.qs[l] };
}
var linkOf = null;  // a * N + b -> link number (a < b), made on first use
function linkBetween(u, v) {
  if (!linkOf) {
    linkOf = new Map();
    for (var l = 0; l < L.a.length; l++) linkOf.set(L.a[l] * N + L.b[l], l);
  }
  var k = u < v ? u * N + v : v * N + u;
  return linkOf.has(k) ? linkOf.get(k) : -1;
}

