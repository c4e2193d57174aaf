// ---------------------------------------------------------------- reading list and advice
// What `kgraph books` and `kgraph advice` answer, computed by kgraph.answers at export
// (D.panels): the whole graph's reading list and advice, and each entity's share -- the
// books a person recommends or that are linked to a topic, the advice a person gives
// and the advice on a topic, grouped by who gave it. Every item is a quote with speaker,
// episode and a link to the moment. The page only filters and shows; it ranks nothing.
var P = D.panels, PAGE_SIZE = 25, CARD_BOOKS = 3, CARD_GROUPS = 2, CARD_ITEMS = 2;
function who(speaker, person) {  // a speaker's name, a link when the graph has the person
  return person >= 0 ? entityLink(person) : el("span", "who", D.speakers[speaker]);
}
function moreButton(text, onClick) {
  var b = el("button", "more", text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}
function paged(box, count, render, size) {  // render(k) for k < count, `size` at a time
  var shown = 0;
  function next() {
    var stop = Math.min(count, shown + size), button = box.querySelector(":scope > .more");
    if (button) button.remove();
    for (; shown < stop; shown++) box.appendChild(render(shown));
    var left = count - shown;
    if (left) box.appendChild(moreButton("Show " + (left > size ? size + " more of " + left : left + " more"), next));
  }
  next();
  return box;
}
function bookEntry(k, person) {  // person: show only their recommendation (-1: everyone's)
  var e = P.books[k], box = el("div", "answer"), line = el("div");
  line.appendChild(entityLink(e[0]));
  if (e[1]) line.appendChild(el("span", "meta", " by " + e[1]));
  box.appendChild(line);
  var people = e[2].filter(function (r) { return person < 0 || r[1] === person; });
  if (person < 0) {
    var by = el("div", "rel", "Recommended by " + plural(e[2].length, "person", "people") + ": ");
    e[2].forEach(function (r, n) {
      if (n) by.appendChild(document.createTextNode(", "));
      by.appendChild(who(r[0], r[1]));
    });
    box.appendChild(by);
  }
  people.slice(0, person < 0 ? 2 : 3).forEach(function (r) {
    if (r[2].length) box.appendChild(quoteBlock(r[2][0]));
  });
  return box;
}
function adviceItem(k) {  // [objects, predicate, negated, quote, specific]
  var it = P.advice[k], box = el("div", "answer"), line = el("div", "rel");
  line.appendChild(document.createTextNode(D.predicates[it[1]] + (it[2] ? " against " : " ")));
  it[0].forEach(function (o, n) {
    if (n) line.appendChild(document.createTextNode(", "));
    line.appendChild(entityLink(o));
  });
  box.appendChild(line);
  if (it[3] >= 0) box.appendChild(quoteBlock(it[3]));
  return box;
}
function adviceGroup(g, limit) {  // [speaker, person, items]: limit items, the rest on demand
  var box = el("div", "group"), h = el("h4");
  h.appendChild(who(g[0], g[1]));
  h.appendChild(el("span", "count", " " + plural(g[2].length, "item")));
  box.appendChild(h);
  return paged(box, g[2].length, function (n) { return adviceItem(g[2][n]); }, limit);
}
// An entity's share of the reading list (entries; person: whose recommendations) and of
// the advice (groups).
function entityBooks(i) {
  if (P.booksBy[i]) return { title: "Books " + E.label[i] + " recommends", entries: P.booksBy[i], person: i };
  if (P.booksNear[i]) return { title: "Recommended books linked to " + E.label[i], entries: P.booksNear[i], person: -1 };
  return null;
}
function entityAdvice(i) {
  var out = [];
  if (P.adviceBy[i]) out.push({ title: "Advice by " + E.label[i], groups: P.adviceBy[i].map(function (g) { return P.groups[g]; }) });
  if (P.adviceOn[i]) out.push({ title: "Advice on " + E.label[i], groups: P.adviceOn[i] });
  return out;
}
function ownEntry(i) {  // a book's own entry in the reading list
  for (var k = 0; k < P.books.length; k++) if (P.books[k][0] === i) return k;
  return -1;
}
function answerSections(i) {  // the entity card's part: a few of each, then the full panel
  var box = el("div"), books = entityBooks(i), own = ownEntry(i);
  if (own >= 0) {
    box.appendChild(el("h3", "", "In the reading list"));
    box.appendChild(bookEntry(own, -1));
  }
  if (books) {
    box.appendChild(el("h3", "", books.title));
    books.entries.slice(0, CARD_BOOKS).forEach(function (k) { box.appendChild(bookEntry(k, books.person)); });
    if (books.entries.length > CARD_BOOKS) box.appendChild(moreButton("All " + books.entries.length + " books \u25b8", function () { showPanel("books", i); }));
  }
  entityAdvice(i).forEach(function (section) {
    box.appendChild(el("h3", "", section.title));
    section.groups.slice(0, CARD_GROUPS).forEach(function (g) { box.appendChild(adviceGroup(g, CARD_ITEMS)); });
    var items = section.groups.reduce(function (n, g) { return n + g[2].length; }, 0);
    box.appendChild(moreButton("All advice (" + plural(items, "item") + ") \u25b8", function () { showPanel("advice", i); }));
  });
  return box;
}
function booksPanel(i) {
  var box = el("div"), books = i === null ? null : entityBooks(i);
  if (i === null) {
    box.appendChild(el("h2", "", "Reading list"));
    box.appendChild(el("div", "meta", "Books ranked by how many people recommend them, as kgraph books ranks them."));
  } else box.appendChild(el("h2", "", books ? books.title : "No book is recommended by or linked to " + E.label[i]));
  var entries = i === null ? P.books.map(function (_, k) { return k; }) : books ? books.entries : [];
  if (i === null && !entries.length) box.appendChild(el("p", "hint", "Nobody recommends a book in this graph."));
  return paged(box, entries.length, function (n) { return bookEntry(entries[n], books ? books.person : -1); }, PAGE_SIZE);
}
function advicePanel(i) {
  var box = el("div"), sections = i === null ? [{ title: "Advice", groups: P.groups }] : entityAdvice(i);
  if (!sections.length) box.appendChild(el("h2", "", "No advice by or on " + E.label[i]));
  sections.forEach(function (section) {
    box.appendChild(el("h2", "", section.title));
    if (i === null) box.appendChild(el("div", "meta", "Advice and recommendations grouped by who gave them, specific advice first, as kgraph advice groups them."));
    box.appendChild(paged(el("div"), section.groups.length, function (n) { return adviceGroup(section.groups[n], 3); }, PAGE_SIZE));
  });
  if (i === null && !P.groups.length) box.appendChild(el("p", "hint", "Nobody gives advice in this graph."));
  return box;
}
function showPanel(kind, i, quiet) {  // kind "books" or "advice"; i: an entity, or null
  if (i === null || i === undefined) { i = null; restore(); restyle(null, null); network.unselectAll(); }
  else if (!focusSet || focusSet.first !== i) focusEntity(i, true);
  if (!quiet) step({ kind: kind, i: i });
  show(kind === "books" ? booksPanel(i) : advicePanel(i));
  return i;
}
document.getElementById("show-books").addEventListener("click", function () { showPanel("books", null); });
document.getElementById("show-advice").addEventListener("click", function () { showPanel("advice", null); });
document.getElementById("show-books").textContent = "Reading list (" + P.books.length + ")";
document.getElementById("show-advice").textContent = "Advice (" + plural(P.groups.length, "person", "people") + ")";
