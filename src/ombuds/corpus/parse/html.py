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

import functools
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
    head = text[:2048].lstrip()
    if not head.startswith("<"):  # a text copy: no need to lower-case its start
        return False
    head = head.lower()
    return head.startswith(("<!doctype html", "<html", "<!--")) or (
        head.startswith("<") and ("<body" in head or "<div" in head or "<p>" in head)
    )


def _is_furniture(node: LexborNode) -> bool:
    return _furniture_attributes(node.attributes)


def _furniture_attributes(attrs: dict[str, str | None]) -> bool:
    """Whether an element with these attributes is page furniture."""
    if not attrs:  # most elements of a statement: nothing to look at
        return False
    class_, id_ = attrs.get("class"), attrs.get("id")
    if len(class_ or "") + len(id_ or "") <= _REMEMBERED_CLASS_CHARS:
        if _furniture_words(class_, id_):
            return True
    elif _furniture_words.__wrapped__(class_, id_):  # a huge value: not worth remembering
        return True
    return (
        attrs.get("role") in ("navigation", "banner", "contentinfo", "dialog")
        or attrs.get("aria-hidden") == "true"
        or "hidden" in attrs
    )


_REMEMBERED_CLASS_CHARS = 200


@functools.lru_cache(maxsize=4096)  # a site's pages use the same few classes and ids
def _furniture_words(class_: str | None, id_: str | None) -> bool:
    """Whether a word of the class or id names page furniture."""
    words = f"{class_ or ''} {id_ or ''}".split()
    return any(_FURNITURE.match(w) for w in words)


def forget_classes() -> None:
    """Empty the memo of class and id values read (see `_furniture_words`)."""
    _furniture_words.cache_clear()


def _list_start(node: LexborNode) -> tuple[int, bool]:
    """(the number before an `<ol>`'s first item, whether `node` is an `<ol>`)."""
    if node.tag != "ol":
        return 0, False
    start = node.attributes.get("start")
    return (int(start) - 1 if start and start.isdigit() else 0), True


_CLOSE_ITEM, _CLOSE_BLOCK = "li", "block"  # what closing an element writes (see `walk`)


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

        The open element's state is kept in local variables (its children still to write, what
        closing it writes, its list depth, the number of its last list item, whether it is an
        `<ol>`), its ancestors' on the stack: this loop runs once per node of the page, so it
        does the work of `text` and `newline` inline.
        """
        out = self.out
        append = out.append
        pending = self.pending
        count, is_ol = _list_start(root)
        children, closing, level = root.iter(include_text=True), None, depth
        stack: list[tuple] = []
        while True:
            for child in children:
                tag = child.tag
                if tag == "-text":  # `text`, inline
                    value = child.text_content
                    if not value:
                        continue
                    if value.isspace():  # (about half the text nodes: the breaks between tags)
                        if pending is None:
                            append(" ")
                        continue
                    words = value.split()
                    if len(words) > 1 or words[0] != value:
                        value = (
                            (" " if value[0].isspace() else "")
                            + " ".join(words)
                            + (" " if value[-1].isspace() else "")
                        )
                    if pending is not None:
                        append("\n" + pending)
                        pending = None
                        value = value.lstrip()
                    append(value)
                    continue
                if tag in _DROP or (tag != "li" and _furniture_attributes(child.attributes)):
                    continue
                if tag == "br":
                    if pending is None:
                        append("\n")
                    continue
                if tag == "li":
                    count += 1
                stack.append((children, closing, level, count, is_ol))
                if tag == "li":
                    pending = _INDENT * level + (f"{count}. " if is_ol else "\u2022 ")
                    closing = _CLOSE_ITEM
                    level += 1
                elif tag in ("ul", "ol") or tag in _BLOCK:
                    if pending is None:
                        append("\n")
                    closing = _CLOSE_BLOCK
                else:
                    closing = None
                count, is_ol = _list_start(child) if tag == "ol" else (0, False)
                children = child.iter(include_text=True)
                break
            else:  # every child written: close the element
                if closing is _CLOSE_ITEM:
                    pending = None
                    append("\n")
                elif closing is _CLOSE_BLOCK and pending is None:
                    append("\n")
                if not stack:
                    break
                children, closing, level, count, is_ol = stack.pop()
        self.pending = pending

    def lines(self) -> str:
        """The text written, as lines: blank lines dropped, each line stripped, and its leading
        `_INDENT`s made two spaces each.

        The only white space written is " " and line breaks (`text` folds the rest), so
        stripping spaces strips a line; only lines that start with `_INDENT` need more."""
        joined = "".join(self.out)
        stripped = [line.strip(" ") for line in joined.split("\n")]
        if _INDENT not in joined:
            return "\n".join(filter(None, stripped))
        lines = []
        for raw in filter(None, stripped):
            if raw[0] != _INDENT:
                lines.append(raw)
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
