"""Unusable files give one InputError naming the file (and line); arbitrary input never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.errors import InputError
from kgraph.readers import PARSERS, parse_text, read_document, read_paths
from kgraph.readers.frontmatter import parse_frontmatter


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_file(tmp_path, data):
    path = _write(tmp_path, "empty.txt", data)
    with pytest.raises(InputError, match="empty file") as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: empty file; nothing to read: add its text or leave it out"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20])
def test_binary_file(tmp_path, data):
    with pytest.raises(InputError, match="binary file"):
        read_document(_write(tmp_path, "image.txt", data))


def test_utf8_with_bom(tmp_path):
    text = "Ann (00:01.000)\nHello – welcome.\nBob (00:02.000)\nThanks.\n"
    document = read_document(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode()))
    assert document.turns[0].speaker == "Ann" and document.warnings == []


def test_cp1252_falls_back_with_a_warning(tmp_path):
    data = "Ann: It’s a café.\nBob: Sure – thanks.\nAnn: Bye.\n".encode("cp1252")
    document = read_document(_write(tmp_path, "legacy.txt", data))
    assert document.turns[0].text == "It’s a café."
    assert document.warnings == ["line 1: not valid UTF-8; decoded as cp1252"]


def test_malformed_yaml_names_file_and_line(tmp_path):
    data = b"---\ntitle: Fine\ntranscript:\n  - line: ok\n   who: [broken\n---\n"
    path = _write(tmp_path, "broken.md", data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.line == 5
    assert str(caught.value).startswith(f"{path}:5: malformed YAML front matter")


def test_no_recognisable_turns_names_file_and_line(tmp_path):
    path = _write(tmp_path, "links.md", b"---\ntitle: Episode\n---\n\n* [a](https://a.org)\n")
    with pytest.raises(InputError, match=r"links\.md:1: no recognisable turns"):
        read_document(path)


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        parse_text("Some text.", "x", "x.txt", format="pdf")


def test_read_paths_reports_bad_files_and_goes_on(tmp_path, fixtures_dir):
    (tmp_path / "a.txt").write_text("Ann: Hi there.\nBob: Hello.\nAnn: Bye now.\n")
    (tmp_path / "b.md").write_text("---\ntitle: [oops\n---\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.srt").write_bytes((fixtures_dir / "talk.srt").read_bytes())
    (tmp_path / ".hidden.txt").write_text("Ann: secret.\nBob: yes.\nAnn: ok.\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "data.bin2").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    for n in range(3):
        (tmp_path / ".git" / "objects" / f"{n}.txt").write_text("Ann: a.\nBob: b.\nAnn: c.\n")
    skipped: list[tuple[str, str]] = []
    results = list(read_paths([tmp_path], on_skip=lambda p, r: skipped.append((p.name, r))))
    assert [r.id if not isinstance(r, InputError) else "error" for r in results] == [
        "a",
        "error",
        "error",
        "c",
    ]
    assert results[1].path.endswith("b.md") and results[2].path.endswith("data.bin2")
    assert results[1].line == 3  # where YAML gave up
    # A file whose content was looked at and found binary is a failure with its reason.
    assert "binary" in results[2].message
    # A hidden folder is one note and is not descended into; a .png is never opened.
    assert sorted(name for name, _ in skipped) == [".git", ".hidden.txt", "photo.png"]
    # A binary file named explicitly is an error, not a silent skip.
    results = list(read_paths([tmp_path / "data.bin2"]))
    assert isinstance(results[0], InputError) and "binary" in results[0].message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(),
        st.text(alphabet=st.sampled_from(list("-:#[]{}()<>\n \t,.\"'0123456789ANvWEBTxa"))),
        st.builds(
            lambda a, b: f"---\n{a}\n---\n{b}",
            st.text(alphabet=st.sampled_from(list("-:[]{}\n *&!|>'\"tiranscplewhosc0123"))),
            st.text(),
        ),
    ),
    format=st.sampled_from([None, *PARSERS]),
)
def test_any_text_gives_turns_or_an_input_error(text, format):
    try:
        document = parse_text(text, "doc", "doc.txt", format)
    except InputError as error:
        assert str(error).startswith("doc.txt")
        return
    assert document.turns
    assert [t.index for t in document.turns] == list(range(len(document.turns)))
    assert all(t.text.strip() for t in document.turns)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_turns_or_an_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "doc.txt"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except InputError:
        return
    assert document.turns


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(
        st.dictionaries(
            st.sampled_from(["line", "who", "sec", "time", "header"]),
            st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.booleans()),
        ),
        max_size=6,
    )
)
def test_any_transcript_items(items):
    import yaml

    text = "---\n" + yaml.safe_dump({"title": "t", "transcript": items}) + "---\n"
    try:
        document = parse_frontmatter(text, "doc", "doc.md")
    except InputError:
        return
    assert all(t.start is None or t.start >= 0 for t in document.turns)


def _without_hanging(fifo: Path, work):
    """Run ``work()`` in a thread; when it blocks on opening ``fifo``, unblock it and fail."""
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=10)
    if thread.is_alive():
        with open(fifo, "wb"):  # the reader blocked in open(): let it go
            pass
        pytest.fail(f"opening the FIFO {fifo.name} hangs")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_folder_walk_skips_a_fifo_with_a_note(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Ann: Hi there.\nBob: Hello.\nAnn: Bye now.\n")
    os.mkfifo(tmp_path / "pipe.txt")
    skipped: list[tuple[str, str]] = []
    results = _without_hanging(
        tmp_path / "pipe.txt",
        lambda: list(read_paths([tmp_path], on_skip=lambda p, r: skipped.append((p.name, r)))),
    )
    assert [r.id for r in results] == ["a"]
    assert skipped == [("pipe.txt", "a named pipe, not a regular file")]


def test_a_fifo_named_directly_is_an_input_error_and_never_opened(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        _without_hanging(fifo, lambda: read_document(fifo))
    assert str(caught.value) == f"{fifo}: a named pipe, not a regular file"
    [error] = _without_hanging(fifo, lambda: list(read_paths([fifo])))
    assert isinstance(error, InputError) and "named pipe" in error.message


def test_binary_content_in_a_folder_is_a_failure_with_its_reason(tmp_path):
    (tmp_path / "data.txt").write_bytes(b"\x00\x01\x02" * 50)
    skipped: list[str] = []
    [error] = read_paths([tmp_path], on_skip=lambda p, r: skipped.append(r))
    assert isinstance(error, InputError) and skipped == []
    assert str(error) == (
        f"{tmp_path / 'data.txt'}: binary file with NUL bytes, not a text document; "
        "convert it to text or leave it out"
    )


def test_malformed_yaml_says_what_to_do(tmp_path):
    path = _write(tmp_path, "broken.md", b"---\ntitle: [oops\n---\n")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.message.endswith("; fix the YAML front matter at this line")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("links.md", b"---\ntitle: Episode\n---\n\n* [a](https://a.org)\n"),
        ("cues.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n"),
        ("empty.json", b'{"segments": []}'),
    ],
)
def test_no_recognisable_turns_says_what_to_do(tmp_path, name, data):
    with pytest.raises(InputError, match="no recognisable turns") as caught:
        read_document(_write(tmp_path, name, data))
    assert caught.value.message.endswith(
        "; expected YAML transcript items, 'Name (mm:ss)' markers, subtitles, whisper JSON "
        "or paragraphs; use --format to force one"
    )


def test_a_broken_link_is_named_with_its_target(tmp_path):
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    [error] = read_paths([tmp_path])
    assert str(error) == (
        f"{tmp_path / 'gone.md'}: a link to {tmp_path / 'nowhere.md'}, which does not exist; "
        "fix or remove the link"
    )


def test_a_file_that_cannot_be_read_says_what_to_do(tmp_path, monkeypatch):
    path = _write(tmp_path, "locked.txt", b"Ana: hello\nBo: hi\n")

    def denied(self):  # we run as root, who may read anything
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: cannot read (Permission denied); make it readable or leave it out"
    )
