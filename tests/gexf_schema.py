"""A structural check of GEXF 1.3 files, for the tests.

No package on this machine's index ships the GEXF 1.3 schema (gexfpy binds 1.2draft,
graphology-gexf and networkx ship none), and the published 1.3 XSD leaves the node and
edge types undefined, so it cannot validate a graph anyway; the RelaxNG grammar
(gexf.rnc, dynamics.rnc, viz.rnc at https://gexf.net/schema.html) is the normative one.
This module checks a file against the rules of that grammar that apply to what kgraph
writes — elements, their order and multiplicity, required and allowed attributes,
enumerations and datatypes — plus the references a reader relies on (attribute values
for declared attributes and of their declared type, unique ids, edge ends that exist).
``validate`` returns the list of problems found (empty when the file is valid).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"

ATTR_TYPES = {
    "integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte",
    "char", "short", "liststring", "listboolean", "listinteger", "listlong", "listfloat",
    "listdouble", "listbyte", "listshort", "listbigdecimal", "listbiginteger", "listchar",
    "string", "anyURI",
}  # fmt: skip
TIME_ATTRS = {"start", "end", "timestamp"}
GRAPH_ATTRS = {
    "defaultedgetype", "idtype", "mode", "timeformat", "start", "end", "timestamp",
    "timerepresentation", "timezone",
}  # fmt: skip
NODE_ATTRS = {"id", "label", "pid", "start", "end", "intervals", "timestamp", "timestamps"}
EDGE_ATTRS = {
    "id", "type", "label", "source", "target", "weight", "kind", "start", "end", "intervals",
    "timestamp", "timestamps",
}  # fmt: skip
NODE_CHILDREN = {
    f"{{{NS}}}attvalues", f"{{{NS}}}spells", f"{{{NS}}}nodes", f"{{{NS}}}edges",
    f"{{{NS}}}parents", f"{{{VIZ}}}color", f"{{{VIZ}}}position", f"{{{VIZ}}}size",
    f"{{{VIZ}}}shape",
}  # fmt: skip
EDGE_CHILDREN = {
    f"{{{NS}}}attvalues", f"{{{NS}}}spells", f"{{{VIZ}}}color", f"{{{VIZ}}}thickness",
    f"{{{VIZ}}}shape",
}  # fmt: skip
_INTEGER = re.compile(r"[+-]?\d+")
_DOUBLE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN")


def _is_token(text: str) -> bool:
    return text == " ".join(text.split()) and not re.search(r"[\t\n\r]", text)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _is_time(text: str, timeformat: str) -> bool:
    if timeformat == "date":
        return _is_date(text)
    if timeformat == "dateTime":
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            return False
        return True
    if timeformat == "integer":
        return bool(_INTEGER.fullmatch(text))
    return bool(_DOUBLE.fullmatch(text))


def _value_ok(value: str, attr_type: str) -> bool:
    if attr_type in ("integer", "long", "short", "byte", "biginteger"):
        return bool(_INTEGER.fullmatch(value))
    if attr_type in ("double", "float", "bigdecimal"):
        return bool(_DOUBLE.fullmatch(value))
    if attr_type == "boolean":
        return value in ("true", "false", "1", "0")
    if attr_type == "char":
        return len(value) == 1
    return True


def validate(path: str | Path) -> list[str]:
    problems: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    root = ET.parse(path).getroot()
    need(root.tag == f"{{{NS}}}gexf", f"root element {root.tag}, not gexf in {NS}")
    need(root.get("version") == "1.3", f"version {root.get('version')!r}, not '1.3'")
    need(set(root.attrib) <= {"version", "variant"}, f"gexf attributes {sorted(root.attrib)}")
    children = list(root)
    tags = [c.tag for c in children]
    need(
        tags in ([f"{{{NS}}}graph"], [f"{{{NS}}}meta", f"{{{NS}}}graph"]),
        f"gexf children {tags}: an optional meta, then one graph",
    )
    for meta in root.findall(f"{{{NS}}}meta"):
        need(set(meta.attrib) <= {"lastmodifieddate"}, f"meta attributes {sorted(meta.attrib)}")
        for child in meta:
            need(
                child.tag in {f"{{{NS}}}{t}" for t in ("creator", "keywords", "description")},
                f"meta child {child.tag}",
            )
            need(len(child) == 0, f"meta child {child.tag} holds elements")
    graph = root.find(f"{{{NS}}}graph")
    if graph is None:
        return problems
    need(set(graph.attrib) <= GRAPH_ATTRS, f"graph attributes {sorted(graph.attrib)}")
    enums = {
        "defaultedgetype": {"directed", "undirected", "mutual"},
        "idtype": {"integer", "string"},
        "mode": {"static", "dynamic", "slice"},
        "timeformat": {"integer", "double", "date", "dateTime"},
        "timerepresentation": {"interval", "timestamp"},
    }
    for name, allowed in enums.items():
        if name in graph.attrib:
            need(graph.get(name) in allowed, f"graph {name}={graph.get(name)!r}")
    timeformat = graph.get("timeformat", "double")
    parts = [c.tag.split("}")[1] for c in graph]
    need(
        bool(re.fullmatch(r"(attributes,)*nodes,edges", ",".join(parts))),
        f"graph children {parts}: attributes*, nodes, edges",
    )

    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attributes in graph.findall(f"{{{NS}}}attributes"):
        cls = attributes.get("class")
        need(cls in ("node", "edge"), f"attributes class={cls!r}")
        need(set(attributes.attrib) == {"class"}, f"attributes {sorted(attributes.attrib)}")
        for attribute in attributes:
            need(attribute.tag == f"{{{NS}}}attribute", f"attributes child {attribute.tag}")
            need(
                {"id", "title", "type"} == set(attribute.attrib),
                f"attribute {sorted(attribute.attrib)}: id, title, type",
            )
            need(attribute.get("type") in ATTR_TYPES, f"attribute type {attribute.get('type')}")
            for child in attribute:
                need(
                    child.tag in (f"{{{NS}}}default", f"{{{NS}}}options"),
                    f"attribute child {child.tag}",
                )
            if cls in declared:
                key = attribute.get("id", "")
                need(key not in declared[cls], f"{cls} attribute {key!r} declared twice")
                declared[cls][key] = attribute.get("type", "")

    def check_common(element: ET.Element, what: str, cls: str, allowed: set[str]) -> None:
        counts: dict[str, int] = {}
        for child in element:
            need(child.tag in allowed, f"{what}: child {child.tag}")
            counts[child.tag] = counts.get(child.tag, 0) + 1
        need(all(n == 1 for n in counts.values()), f"{what}: a child repeated {counts}")
        label = element.get("label")
        if label is not None:
            need(_is_token(label), f"{what}: label {label!r} is not an xsd:token")
        times = TIME_ATTRS | {"intervals", "timestamps"}
        need(
            len(times & set(element.attrib)) == 0 or element.find(f"{{{NS}}}spells") is None,
            f"{what}: time attributes and spells",
        )
        for attvalues in element.findall(f"{{{NS}}}attvalues"):
            seen = set()
            for attvalue in attvalues:
                need(attvalue.tag == f"{{{NS}}}attvalue", f"{what}: attvalues child {attvalue.tag}")
                extra = set(attvalue.attrib) - {"for", "value"} - TIME_ATTRS
                need(not extra and "for" in attvalue.attrib and "value" in attvalue.attrib,
                     f"{what}: attvalue {sorted(attvalue.attrib)}")  # fmt: skip
                key = attvalue.get("for", "")
                need(key in declared[cls], f"{what}: value for undeclared {cls} attribute {key!r}")
                need(key not in seen, f"{what}: two values for {key!r}")
                seen.add(key)
                attr_type = declared[cls].get(key, "string")
                need(
                    _value_ok(attvalue.get("value", ""), attr_type),
                    f"{what}: {key}={attvalue.get('value')!r} is not {attr_type}",
                )
        for spells in element.findall(f"{{{NS}}}spells"):
            need(len(spells) > 0, f"{what}: empty spells")
            for spell in spells:
                need(spell.tag == f"{{{NS}}}spell", f"{what}: spells child {spell.tag}")
                need(set(spell.attrib) <= TIME_ATTRS and bool(spell.attrib),
                     f"{what}: spell {sorted(spell.attrib)}")  # fmt: skip
                need(
                    not ("timestamp" in spell.attrib and {"start", "end"} & set(spell.attrib)),
                    f"{what}: spell with timestamp and start/end",
                )
                for value in spell.attrib.values():
                    need(_is_time(value, timeformat), f"{what}: time {value!r} not {timeformat}")

    def number(element: ET.Element | None, name: str, what: str, required: bool = True) -> None:
        if element is None:
            return
        value = element.get(name)
        if value is None:
            need(not required, f"{what}: viz {element.tag} without {name}")
            return
        need(bool(_DOUBLE.fullmatch(value)), f"{what}: viz {name}={value!r} not a float")

    nodes = graph.find(f"{{{NS}}}nodes")
    node_ids: set[str] = set()
    if nodes is not None:
        need(set(nodes.attrib) <= {"count"}, f"nodes attributes {sorted(nodes.attrib)}")
        listed = list(nodes)
        if "count" in nodes.attrib:
            need(nodes.get("count") == str(len(listed)), "nodes count differs from the nodes")
        for node in listed:
            need(node.tag == f"{{{NS}}}node", f"nodes child {node.tag}")
            node_id = node.get("id")
            what = f"node {node_id!r}"
            need(node_id is not None, "node without id")
            need(node_id not in node_ids, f"{what}: id repeated")
            node_ids.add(node_id or "")
            need(set(node.attrib) <= NODE_ATTRS, f"{what}: attributes {sorted(node.attrib)}")
            check_common(node, what, "node", NODE_CHILDREN)
            color = node.find(f"{{{VIZ}}}color")
            if color is not None:
                for channel in "rgb":
                    value = color.get(channel, "")
                    need(value.isdigit() and 0 <= int(value) <= 255, f"{what}: {channel}={value}")
                need(set(color.attrib) <= {"r", "g", "b", "a"}, f"{what}: color {color.attrib}")
            position = node.find(f"{{{VIZ}}}position")
            for axis in "xy":
                number(position, axis, what)
            number(position, "z", what, required=False)
            number(node.find(f"{{{VIZ}}}size"), "value", what)

    edges = graph.find(f"{{{NS}}}edges")
    edge_ids: set[str] = set()
    if edges is not None:
        need(set(edges.attrib) <= {"count"}, f"edges attributes {sorted(edges.attrib)}")
        listed = list(edges)
        if "count" in edges.attrib:
            need(edges.get("count") == str(len(listed)), "edges count differs from the edges")
        for edge in listed:
            need(edge.tag == f"{{{NS}}}edge", f"edges child {edge.tag}")
            edge_id = edge.get("id")
            what = f"edge {edge_id!r}"
            if edge_id is not None:
                need(edge_id not in edge_ids, f"{what}: id repeated")
                edge_ids.add(edge_id)
            need(set(edge.attrib) <= EDGE_ATTRS, f"{what}: attributes {sorted(edge.attrib)}")
            for end in ("source", "target"):
                need(edge.get(end) in node_ids, f"{what}: {end} {edge.get(end)!r} is no node")
            if "type" in edge.attrib:
                need(edge.get("type") in ("directed", "undirected", "mutual"), f"{what}: type")
            if "weight" in edge.attrib:
                need(bool(_DOUBLE.fullmatch(edge.get("weight", ""))), f"{what}: weight")
            if "kind" in edge.attrib:
                need(_is_token(edge.get("kind", "")), f"{what}: kind is not an xsd:token")
            check_common(edge, what, "edge", EDGE_CHILDREN)
    return problems
