"""kgraph.pipeline.build with the fake extraction stage: counts, failures, cache, jobs, outputs.

The fakes (tests/fake_extract.py) stand in for spaCy so that these tests run in seconds;
one slow test at the end builds the bundled examples with the real stages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fake_extract import FakeExtractor, install

from kgraph import pipeline
from kgraph.errors import InputError

CHAT = """# {title}

Lena: {first}
Vera Bauman: {second}
Lena: Thanks, and what about mentoring?
Vera Bauman: Mentoring made me a staff engineer.
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "one.txt").write_text(
        CHAT.format(
            title="One",
            first="Where do you work?",
            second="Vera Bauman works at Ledgerly, writing a design doc a week.",
        ),
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(
        CHAT.format(
            title="Two",
            first="Is a design doc worth it?",
            second="Every staff engineer I know writes a design doc first.",
        ),
        encoding="utf-8",
    )
    sub = folder / "more"
    sub.mkdir(exist_ok=True)
    (sub / "three.txt").write_text(
        CHAT.format(
            title="Three",
            first="Who taught you?",
            second="At Ledgerly a staff engineer did, by mentoring.",
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    install(monkeypatch)
    FakeExtractor.calls = 0
    return write_corpus(tmp_path / "corpus")


def build(corpus: Path, out: Path, **options):
    options.setdefault("jobs", 1)
    return pipeline.build([corpus], out_dir=out, **options)


def test_pipeline_build_counts_and_outputs(corpus, tmp_path):
    from kgraph.query import load_graph, paths

    stages = []
    result = build(
        corpus,
        tmp_path / "out",
        name="career",
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert result.ok and result.failed == []
    assert (result.documents, result.turns) == (3, 12)
    assert result.words == sum(
        len(line.split(":", 1)[1].split())
        for f in corpus.rglob("*.txt")
        for line in f.read_text().splitlines()
        if ":" in line
    )
    assert result.entities == {"concept": 2, "organization": 1, "person": 1, "role": 1}
    assert result.edges["claim"] == 1
    assert (result.cache_hits, result.extracted) == (0, 3)
    assert {"read", "extract", "resolve", "graph", "export"} <= set(stages)
    out = tmp_path / "out"
    assert result.outputs == {
        fmt: str(out / f"career.{fmt}") for fmt in ("json", "graphml", "html")
    }
    # Only the outputs and the cache: no temporary files left behind.
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        "career.graphml",
        "career.html",
        "career.json",
    ]
    G = load_graph(out / "career.json")
    assert G.graph["name"] == "career"
    found = paths(G, "Vera Bauman", "Ledgerly", k=1)
    assert found[0]["hops"][0]["predicate"] == "works_at"
    assert json.dumps(result.summary())  # JSON-ready, without the graph


def test_pipeline_bad_file_is_reported_and_the_others_built(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "boom.txt").write_text("Lena: EXPLODE now\nVera Bauman: ok\n", encoding="utf-8")
    result = build(corpus, tmp_path / "out")
    assert result.documents == 3
    assert not result.ok
    failed = {Path(f["path"]).name: f["reason"] for f in result.failed}
    assert set(failed) == {"empty.txt", "boom.txt"}
    assert "EXPLODE" in failed["boom.txt"]
    assert Path(result.outputs["json"]).is_file()


def test_pipeline_lists_binary_content_as_failed_and_reads_utf16(corpus, tmp_path):
    (corpus / "data.txt").write_bytes(b"\x00\x01\x02" * 50)
    (corpus / "windows.txt").write_bytes("Lena: A design doc, in UTF-16.\n".encode("utf-16"))
    result = build(corpus, tmp_path / "out")
    assert result.documents == 4  # the three of the corpus and the UTF-16 one
    assert [(Path(f["path"]).name, f["reason"]) for f in result.failed] == [
        ("data.txt", "binary file with NUL bytes, not a text document")
    ]


def test_pipeline_edited_sidecar_is_read_again(corpus, tmp_path):
    out = tmp_path / "out"
    (corpus / "two.yaml").write_text("title: First title\n", encoding="utf-8")
    build(corpus, out)
    (corpus / "two.yaml").write_text("title: Second title\n", encoding="utf-8")
    again = build(corpus, out)
    assert (again.cache_hits, again.extracted) == (2, 1)
    titles = {d["title"] for d in again.graph.graph["documents"]}
    assert "Second title" in titles and "First title" not in titles


def test_pipeline_empty_folder_raises_input_error(tmp_path, monkeypatch):
    install(monkeypatch)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no documents found"):
        build(tmp_path / "empty", tmp_path / "out")
    (tmp_path / "empty" / "blank.md").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="none of the 1 file"):
        build(tmp_path / "empty", tmp_path / "out")


def entries(out):
    """The extraction cache's entries (the folder holds the query index and more)."""
    from kgraph.pipeline import ExtractionCache

    cache = (out / ".cache").iterdir()
    return sorted(
        p for p in cache if ExtractionCache.ENTRY.fullmatch(p.name) and p.suffix == ".json"
    )


def test_pipeline_cache_hits_misses_and_changed_file(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    assert len(list(entries(out))) == 3
    again = build(corpus, out)
    assert (again.cache_hits, again.extracted) == (3, 0)
    assert FakeExtractor.calls == 3  # nothing re-extracted
    with (corpus / "two.txt").open("a", encoding="utf-8") as handle:
        handle.write("Lena: One more design doc question.\n")
    before = {p.name for p in entries(out)}
    changed = build(corpus, out)
    assert (changed.cache_hits, changed.extracted) == (2, 1)
    assert changed.turns == first.turns + 1
    # the entry of two.txt's earlier version is gone, the other two stay
    after = {p.name for p in entries(out)}
    assert len(after) == 3 and len(after & before) == 2
    bypass = build(corpus, out, use_cache=False)
    assert (bypass.cache_hits, bypass.extracted) == (0, 3)


def test_pipeline_cache_keeps_files_of_one_name_in_two_folders(tmp_path, monkeypatch):
    install(monkeypatch)
    for folder, line in (("a", "Lena: A design doc.\n"), ("b", "Omar: A mock interview.\n")):
        (tmp_path / "docs" / folder).mkdir(parents=True)
        (tmp_path / "docs" / folder / "episode.txt").write_text(line, encoding="utf-8")
    out = tmp_path / "out"
    build(tmp_path / "docs", out)
    again = build(tmp_path / "docs", out)
    assert (again.cache_hits, again.extracted) == (2, 0)
    assert len(list(entries(out))) == 2


def test_pipeline_cache_hits_from_another_path_to_the_same_files(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    moved = corpus.rename(tmp_path / "moved")
    again = build(moved, out)  # a moved folder, given by another (absolute) path
    assert (again.cache_hits, again.extracted) == (3, 0)
    sources = {d["source"] for d in again.graph.graph["documents"]}
    assert sources == {str(moved / name) for name in ("one.txt", "two.txt", "more/three.txt")}
    (moved / "two.txt").rename(moved / "renamed.txt")  # the name gives the document's id
    renamed = build(moved, out)
    assert (renamed.cache_hits, renamed.extracted) == (2, 1)
    assert "renamed" in {d["id"] for d in renamed.graph.graph["documents"]}


def test_pipeline_other_fingerprint_misses_the_cache(corpus, tmp_path):
    from functools import partial

    out = tmp_path / "out"
    build(corpus, out)
    other = build(corpus, out, make_extractor=partial(FakeExtractor, tag="v2"))
    assert (other.cache_hits, other.extracted) == (0, 3)


def test_pipeline_keeps_analyses_per_file_and_fingerprint(corpus, tmp_path):
    from functools import partial

    out = tmp_path / "out"
    build(corpus, out)
    kept = sorted((out / ".cache").glob("*.spacy"))
    assert sorted(p.read_text().split("\n")[1] for p in kept) == ["one", "three", "two"]
    other = partial(FakeExtractor, tag="v2")
    build(corpus, out, make_extractor=other)  # the first fingerprint's files are pruned
    now = sorted((out / ".cache").glob("*.spacy"))
    assert len(now) == 3 and not set(now) & set(kept)
    assert all("fake-v2" in p.read_text() for p in now)
    build(corpus, tmp_path / "none", use_cache=False)
    assert not list((tmp_path / "none").rglob("*.spacy"))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda entry, text: "{not json",
        lambda entry, text: json.dumps({**entry, "fingerprint": "someone-else"}),
        lambda entry, text: json.dumps({**entry, "format": 999}),
        lambda entry, text: json.dumps({**entry, "content": "0" * 64}),
        lambda entry, text: json.dumps({**entry, "extraction": {"document": 3}}),
        lambda entry, text: "",
    ],
    ids=["bad-json", "foreign-fingerprint", "old-format", "other-content", "bad-payload", "empty"],
)
def test_pipeline_corrupt_cache_entry_is_rebuilt_not_trusted(corpus, tmp_path, spoil):
    out = tmp_path / "out"
    clean = build(corpus, out)
    entry_path = sorted(entries(out))[0]
    text = entry_path.read_text(encoding="utf-8")
    entry_path.write_text(spoil(json.loads(text), text), encoding="utf-8")
    rebuilt = build(corpus, out)
    assert (rebuilt.cache_hits, rebuilt.extracted) == (2, 1)
    assert (rebuilt.entities, rebuilt.edges) == (clean.entities, clean.edges)
    assert json.loads(entry_path.read_text(encoding="utf-8")) == json.loads(text)


def test_pipeline_jobs_2_gives_the_same_graph_as_jobs_1(corpus, tmp_path):
    one = build(corpus, tmp_path / "one", jobs=1, use_cache=False)
    two = build(corpus, tmp_path / "two", jobs=2, use_cache=False)
    assert FakeExtractor.calls == 3  # jobs=2 extracted in the worker processes, not here
    assert Path(one.outputs["json"]).read_bytes() == Path(two.outputs["json"]).read_bytes()
    assert Path(one.outputs["graphml"]).read_bytes() == Path(two.outputs["graphml"]).read_bytes()


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="no fork")
def test_pipeline_hands_documents_to_the_warm_worker(corpus, tmp_path):
    from kgraph import workers

    one = build(corpus, tmp_path / "one", jobs=1, use_cache=False)
    FakeExtractor.calls = 0
    workers.start_warm()
    two = build(corpus, tmp_path / "two", jobs=2, use_cache=False)
    assert workers._warm is None and FakeExtractor.calls == 0  # claimed; extracted there
    assert Path(one.outputs["json"]).read_bytes() == Path(two.outputs["json"]).read_bytes()
    workers.start_warm()
    build(corpus, tmp_path / "three", jobs=1, use_cache=False)  # one job: stopped, not used
    assert workers._warm is None and FakeExtractor.calls == 3


def test_pipeline_worker_failure_is_reported(corpus, tmp_path):
    (corpus / "boom.txt").write_text("Lena: EXPLODE now\nVera Bauman: ok\n", encoding="utf-8")
    result = build(corpus, tmp_path / "out", jobs=2)
    assert result.documents == 3
    assert [Path(f["path"]).name for f in result.failed] == ["boom.txt"]


def test_pipeline_largest_documents_first(monkeypatch):
    from kgraph.model import Document, Turn

    def doc(name: str, words: int) -> Document:
        return Document(name, name, "t", name, [Turn(name, 0, None, None, None, "w " * words)])

    order = []

    class Recorder(FakeExtractor):
        def extract(self, d):
            order.append(d.id)
            return super().extract(d)

    todo = [(0, doc("small", 1), None), (1, doc("large", 50), None), (2, doc("middle", 10), None)]
    done = list(pipeline._extract_all(todo, Recorder, Recorder, jobs=1))
    assert order == ["large", "middle", "small"]
    assert [index for index, *_ in done] == [1, 2, 0]


@pytest.mark.slow
def test_pipeline_builds_the_bundled_examples_end_to_end(tmp_path):
    from kgraph.query import load_graph, stats

    if not hasattr(pytest.importorskip("kgraph.extract"), "Extractor"):
        pytest.skip("kgraph.extract.Extractor is not written yet")
    result = pipeline.build(None, out_dir=tmp_path, jobs=1)
    assert result.ok, result.failed
    assert result.documents >= 1 and result.words > 0
    G = load_graph(tmp_path / "kgraph.json")
    assert stats(G)["documents"] == result.documents
    assert G.number_of_nodes() > 0


def test_pipeline_unchanged_files_are_not_parsed_again(corpus, tmp_path, monkeypatch):
    import kgraph.readers

    out = tmp_path / "out"
    build(corpus, out)
    parsed = []
    real = kgraph.readers.read_document
    monkeypatch.setattr(kgraph.readers, "read_document", lambda p, *a: parsed.append(p) or real(p))
    (corpus / "two.txt").write_text("Lena: A new design doc.\n", encoding="utf-8")
    again = build(corpus, out)
    assert [p.name for p in parsed] == ["two.txt"]
    assert (again.cache_hits, again.extracted, again.documents) == (2, 1, 3)


def test_pipeline_changed_extraction_code_misses_the_cache(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out)
    monkeypatch.setattr(pipeline, "code_version", lambda: "some-other-code")
    other = build(corpus, out)
    assert (other.cache_hits, other.extracted) == (0, 3)


def test_pipeline_exports_side_by_side_write_the_same_files(tmp_path, monkeypatch):
    from synthetic import random_kb

    from kgraph.errors import KgraphError
    from kgraph.graph import build_graph

    G = build_graph(random_kb(n_entities=120, n_documents=4, claims=40))
    done = lambda *args: None  # noqa: E731
    monkeypatch.setattr(pipeline, "FORK_EXPORT_NODES", 10**9)
    one, dropped_one, edges = pipeline._write_outputs(G, tmp_path / "a", "g", 50, done)
    monkeypatch.setattr(pipeline, "FORK_EXPORT_NODES", 0)
    two, dropped_two, _ = pipeline._write_outputs(G, tmp_path / "b", "g", 50, done)
    assert dropped_one == dropped_two == G.number_of_nodes() - 50
    assert edges == list(G.edges(keys=True, data=True))
    for fmt in ("json", "graphml", "html"):
        assert Path(one[fmt]).read_bytes() == Path(two[fmt]).read_bytes(), fmt

    import kgraph.exporters.graphml

    def broken(G, path):
        raise KgraphError("disk full", path=str(path))

    monkeypatch.setattr(kgraph.exporters.graphml, "write_graphml", broken)
    with pytest.raises(KgraphError, match="g.graphml: disk full"):
        pipeline._write_outputs(G, tmp_path / "c", "g", 50, done)


def test_pipeline_cache_keeps_only_the_current_fingerprint(corpus, tmp_path):
    from functools import partial

    out = tmp_path / "out"
    build(corpus, out)
    (out / ".cache" / "notes.txt").write_text("not ours", encoding="utf-8")
    build(corpus, out, make_extractor=partial(FakeExtractor, tag="v2"))
    names = [p.name for p in entries(out)]
    assert len(names) == 3 and len({name.split("-")[0] for name in names}) == 1
    assert (out / ".cache" / "notes.txt").exists()
    assert (out / ".cache" / "kgraph.query.sqlite").exists()
    assert (out / ".cache" / "kgraph.reuse.json").exists()


def test_pipeline_rebuild_extracts_the_changed_file_in_a_worker(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    text = CHAT.format(title="Two", first="New?", second="Yes, a much longer answer now.")
    (corpus / "two.txt").write_text(text, "utf-8")
    FakeExtractor.calls = 0
    again = build(corpus, out, jobs=2)
    assert (again.cache_hits, again.extracted, again.documents) == (2, 1, 3)
    assert FakeExtractor.calls == 0  # extracted by a worker while the cache loaded here
    assert again.turns == first.turns and again.words != first.words


def test_pipeline_interrupted_export_keeps_the_old_outputs(corpus, tmp_path, monkeypatch):
    import kgraph.exporters.html

    out = tmp_path / "out"
    build(corpus, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(before) == {"kgraph.json", "kgraph.graphml", "kgraph.html"}
    (corpus / "two.txt").write_text(
        CHAT.format(title="Two again", first="New?", second="Vera Bauman joined Ledgerly."),
        encoding="utf-8",
    )

    def interrupted(G, path, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(kgraph.exporters.html, "write_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # no new JSON beside the old GraphML/HTML, no temp files left


def test_pipeline_query_index_is_fresh_and_readable_by_others(corpus, tmp_path):
    import os

    from kgraph.index import GraphIndex, index_path

    out = tmp_path / "out"
    build(corpus, out)
    assert GraphIndex.open_fresh(out / "kgraph.json") is not None
    umask = os.umask(0)
    os.umask(umask)
    mode = index_path(out / "kgraph.json").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask
    assert not [p for p in out.iterdir() if p.name.startswith(".partial-")]


@pytest.mark.parametrize("enabled", [True, False])
def test_pipeline_leaves_the_garbage_collector_as_it_found_it(corpus, tmp_path, enabled):
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        result = build(corpus, tmp_path / "out")
        assert result.ok and gc.isenabled() is enabled
        build(corpus, tmp_path / "out")  # from the cache: the loading pause too
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_pipeline_collector_pause_resumes_after_an_error():
    import gc

    gc.unfreeze()  # what earlier tests froze (the CLI's build command freezes on its way out)
    assert gc.isenabled()
    try:
        with pytest.raises(RuntimeError), pipeline._collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("resolution failed")
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # what build does on its way out


def test_pipeline_graph_is_collectable_after_the_build(corpus, tmp_path):
    import gc
    import weakref

    gc.unfreeze()  # what earlier tests froze (the CLI's build command freezes on its way out)
    result = build(corpus, tmp_path / "out")
    assert gc.get_freeze_count() == 0  # the collector pauses froze, build unfroze
    graph = weakref.ref(result.graph)
    list(result.graph.nodes(data=True))  # cached views: a reference cycle through G
    del result
    gc.collect()
    assert graph() is None


def test_pipeline_says_what_changed_since_the_last_build(corpus, tmp_path, monkeypatch):
    import fake_extract

    out = tmp_path / "out"
    assert build(corpus, out).changes is None  # nothing to compare with
    assert build(corpus, out).changes == {
        "entities_added": 0,
        "entities_removed": 0,
        "claims_added": 0,
        "claims_removed": 0,
        "new_entities": [],
    }
    monkeypatch.setitem(fake_extract.TERMS, "grokking algorithms", "book")
    (corpus / "four.txt").write_text(
        CHAT.format(title="Four", first="Any books?", second="Read Grokking Algorithms."),
        encoding="utf-8",
    )
    (corpus / "one.txt").write_text(  # Vera's "works at Ledgerly" claim goes
        CHAT.format(title="One", first="Where do you work?", second="Vera Bauman: not saying."),
        encoding="utf-8",
    )
    assert build(corpus, out).changes == {
        "entities_added": 1,
        "entities_removed": 0,
        "claims_added": 0,
        "claims_removed": 1,
        "new_entities": ["Grokking Algorithms"],
    }


def _outputs(out: Path) -> dict[str, bytes]:
    return {fmt: (out / f"kgraph.{fmt}").read_bytes() for fmt in ("json", "graphml", "html")}


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_rebuild_reuses_co_mentions_and_writes_what_a_fresh_build_writes(
    corpus, tmp_path, jobs
):
    # a fourth episode whose co-mentions no other file touches
    (corpus / "four.txt").write_text(
        CHAT.format(
            title="Four", first="Mentoring?", second="Mentoring and a design doc, at Ledgerly."
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    first = build(corpus, out, jobs=jobs)
    assert first.reused == 0 and (out / ".cache" / "kgraph.reuse.json").is_file()
    same = build(corpus, out, jobs=jobs)  # nothing changed: every co-mention edge kept
    assert same.reused == same.edges["co_mention"] > 0
    from kgraph.reuse import load_earlier

    earlier = load_earlier(out, "kgraph")  # both files' edges can be copied next time
    copyable = earlier.graphml_earlier(set(earlier.json_objects)) if earlier else None
    assert copyable is not None and copyable[0]
    assert len(earlier.json_objects) == len(copyable[2]) == same.reused
    (corpus / "two.txt").write_text(
        CHAT.format(title="Two", first="A design doc?", second="Vera Bauman says mentoring."),
        encoding="utf-8",
    )
    rebuilt = build(corpus, out, jobs=jobs)
    assert 0 < rebuilt.reused < rebuilt.edges["co_mention"]
    fresh = build(corpus, tmp_path / "fresh", jobs=jobs, use_cache=False)
    assert fresh.reused == 0
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    # the query index of the rebuilt graph reads its rows from the new JSON file
    from kgraph.query import load_graph, neighbors

    Q = load_graph(out / "kgraph.json")
    assert neighbors(Q, "mentoring") == neighbors(
        load_graph(tmp_path / "fresh" / "kgraph.json"), "mentoring"
    )


def test_pipeline_rebuild_reuses_nothing_from_outputs_changed_since(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    graphml = out / "kgraph.graphml"
    graphml.write_bytes(graphml.read_bytes().replace(b"mentoring", b"MENTORING"))
    (out / "kgraph.json").touch()  # not the file the record describes any more
    again = build(corpus, out)
    assert again.reused == 0
    build(corpus, tmp_path / "fresh", use_cache=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    (out / ".cache" / "kgraph.reuse.json").write_text("{not json", encoding="utf-8")
    assert build(corpus, out).reused == 0
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    # a spoilt GraphML record: the JSON's edges are still copied, the GraphML made anew
    record = out / ".cache" / "kgraph.reuse.graphml.json"
    spoilt = json.loads(record.read_text(encoding="utf-8"))
    spoilt["edges"] = [n + 1 for n in spoilt["edges"]]  # every span one byte off
    record.write_text(json.dumps(spoilt), encoding="utf-8")
    from kgraph.reuse import load_earlier

    earlier = load_earlier(out, "kgraph")
    assert earlier is not None and earlier.json_objects
    assert earlier.graphml_earlier(set(earlier.json_objects)) is None
    assert build(corpus, out).reused > 0
    assert _outputs(out) == _outputs(tmp_path / "fresh")
