"""The size of kgraph's code against issue 17's limits: modules over 400 lines, functions
over 60 lines without a reason (a comment on the line above the ``def`` or its decorators).

    python scripts/shape.py [DIR]    # default: kgraph/; exit 1 when something is over
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LINES = 400
FUNCTION_LINES = 60


def over(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(modules over, functions over without a reason, functions over with one)."""
    modules, bare, reasoned = [], [], []
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MODULE_LINES:
            modules.append(f"{len(lines):>5}  {path}")
        for node in ast.walk(ast.parse("\n".join(lines), str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            size = node.end_lineno - first + 1
            if size > FUNCTION_LINES:
                row = f"{size:>5}  {path}:{node.lineno} {node.name}"
                above = lines[first - 2].strip() if first > 1 else ""
                (reasoned if above.startswith("#") else bare).append(row)
    return modules, bare, reasoned


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "kgraph")
    modules, bare, reasoned = over(root)
    for title, rows in (
        (f"modules over {MODULE_LINES} lines", modules),
        (f"functions over {FUNCTION_LINES} lines without a reason", bare),
        (f"functions over {FUNCTION_LINES} lines with a reason beside them", reasoned),
    ):
        print(f"{title}: {len(rows)}")
        for row in rows:
            print(row)
    return 1 if modules or bare else 0


if __name__ == "__main__":
    sys.exit(main())
