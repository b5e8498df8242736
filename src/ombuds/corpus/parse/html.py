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

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ombuds.corpus.parse.header import TITLE

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

    def walk(self, node: LexborNode, depth: int) -> None:
        counter = 0
        start = node.attributes.get("start") if node.tag == "ol" else None
        if start and start.isdigit():
            counter = int(start) - 1
        text = self.text
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text(child.text_content or "")
                continue
            if tag in _DROP or (tag != "li" and child.attributes and _is_furniture(child)):
                continue
            if tag == "br":
                self.newline()
            elif tag == "li":
                counter += 1
                marker = f"{counter}. " if node.tag == "ol" else "\u2022 "
                self.pending = _INDENT * depth + marker
                self.walk(child, depth + 1)
                self.pending = None
                self.out.append("\n")
            elif tag in ("ul", "ol") or tag in _BLOCK:
                self.newline()
                self.walk(child, depth)
                self.newline()
            else:
                self.walk(child, depth)

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


def html_to_text(html: str) -> tuple[str, str | None]:
    """(the statement as text lines, the page's address or None)."""
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
