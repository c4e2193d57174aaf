"""The routing table of ``kgraph path`` as arrays of numbers, as the query index stores it
(:mod:`kgraph.index`): loaded in milliseconds, where a JSON text of it took a fifth of a
second on a 24,000-node archive. Only the standard library is imported here."""

from __future__ import annotations

from array import array


class Router:
    """A routing table (:func:`routing_table`) as arrays: node ``i``'s hops are
    ``targets[offsets[i]:offsets[i + 1]]`` (node numbers) at ``costs[...]``, nodes
    numbered in the order of ``nodes``."""

    def __init__(self, nodes: list[str], offsets: array, targets: array, costs: array):
        self.nodes, self.offsets, self.targets, self.costs = nodes, offsets, targets, costs
        self._lists: tuple[list[int], list[int], list[float]] | None = None

    @staticmethod
    def pack(nodes: list[str], table: dict[str, dict[str, float]]) -> dict[str, bytes]:
        number = {n: i for i, n in enumerate(nodes)}
        offsets, targets, costs = array("q", [0]), array("i"), array("d")
        for node in nodes:
            row = table.get(node, {})
            targets.extend(number[other] for other in row)
            costs.extend(row.values())
            offsets.append(len(targets))
        return {
            "offsets": offsets.tobytes(),
            "targets": targets.tobytes(),
            "costs": costs.tobytes(),
        }

    @classmethod
    def unpack(cls, nodes: list[str], rows: dict[str, bytes], key: str, swap: bool) -> Router:
        parts = []
        for part, code in (("offsets", "q"), ("targets", "i"), ("costs", "d")):
            values = array(code)
            values.frombytes(rows.get(f"{key}:{part}") or b"")
            if swap:  # an index written on a machine of the other byte order
                values.byteswap()
            parts.append(values)
        if len(parts[0]) != len(nodes) + 1:
            parts = [array("q", [0] * (len(nodes) + 1)), array("i"), array("d")]
        return cls(nodes, *parts)

    def lists(self) -> tuple[list[int], list[int], list[float]]:
        """``offsets``, ``targets`` and ``costs`` as lists, made once: a search reads
        them hop by hop, faster from lists than from arrays."""
        if self._lists is None:
            self._lists = (self.offsets.tolist(), self.targets.tolist(), self.costs.tolist())
        return self._lists

    def number(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.nodes)}

    def degree(self, node: int) -> int:
        return self.offsets[node + 1] - self.offsets[node]

    def hops(self, node: int) -> zip:
        """(other node, cost) of each hop from ``node``."""
        start, end = self.offsets[node], self.offsets[node + 1]
        return zip(self.targets[start:end], self.costs[start:end], strict=True)

    def cost(self, a: int, b: int) -> float:
        return next(cost for other, cost in self.hops(a) if other == b)

    def table(self) -> dict[str, dict[str, float]]:
        """The table as :func:`routing_table` makes it (by node id)."""
        nodes = self.nodes
        return {n: {nodes[o]: c for o, c in self.hops(i)} for i, n in enumerate(nodes)}
