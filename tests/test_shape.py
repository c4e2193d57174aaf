"""scripts/shape.py finds long modules and long functions, and takes a comment on the line
above a long function as its reason."""

from __future__ import annotations

from conftest import load_script


def _function(name: str, lines: int, reason: str = "") -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines - 2))
    return f"{reason}def {name}():\n{body}    return 0\n\n\n"


def test_shape_lists_what_is_over_its_limits(tmp_path) -> None:
    shape = load_script("shape")
    (tmp_path / "short.py").write_text(_function("fits", 60))
    (tmp_path / "long.py").write_text(
        _function("bare", 61) + _function("explained", 70, "# a table of rules, read as one\n")
    )
    (tmp_path / "big.py").write_text("x = 1\n" * 401)
    modules, bare, reasoned = shape.over(tmp_path)
    assert [row.split()[-1] for row in modules] == [str(tmp_path / "big.py")]
    assert [row.split()[-1] for row in bare] == ["bare"]
    assert [row.split()[-1] for row in reasoned] == ["explained"]
