"""Render a synthetic decision as copied plain text or as a saved HTML page, with copying noise.

Why a separate module: the noise is the point of the synthetic corpus (the parser must cope with
every kind listed in decisions.md), so each kind is drawn here explicitly, per decision, from the
decision's own seeded random source.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass

MARKERS = ("dash", "restart", "continuous", "bullet", "plain")
LIST_MARKERS = ("  • ", "    • ", "- ", "    - ", "• ")
SIGNATURES = (
    "Investigator's decision on behalf of the Ombudsman",
    "Investigator’s decision on behalf of the Ombudsman",
    "Assistant Ombudsman's decision on behalf of the Ombudsman",
)

# The site's cookie banner: its labels as the site shows them, the explanations in our words.
BANNER_LINES = [
    "LGO logogram",
    "Review your privacy settings",
    "Required cookies",
    (
        "The site needs these cookies to work. Turning them off in your browser settings may stop "
        "some pages working as they should."
    ),
    "View required cookies",
    "Analytical cookies",
    "Google Analytics cookies tell us which pages people visit so that we can improve the site.",
    "We suggest leaving these 'ON'.",
    "View analytical cookies",
    (
        "Google Analytics here never records details that identify you, and the analytics data is "
        "not shared. Google offers a browser add-on to opt out of Google Analytics."
    ),
    "Privacy settings",
]


@dataclass
class Noise:
    """The copying noise of one decision."""

    marker: str
    list_marker: str
    back_to_top: bool
    print_page: bool
    banner: str | None  # "start", "end" or None
    blank: str  # "single", "none", "double", "mixed"
    quotes: str  # "curly", "straight", "mixed"
    nbsp_rate: float
    tail_on_own_line: bool
    indent: str

    @classmethod
    def draw(cls, rng: random.Random) -> Noise:
        return cls(
            marker=rng.choice(MARKERS),
            list_marker=rng.choice(LIST_MARKERS),
            back_to_top=rng.random() < 0.6,
            print_page=rng.random() < 0.6,
            banner=rng.choice(("start", "end", "end", None)),
            blank=rng.choice(("single", "single", "none", "double", "mixed")),
            quotes=rng.choice(("curly", "straight", "mixed")),
            nbsp_rate=rng.choice((0.0, 0.0, 0.005, 0.02)),
            tail_on_own_line=rng.random() < 0.5,
            indent=rng.choice(("  ", "", "   ")),
        )


def _quotes(text: str, mode: str, rng: random.Random) -> str:
    if mode == "curly":
        return text
    if mode == "straight":
        return text.replace("’", "'").replace("‘", "'")
    return re.sub("[’‘]", lambda m: "'" if rng.random() < 0.5 else m.group(0), text)


def _nbsp(text: str, rate: float, rng: random.Random) -> str:
    if not rate:
        return text
    return re.sub(" ", lambda m: "\u00a0" if rng.random() < rate else " ", text)


def _header_lines(header: dict) -> list[str]:
    lines = [f"{header['body']} ({header['reference']})"]
    if header["category"]:
        lines.append(f"Category : {header['category']}")
    if header["decision"]:
        lines.append(f"Decision : {header['decision']}")
    if header["date"]:
        lines.append(f"Decision date : {header['date']}")
    return lines


def to_text(header: dict, doc, noise: Noise, rng: random.Random) -> str:
    """The statement as text copied from the site, one block per list entry, then joined."""
    summary, sections = doc
    blocks: list[str] = _header_lines(header)
    blocks += ["The Ombudsman's final decision:", f"Summary: {summary}"]
    number = 0
    for heading, section in sections:
        blocks.append(heading)
        if noise.marker == "restart":
            number = 0
        for block in section:
            if block.kind == "sub":
                blocks.append(block.text)
                continue
            number += 1
            blocks.append(_marked(block.text, number, noise))
            if block.kind == "list":
                items = [noise.list_marker + item for item in block.items]
                if noise.tail_on_own_line:
                    blocks += [*items, block.tail]
                else:
                    items[-1] += " " + block.tail
                    blocks += items
        if noise.back_to_top:
            blocks.append("Back to top")
    blocks.append(rng.choice(SIGNATURES))
    if noise.print_page:
        blocks.append("Print this page")
    if noise.banner == "end":
        blocks += BANNER_LINES
    elif noise.banner == "start":
        blocks = BANNER_LINES + blocks
    text = _join(blocks, noise.blank, rng)
    text = _quotes(text, noise.quotes, rng)
    return _nbsp(text, noise.nbsp_rate, rng)


def _marked(text: str, number: int, noise: Noise) -> str:
    if noise.marker == "dash":
        return f"- {text}"
    if noise.marker == "bullet":
        return f"• {text}"
    if noise.marker in ("restart", "continuous"):
        return f"{noise.indent}{number}. {text}"
    return text


def _join(blocks: list[str], blank: str, rng: random.Random) -> str:
    if blank == "none":
        return "\n".join(blocks)
    if blank == "single":
        return "\n\n".join(blocks)
    if blank == "double":
        return "\n\n\n".join(blocks)
    out = blocks[0]
    for block in blocks[1:]:
        out += rng.choice(("\n", "\n\n", "\n\n\n")) + block
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")


def to_html(header: dict, doc, noise: Noise, rng: random.Random, category: str, slug: str) -> str:
    """The statement as a page saved from the site: head, scripts, nav, banner, footer."""
    summary, sections = doc
    esc = _escaper(rng)
    top, _, sub = category.partition(" > ")
    query = f"?displaypref={rng.randint(1, 3)}" if rng.random() < 0.3 else ""
    host = "https://www.lgo.org.uk" if rng.random() < 0.7 else "https://lgo.org.uk"
    title = f"{header['body']} ({header['reference']})"
    banner = (
        '<div id="cookie-banner" class="cookie-banner" role="dialog">'
        + "".join(f"<p>{esc(line)}</p>" for line in BANNER_LINES)
        + '<button type="button" class="btn">Save</button></div>'
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(title)} - Local Government and Social Care Ombudsman</title>",
        f'<link rel="canonical" href="{host}/decisions/{_slug(top)}/{_slug(sub)}/{slug}{query}">',
        '<link rel="stylesheet" href="/dist/css/site.min.css">',
        (
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push("
            "arguments);} gtag('js', new Date()); gtag('config', 'G-LGO0000');</script>"
        ),
        "<style>.cookie-banner{position:fixed;bottom:0}</style>",
        "</head>",
        '<body class="decision-page">',
    ]
    if noise.banner == "start":
        out.append(banner)
    out += [
        '<a class="skip-link" href="#main">Skip to main content</a>',
        '<header class="site-header"><a href="/"><img src="/img/logo.svg" alt="LGO logogram">'
        '</a><nav aria-label="Main"><ul>'
        + "".join(
            f'<li><a href="/{_slug(item)}">{item}</a></li>'
            for item in (
                "Make a complaint",
                "Decisions",
                "Information centre",
                "Adult social care",
                "About us",
                "Contact us",
            )
        )
        + '</ul></nav><form action="/search"><input name="q" placeholder="Search"></form>'
        "</header>",
        (
            '<main id="main"><ol class="breadcrumb"><li><a href="/">Home</a></li>'
            '<li><a href="/decisions">Decisions</a></li>'
            f"<li>{esc(top)}</li><li>{esc(sub)}</li></ol>"
        ),
        '<article class="decision">',
        f"<h1>{esc(title)}</h1>",
        '<div class="meta">',
    ]
    for line in _header_lines(header)[1:]:
        label, _, value = line.partition(" : ")
        out.append(f"<p><strong>{label} :</strong> {esc(value)}</p>")
    out += [
        "</div>",
        "<h2>The Ombudsman's final decision:</h2>",
        f"<p><strong>Summary:</strong> {esc(summary)}</p>",
    ]
    number = 0
    for heading, section in sections:
        out.append(f"<h2>{esc(heading)}</h2>")
        listed = noise.marker in ("restart", "continuous")
        if noise.marker == "restart":
            number = 0
        if listed:
            out.append(f'<ol start="{number + 1}">')
        for block in section:
            if block.kind == "sub":
                out.append(
                    ("</ol>" if listed else "")
                    + f"<h3>{esc(block.text)}</h3>"
                    + (f'<ol start="{number + 1}">' if listed else "")
                )
                continue
            number += 1
            inner = esc(block.text)
            if block.kind == "list":
                inner += "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
                inner += f"<p>{esc(block.tail)}</p>"
            out.append(
                f"<li>{inner}</li>"
                if listed
                else f"<p>{inner}</p>"
                if block.kind == "p"
                else f"<div>{inner}</div>"
            )
        if listed:
            out.append("</ol>")
        if noise.back_to_top:
            out.append('<p class="back-to-top"><a href="#top">Back to top</a></p>')
    out.append(f'<p class="signature">{esc(rng.choice(SIGNATURES))}</p>')
    if noise.print_page:
        out.append('<p><a href="javascript:window.print()">Print this page</a></p>')
    out += [
        "</article></main>",
        (
            '<footer class="site-footer"><ul><li><a href="/accessibility">Accessibility</a></li>'
            '<li><a href="/privacy">Privacy notice</a></li><li><a href="/cookies">Cookies</a>'
            "</li></ul><p>&copy; Local Government and Social Care Ombudsman</p></footer>"
        ),
    ]
    if noise.banner == "end":
        out.append(banner)
    out += [
        '<script src="/dist/js/site.min.js"></script>',
        (
            "<script>(function(w,d){var s=d.createElement('script');s.async=true;"
            "s.src='https://www.googletagmanager.com/gtag/js?id=G-LGO0000';"
            "d.head.appendChild(s);})(window,document);</script>"
        ),
        "</body>",
        "</html>",
    ]
    separator = "\n" if rng.random() < 0.7 else ""
    page = separator.join(out) + "\n"
    return _quotes(page, noise.quotes, rng)


def _escaper(rng: random.Random):
    """HTML-escape, sometimes writing curly quotes and spaces as named entities."""
    named = rng.random() < 0.5

    def esc(text: str) -> str:
        text = html.escape(text, quote=False)
        if named:
            text = text.replace("’", "&rsquo;").replace("‘", "&lsquo;").replace("\u00a0", "&nbsp;")
        return text

    return esc
