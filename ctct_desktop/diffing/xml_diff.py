"""Two XML bodies as structure: xmldiff pairs the elements, and each pair, each element left
unpaired and the set of lists become a ``Difference`` linked to the rule and article about it."""

from __future__ import annotations

from lxml import etree
from xmldiff.diff import Differ  # type: ignore[import-untyped]

from ctct_desktop.diffing import links
from ctct_desktop.diffing.model import Difference
from ctct_desktop.diffing.text_diff import text_differences
from ctct_desktop.diffing.xml_parse import (
    INTERNAL,
    NS_ATTR,
    STRAY_ATTR,
    local_path,
    namespace,
    parse_for_diff,
    short_xml,
)

LIST_ELEMENT = "ContactList"


class _SameNameDiffer(Differ):
    """xmldiff's matcher, pairing only elements whose names agree but for case: its text
    similarity alone paired a pasted <title> with <OrganizationState>."""

    def node_ratio(self, left: etree._Element, right: etree._Element) -> float:
        if str(left.tag).lower() != str(right.tag).lower():
            return 0.0
        return float(super().node_ratio(left, right))


class _Walk:
    def __init__(self, where: str, left: etree._Element, right: etree._Element) -> None:
        self.where = where
        self.differ = _SameNameDiffer(ignored_attrs=list(INTERNAL), fast_match=True)
        matches = self.differ.match(left, right)
        self.left, self.right = self.differ.left, right  # the differ works on a copy of the left tree
        self.l2r = {id(lnode): rnode for lnode, rnode, _ in matches}
        self.r2l = {id(rnode): lnode for lnode, rnode, _ in matches}
        self._pair_leftovers()
        self.out: list[Difference] = []

    def _pair_leftovers(self) -> None:
        """Pair what the matcher left alone when the place makes it obvious: under paired parents,
        unpaired children of the same name, in order (<id>data:,none</id> and <id>http://…/2</id>)."""
        for rnode in self.right.iter():
            lnode = self.r2l.get(id(rnode))
            if lnode is None:
                continue
            spare = [c for c in lnode if id(c) not in self.l2r]
            for rchild in rnode:
                if id(rchild) in self.r2l or rchild.tag == LIST_ELEMENT:
                    continue
                twin = next((c for c in spare if str(c.tag).lower() == str(rchild.tag).lower()), None)
                if twin is not None:
                    spare.remove(twin)
                    self.l2r[id(twin)], self.r2l[id(rchild)] = rchild, twin

    def add(self, path: str, kind: str, a: str | None, b: str | None, link: links.Link = (None, None, "")) -> None:
        rule, article, note = link
        self.out.append(Difference(f"{self.where} {path}", kind, a, b, rule, article, note))

    def run(self) -> list[Difference]:
        for rnode in self.right.iter():
            lnode = self.r2l.get(id(rnode))
            if lnode is None:
                self._missing(rnode)
            else:
                self._pair(lnode, rnode)
        for lnode in self.left.iter():
            if id(lnode) not in self.l2r:
                self._extra(lnode)
        self._lists()
        return self.out

    def _missing(self, rnode: etree._Element) -> None:
        parent = rnode.getparent()
        if rnode.tag == LIST_ELEMENT or parent is None or id(parent) not in self.r2l:
            return  # lists are compared as a set; a subtree is reported at its top
        self.add(local_path(rnode), "missing-element", None, short_xml(rnode), links.missing_link(rnode.tag, parent.tag))

    def _extra(self, lnode: etree._Element) -> None:
        parent = lnode.getparent()
        if lnode.tag == LIST_ELEMENT or parent is None or id(parent) not in self.l2r:
            return
        self.add(local_path(lnode), "extra-element", short_xml(lnode), None, links.extra_link(lnode.tag, parent.tag))

    def _pair(self, lnode: etree._Element, rnode: etree._Element) -> None:
        path = local_path(rnode)
        lparent, rparent = lnode.getparent(), rnode.getparent()
        if rparent is not None and lparent is not None and self.l2r.get(id(lparent)) is not rparent:
            self.add(path, "moved", local_path(lnode), path, links.extra_link(lnode.tag, lparent.tag))
        self._namespace(lnode, rnode, path)
        if lnode.tag != rnode.tag:
            kind = "element-case" if lnode.tag.lower() == rnode.tag.lower() else "renamed"
            self.add(path, kind, lnode.tag, rnode.tag, ("L007", links.CONTACT_XML, "element names are case-sensitive"
                                                        if kind == "element-case" else ""))
        if (lnode.text or "") != (rnode.text or "") and not len(rnode) and not len(lnode):
            self.add(path, "value", lnode.text, rnode.text, links.value_link(rnode.tag, lnode.text or "",
                                                                               rnode.text or ""))
        if lnode.get(STRAY_ATTR) != rnode.get(STRAY_ATTR):
            self.add(path, "stray-text", lnode.get(STRAY_ATTR), rnode.get(STRAY_ATTR),
                     (None, links.CONTACT_XML, f"text directly inside <{rnode.tag}>, where only elements belong"))
        self._attributes(lnode, rnode, path)

    def _namespace(self, lnode: etree._Element, rnode: etree._Element, path: str) -> None:
        pair = (namespace(lnode), namespace(rnode))
        if pair[0] == pair[1]:
            return
        lparent, rparent = lnode.getparent(), rnode.getparent()
        if lparent is not None and rparent is not None and (namespace(lparent), namespace(rparent)) == pair:
            return  # inherited from the parent, already reported there
        self.add(path, "namespace", pair[0] or "(no namespace)", pair[1] or "(no namespace)",
                 links.namespace_link(rnode.tag, rparent.tag if rparent is not None else None))

    def _attributes(self, lnode: etree._Element, rnode: etree._Element, path: str) -> None:
        skip = set(INTERNAL) | ({"id"} if rnode.tag == LIST_ELEMENT else set())
        for key in sorted(set(lnode.attrib) | set(rnode.attrib)):
            if key in skip or lnode.get(key) == rnode.get(key):
                continue
            link: links.Link = (("L005", links.ATOM_SECTIONS, "") if rnode.tag == "content" and key == "type"
                                else (None, None, ""))
            self.add(f"{path}/@{key}", "attribute", lnode.get(key), rnode.get(key), link)

    def _lists(self) -> None:
        def ids(root: etree._Element) -> list[str]:
            return sorted({str(e.get("id", "")) for e in root.iter(LIST_ELEMENT)})
        left, right = ids(self.left), ids(self.right)
        if left == right:
            return
        link: links.Link = ("L009", None, "no lists: on PUT a contact becomes Removed") if not left else \
            (None, None, "compared as a set: a contact PUT replaces the contact's lists with exactly these")
        self.add("ContactList ids", "list-set", ", ".join(left) or "(none)", ", ".join(right) or "(none)", link)


def xml_differences(a: str, b: str, where: str = "body") -> list[Difference]:
    left, right = parse_for_diff(a), parse_for_diff(b)
    out: list[Difference] = []
    for side, parsed, other in (("a", left, right), ("b", right, left)):
        if parsed.error and not other.error:
            declaration = (a if side == "a" else b).lstrip("\ufeff \t\r\n").startswith("?xml")
            note = "the XML declaration lost its angle brackets" if declaration else ""
            message = f"not well-formed: {parsed.error}"
            out.append(Difference(where, "malformed", message if side == "a" else "well-formed",
                                  message if side == "b" else "well-formed", "L021", "v1-400-malformed-xml", note))
    if left.root is None or right.root is None:
        return out + text_differences(a, b, where)
    return out + _Walk(where, left.root, right.root).run()


__all__ = ["xml_differences", "NS_ATTR"]
