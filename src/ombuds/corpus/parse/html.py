"""Saved HTML pages of the Ombudsman's site, turned into the same lines as a text copy.

A saved page wraps the statement in the site's furniture: navigation, a header with search,
breadcrumbs, share and print links, scripts, the cookie banner and the footer. This module keeps
the statement's container (`<main>`, else `<article>`, else `<body>`), drops the furniture, and
writes the rest as lines the text parser already understands:
- headings, paragraphs and other blocks on lines of their own;
- `<ol>` items as "1. ", `<ul>` items as "• ", each nested list indented two more spaces, so that
  a sub-list stays inside its paragraph;
- `<dt>Category :</dt><dd>...</dd>` as two lines (the header reader takes a value from the next
  line when its label line has none).
It also returns the page's address (canonical link, Open Graph URL, the "saved from url" comment
browsers add, or the first decision link) because the address carries the reference:
`https://www.lgo.org.uk/decisions/<top-slug>/<sub-slug>/<yy-nnn-nnn>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ombuds.corpus.parse.header import TITLE
from ombuds.errors import UnreadableFile

_DROP = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "nav",
        "footer",
        "form",
        "button",
        "head",
        "select",
        "input",
        "textarea",
        "canvas",
        "video",
        "audio",
        "object",
        "picture",
        "img",
        "-comment",
    )
)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "blockquote",
        "header",
        "aside",
        "figure",
        "figcaption",
        "pre",
        "address",
        "hr",
        "summary",
        "details",
    )
)
# Class or id words of page furniture (matched at the start of each word).
_FURNITURE = re.compile(
    r"^(?:cookie|consent|gdpr|privacy|breadcrumb|skip|share|social|navbar|menu|site-header|"
    r"site-footer|sr-only|visually-hidden|back-to-top|print-page|related)",
    re.IGNORECASE,
)
_INDENT = "\x01"  # one nesting level, turned into two spaces at the end

_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+?)\s*-->")
_DECISION_LINK = re.compile(r"https?://(?:www\.)?lgo\.org\.uk/decisions/[^\s\"'<>]+")


# Nesting. The HTML parser (lexbor, like the HTML standard's algorithm) looks through the open
# elements for each new tag, so a page nested n levels deep costs it about n^2 steps: 20,000
# nested <div>s take a second, 100,000 half a minute. A decision page nests about 15 levels; a
# page nested deeper than MAX_HTML_DEPTH, or whose tags sit MAX_NESTING_WORK levels deep in all
# (what the parser's time grows with), is refused before it is parsed. Pages with fewer tags than
# MAX_HTML_DEPTH cannot go beyond it and are not scanned at all.
MAX_HTML_DEPTH = 2_000
MAX_NESTING_WORK = 20_000_000
# Where raw text (a comment, a script, a style sheet) starts: tags inside it are not tags.
_RAW_START = re.compile(r"<!--|<(script|style|textarea|title|xmp|plaintext)\b", re.IGNORECASE)
# A tag's name and the rest of it up to `>`; `[^<>]*` keeps every attempt to the next bracket,
# so the scan is linear however the page is broken.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)(>?)")
# Elements that never nest: void elements, and those whose end tag may be left out (a new <p>
# or <li> closes the last one), which a saved page may leave unclosed.
_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source")
_OPTIONAL_END = ("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt")
_IMPLIED = ("thead", "tbody", "tfoot", "colgroup", "caption", "head", "body", "html")
_FLAT = frozenset((*_VOID, "track", "wbr", *_OPTIONAL_END, *_IMPLIED))
_FOREIGN = frozenset(("svg", "math"))  # inside these, `<path/>` closes itself (not in HTML)


def _outside_raw_text(html: str) -> Iterator[str]:
    """The page's stretches that hold markup, raw text (comments, scripts...) left out.

    Each search starts where the last ended, so this is linear even on an unclosed `<script>`
    or `<!--` (the rest of the page is then raw text, as the HTML parser reads it too)."""
    position = 0
    while (start := _RAW_START.search(html, position)) is not None:
        yield html[position : start.start()]
        if start.group(1) is None:
            end = html.find("-->", start.end())
            position = end + 3 if end >= 0 else -1
        else:
            closing = re.compile(rf"</{start.group(1)}\s*>", re.IGNORECASE)
            found = closing.search(html, start.end())
            position = found.end() if found else -1
        if position < 0:
            return
    yield html[position:]


def check_nesting(html: str, source: str | None = None) -> None:
    """Raise UnreadableFile if the page nests too deep to parse in reasonable time.

    A guard, not a validator: it counts start and end tags as the HTML parser would for any page
    a browser saves; a page crafted to mislead it costs the parser more, never a crash (the
    walker below keeps its own stack).
    """
    if html.count("<") <= MAX_HTML_DEPTH:
        return
    depth = deepest = work = foreign = 0
    for stretch in _outside_raw_text(html):
        for closing, tag, rest, end in _TAG.findall(stretch):
            name = tag.lower()
            if name in _FOREIGN:
                foreign += -1 if closing else 1
            if name in _FLAT or (foreign > 0 and end and rest.endswith("/")):
                continue
            if closing:
                depth = max(depth - 1, 0)
                continue
            depth += 1
            work += depth
            deepest = max(deepest, depth)
            if deepest > MAX_HTML_DEPTH or work > MAX_NESTING_WORK:
                what = (
                    f"nested more than {MAX_HTML_DEPTH:,} elements deep (a decision's page "
                    "nests about 15)"
                    if deepest > MAX_HTML_DEPTH
                    else f"nested deep too often: its tags sit more than {MAX_NESTING_WORK:,} "
                    "levels deep in all (a decision's page, a few thousand)"
                )
                raise UnreadableFile(
                    f"the page is {what}",
                    source=source,
                    hint="save the decision's page again from www.lgo.org.uk, or copy its text "
                    "into a .txt file",
                )


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<!--")) or (
        head.startswith("<") and ("<body" in head or "<div" in head or "<p>" in head)
    )


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attributes
    if not attrs:  # most elements of a statement: nothing to look at
        return False
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split()
    if any(_FURNITURE.match(w) for w in words):
        return True
    return (
        attrs.get("role") in ("navigation", "banner", "contentinfo", "dialog")
        or attrs.get("aria-hidden") == "true"
        or "hidden" in attrs
    )


def _list_start(node: LexborNode) -> tuple[int, bool]:
    """(the number before an `<ol>`'s first item, whether `node` is an `<ol>`)."""
    if node.tag != "ol":
        return 0, False
    start = node.attributes.get("start")
    return (int(start) - 1 if start and start.isdigit() else 0), True


class _Writer:
    """Collects text with line breaks; list markers wait for their item's first words."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.pending: str | None = None

    def text(self, value: str) -> None:
        words = value.split()
        if not words:
            if value and self.pending is None:
                self.out.append(" ")
            return
        # Fold inner white space, keep one space where the node had some at either end.
        if len(words) > 1 or words[0] != value:  # else `value` is folded already
            value = (
                (" " if value[0].isspace() else "")
                + " ".join(words)
                + (" " if value[-1].isspace() else "")
            )
        if self.pending is not None:
            self.out.append("\n" + self.pending)
            self.pending = None
            value = value.lstrip()
        self.out.append(value)

    def newline(self) -> None:
        if self.pending is None:
            self.out.append("\n")

    def walk(self, root: LexborNode, depth: int) -> None:
        """Write `root`'s content. Iterative (a stack of open elements, not recursion), so that a
        page nested thousands of elements deep is read like any other.

        A frame is [its children still to write, what closing it writes ("li", "block" or
        None), its list depth, the number of its last list item, whether it is an `<ol>`].
        """
        stack: list[list] = [[root.iter(include_text=True), None, depth, *_list_start(root)]]
        text = self.text
        while stack:
            frame = stack[-1]
            for child in frame[0]:
                tag = child.tag
                if tag == "-text":
                    text(child.text_content or "")
                    continue
                if tag in _DROP or (tag != "li" and child.attributes and _is_furniture(child)):
                    continue
                if tag == "br":
                    self.newline()
                    continue
                if tag == "li":
                    frame[3] += 1
                    marker = f"{frame[3]}. " if frame[4] else "\u2022 "
                    self.pending = _INDENT * frame[2] + marker
                    closing, level = "li", frame[2] + 1
                elif tag in ("ul", "ol") or tag in _BLOCK:
                    self.newline()
                    closing, level = "block", frame[2]
                else:
                    closing, level = None, frame[2]
                stack.append([child.iter(include_text=True), closing, level, *_list_start(child)])
                break
            else:  # every child written: close the element
                stack.pop()
                if frame[1] == "li":
                    self.pending = None
                    self.out.append("\n")
                elif frame[1] == "block":
                    self.newline()

    def lines(self) -> str:
        lines = []
        for line in "".join(self.out).split("\n"):
            raw = line.strip(" ")
            if not raw:  # most lines: block ends write a line break each
                continue
            level = len(raw) - len(raw.lstrip(_INDENT))
            text = raw.lstrip(_INDENT).strip()
            if text:
                lines.append("  " * level + text)
        return "\n".join(lines)


def page_address(html: str, tree: LexborHTMLParser) -> str | None:
    """The page's own address, if the saved page still says it."""
    if m := _SAVED_FROM.search(html[:1024]):
        return m.group(1)
    for selector, attr in (("link[rel=canonical]", "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attr):
            return node.attributes[attr]
    m = _DECISION_LINK.search(html)
    return m.group(0) if m else None


def html_to_text(html: str, source: str | None = None) -> tuple[str, str | None]:
    """(the statement as text lines, the page's address or None).

    Raises UnreadableFile (naming `source`) for a page nested too deep to parse (see
    MAX_HTML_DEPTH)."""
    check_nesting(html, source)
    tree = LexborHTMLParser(html)
    address = page_address(html, tree)
    root = None
    for selector in ("main", "article", "[role=main]", "#content", "body"):
        root = tree.css_first(selector)
        if root is not None:
            break
    if root is None:
        return "", address
    writer = _Writer()
    # A title in a page banner outside the chosen container is still the statement's title.
    for h1 in tree.css("h1"):
        title = " ".join(h1.text(deep=True).split())
        if TITLE.fullmatch(title) and root.css_first("h1") is None:
            writer.out.append(title + "\n")
            break
    writer.walk(root, 0)
    return writer.lines(), address
