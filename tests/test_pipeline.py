"""kgraph.pipeline.build with the fake extraction stage: counts, failures, cache, jobs, outputs.

The fakes (tests/fake_extract.py) stand in for spaCy so that these tests run in seconds;
one slow test builds the bundled examples with the real stages.
"""

from __future__ import annotations

import contextlib
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
        fmt: str(out / f"career.{fmt}") for fmt in ("json", "graphml", "gexf", "html")
    }
    # Only the outputs and the cache: no temporary files left behind.
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        "career.gexf",
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
        (
            "data.txt",
            "binary file with NUL bytes, not a text document; convert it to text or leave it out",
        )
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


def test_pipeline_builds_a_duplicated_transcript_once_and_says_so(corpus, tmp_path):
    talk = "".join(
        f"{'Lena' if n % 2 else 'Vera Bauman'}: At Ledgerly design doc number {n} took a staff "
        f"engineer {n + 2} days of mentoring and review before the team shipped it.\n"
        for n in range(12)
    )
    (corpus / "talk.txt").write_text("# A talk\n\n" + talk, encoding="utf-8")
    (corpus / "talk_.txt").write_text("# The same talk\n\n" + talk, encoding="utf-8")
    out = tmp_path / "out"
    result = build(corpus, out)
    assert result.ok and result.documents == 4
    assert result.duplicates == [{"path": "talk_.txt", "kept": "talk.txt", "similarity": 1.0}]
    assert "talk_" not in {d["id"] for d in result.graph.graph["documents"]}
    again = build(corpus, out)  # the sketches come from the cache
    assert again.cache_hits == 5 and again.duplicates == result.duplicates


def test_pipeline_keeps_the_duplicate_whose_guest_speaks_in_it(corpus, tmp_path):
    """An archive may save one episode's transcript under another episode's front matter:
    of the two copies, the one whose guest is a speaker of the text is kept, so that the
    title and guest in the graph are those of the episode the text is."""
    talk = "".join(
        f"{'Lena' if n % 2 else 'Vera'} (0{n}:00): At Ledgerly design doc number {n} took a "
        f"staff engineer {n + 2} days of mentoring and review before the team shipped it.\n"
        for n in range(10)
    )
    front = "---\ntitle: {title}\nguests: [{guest}]\ndate: {date}\n---\n"
    wrong = front.format(title="Ranking at scale", guest="Omar Haddad", date="2024-01-01")
    right = front.format(title="Design docs at Ledgerly", guest="Vera Bauman", date="2024-02-01")
    # The wrong copy wins every other preference: an earlier date, the shorter name.
    (corpus / "a.md").write_text(wrong + talk, encoding="utf-8")
    (corpus / "episode.md").write_text(right + talk, encoding="utf-8")
    result = build(corpus, tmp_path / "out")
    assert result.duplicates == [{"path": "a.md", "kept": "episode.md", "similarity": 1.0}]
    (kept,) = [d for d in result.graph.graph["documents"] if d["source"] == "episode.md"]
    assert kept["title"] == "Design docs at Ledgerly" and kept["guests"] == ["Vera Bauman"]
    assert "Ranking at scale" not in {d["title"] for d in result.graph.graph["documents"]}
    # Without a guest in either, the earlier date is kept, as before.
    for name in ("a.md", "episode.md"):
        path = corpus / name
        path.write_text(path.read_text().replace("guests: [", "hosts: ["), encoding="utf-8")
    again = build(corpus, tmp_path / "out")
    assert again.duplicates == [{"path": "episode.md", "kept": "a.md", "similarity": 1.0}]


def test_pipeline_empty_folder_is_a_usage_error_and_all_failed_an_input_error(
    tmp_path, monkeypatch
):
    from kgraph.errors import UsageError

    install(monkeypatch)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no documents found"):  # like a missing path
        build(tmp_path / "empty", tmp_path / "out")
    (tmp_path / "empty" / "blank.md").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="none of the 1 file"):
        build(tmp_path / "empty", tmp_path / "out")


def entries(out):
    """The extraction cache's entries (the folder holds the query index and more)."""
    from kgraph.cache import ExtractionCache

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
    assert sources == {"one.txt", "two.txt", "more/three.txt"}  # relative to the folder built
    assert again.graph.graph["folder"] == "moved"
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


def _edit_body(data: bytes, other: bytes) -> bytes:
    header, body = data.split(b"\n", 1)
    return header + b"\n" + body.replace(b"Vera", b"Anna")  # still valid JSON


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data, other: b"{not json",
        lambda data, other: data.replace(b'"fingerprint": "', b'"fingerprint": "x', 1),
        lambda data, other: data.replace(b'"format": 2', b'"format": 999', 1),
        lambda data, other: data.replace(b'"content": "', b'"content": "0', 1),
        _edit_body,
        lambda data, other: other,  # another file's entry, valid as it stands
        lambda data, other: data[: len(data) // 2],  # cut short by a full disk
        lambda data, other: b"",
    ],
    ids=[
        "bad-json",
        "foreign-fingerprint",
        "old-format",
        "other-content",
        "edited-body",
        "another-entry",
        "cut-short",
        "empty",
    ],
)
def test_pipeline_corrupt_cache_entry_is_rebuilt_not_trusted(corpus, tmp_path, spoil):
    out = tmp_path / "out"
    clean = build(corpus, out)
    first, second = sorted(entries(out))[:2]
    data = first.read_bytes()
    assert b"Vera" in data
    first.write_bytes(spoil(data, second.read_bytes()))
    rebuilt = build(corpus, out)
    assert (rebuilt.cache_hits, rebuilt.extracted) == (2, 1)
    assert (rebuilt.entities, rebuilt.edges) == (clean.entities, clean.edges)
    assert _outputs(out) == _outputs_of(build(corpus, tmp_path / "fresh", use_cache=False))
    assert first.read_bytes() == data  # written again as it was


def test_pipeline_jobs_2_gives_the_same_graph_as_jobs_1(corpus, tmp_path):
    one = build(corpus, tmp_path / "one", jobs=1, use_cache=False)
    two = build(corpus, tmp_path / "two", jobs=2, use_cache=False)
    assert FakeExtractor.calls == 0  # extracted in the worker processes, not here
    assert Path(one.outputs["json"]).read_bytes() == Path(two.outputs["json"]).read_bytes()
    assert Path(one.outputs["graphml"]).read_bytes() == Path(two.outputs["graphml"]).read_bytes()


def test_pipeline_worker_failure_is_reported(corpus, tmp_path):
    (corpus / "boom.txt").write_text("Lena: EXPLODE now\nVera Bauman: ok\n", encoding="utf-8")
    result = build(corpus, tmp_path / "out", jobs=2)
    assert result.documents == 3
    assert [Path(f["path"]).name for f in result.failed] == ["boom.txt"]


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
    assert_no_absolute_paths(tmp_path, [pipeline._examples_dir(), tmp_path])


def assert_no_absolute_paths(out: Path, folders: list[Path]) -> None:
    """No file a build wrote under ``out`` (outputs, query index, cache entries and spaCy
    analyses, decompressed) holds the absolute path of one of ``folders``."""
    import zlib

    needles = {str(f) for f in folders} | {os.path.realpath(f) for f in folders}
    written = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in written)
    for path in written:
        data = path.read_bytes()
        with contextlib.suppress(zlib.error):
            data += zlib.decompress(data)
        for needle in needles:
            assert needle.encode() not in data, f"{path.name} holds {needle}"


def test_pipeline_outputs_name_sources_relative_to_the_folder_built(corpus, tmp_path):
    out = tmp_path / "out"
    result = build(corpus, out)
    sources = sorted(d["source"] for d in result.graph.graph["documents"])
    assert sources == ["more/three.txt", "one.txt", "two.txt"]
    assert result.graph.graph["folder"] == "corpus"
    build(corpus, out)  # from the cache: the same
    assert_no_absolute_paths(out, [corpus, out])
    one = pipeline.build([corpus / "one.txt", corpus / "more"], out_dir=tmp_path / "two", jobs=1)
    assert sorted(d["source"] for d in one.graph.graph["documents"]) == [
        "more/three.txt",
        "one.txt",
    ]


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


def test_pipeline_interrupted_export_keeps_the_old_outputs(corpus, tmp_path, monkeypatch):
    import kgraph.exporters.html

    out = tmp_path / "out"
    build(corpus, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(before) == {f"kgraph.{fmt}" for fmt in pipeline.FORMATS}
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


def test_pipeline_graph_is_collectable_after_the_build(corpus, tmp_path):
    import gc
    import weakref

    result = build(corpus, tmp_path / "out")
    graph = weakref.ref(result.graph)
    list(result.graph.nodes(data=True))  # cached views: a reference cycle through G
    del result
    gc.collect()
    assert graph() is None


def test_pipeline_says_what_changed_since_the_last_build(corpus, tmp_path):
    from functools import partial

    out = tmp_path / "out"
    assert build(corpus, out).changes is None  # nothing to compare with
    assert build(corpus, out).changes == {
        "entities_added": 0,
        "entities_removed": 0,
        "claims_added": 0,
        "claims_removed": 0,
        "new_entities": [],
    }
    books = partial(FakeExtractor, terms={"grokking algorithms": "book"})
    (corpus / "four.txt").write_text(
        CHAT.format(title="Four", first="Any books?", second="Read Grokking Algorithms."),
        encoding="utf-8",
    )
    (corpus / "one.txt").write_text(  # Vera's "works at Ledgerly" claim goes
        CHAT.format(title="One", first="Where do you work?", second="Vera Bauman: not saying."),
        encoding="utf-8",
    )
    assert build(corpus, out, make_extractor=books).changes == {
        "entities_added": 1,
        "entities_removed": 0,
        "claims_added": 0,
        "claims_removed": 1,
        "new_entities": ["Grokking Algorithms"],
    }
    (out / "kgraph.json").unlink()  # as after a build stopped before its outputs
    assert build(corpus, out, make_extractor=books).changes is None
    assert (out / "kgraph.json").is_file()


def _outputs(out: Path, name: str = "kgraph") -> dict[str, bytes]:
    return {fmt: (out / f"{name}.{fmt}").read_bytes() for fmt in pipeline.FORMATS}


def _outputs_of(result) -> dict[str, bytes]:
    return {fmt: Path(path).read_bytes() for fmt, path in result.outputs.items()}


def test_pipeline_rebuild_writes_what_a_fresh_build_writes(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    (corpus / "two.txt").write_text(
        CHAT.format(title="Two", first="A design doc?", second="Vera Bauman says mentoring."),
        encoding="utf-8",
    )
    (corpus / "more" / "three.txt").unlink()
    rebuilt = build(corpus, out, jobs=2)
    assert (rebuilt.cache_hits, rebuilt.extracted) == (1, 1)
    fresh = build(corpus, tmp_path / "fresh", use_cache=False)
    assert _outputs(out) == _outputs_of(fresh)
    from kgraph.query import load_graph, neighbors

    assert neighbors(load_graph(out / "kgraph.json"), "mentoring") == neighbors(
        load_graph(tmp_path / "fresh" / "kgraph.json"), "mentoring"
    )


def test_pipeline_failing_writer_leaves_the_earlier_outputs(corpus, tmp_path, monkeypatch):
    import kgraph.exporters.gexf as gexf
    import kgraph.exporters.graphml
    from kgraph.errors import KgraphError

    out = tmp_path / "out"
    build(corpus, out)
    before = _outputs(out)
    (corpus / "two.txt").write_text("Lena: Something new about mentoring.\n", encoding="utf-8")

    def broken(G, path):
        raise KgraphError("disk full", path=str(path))

    for module, writer in ((kgraph.exporters.graphml, "write_graphml"), (gexf, "write_gexf")):
        with monkeypatch.context() as patch:
            patch.setattr(module, writer, broken)
            with pytest.raises(KgraphError, match="disk full"):
                build(corpus, out)
        assert _outputs(out) == before
        assert sorted(p.name for p in out.iterdir()) == [
            ".cache",
            *sorted(f"kgraph.{fmt}" for fmt in pipeline.FORMATS),
        ]


def test_pipeline_code_version_covers_rule_packages_and_word_lists(tmp_path):
    import shutil

    import kgraph.cache
    from kgraph.cache import code_version

    copy = tmp_path / "kgraph"
    shutil.copytree(Path(kgraph.cache.__file__).parent, copy)
    assert code_version(copy) == code_version()
    versions = {code_version()}
    rule = next(p for p in sorted((copy / "extract").rglob("*.py")) if p.parent.name != "extract")
    words = copy / "data" / "claims.yaml"
    for edited in (rule, words, copy / "readers" / "article.py"):
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        versions.add(code_version(copy))
    assert len(versions) == 4
    # the stance cues are read when the graph is made, after extraction: no re-extraction
    cues = copy / "data" / "stances.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert code_version(copy) in versions
