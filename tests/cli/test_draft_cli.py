"""`ombuds draft`: every format, the JSON trace, and each kind of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ombuds.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
HEADINGS = [
    "The complaint",
    "The Ombudsman's role and powers",
    "How I considered this complaint",
    "My assessment",
    "Final decision",
]

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["draft", *map(str, args)])


def seed_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the seed complaint with `old` replaced by `new` once."""
    path = tmp_path / "complaint.yaml"
    path.write_text(SEED.read_text().replace(old, new, 1))
    return path


def test_help_gives_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "ombuds draft" in result.output and "--format pdf -o decision.pdf" in result.output


def test_text_goes_to_standard_output():
    result = run(SEED)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Leicestershire County Council (24 015 969)\n")
    assert "Decision : Closed after initial enquiries" in out
    assert "Decision date : 10 Feb 2025" in out
    for h in HEADINGS:
        assert f"\n{h}\n" in out
    assert out.rstrip().endswith("Investigator's decision on behalf of the Ombudsman")


def test_the_date_option_sets_the_decision_date():
    result = run(SEED, "--date", "2025-03-04")
    assert result.exit_code == 0, result.output
    assert "Decision date : 04 Mar 2025" in result.stdout


def test_json_gives_each_paragraph_with_its_trace():
    result = run(SEED, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    paragraphs = [p for s in data["sections"] for p in s["paragraphs"]]
    assert [p["number"] for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert all(p["trace"] for p in paragraphs)
    grounds = {
        t["ground"]
        for p in paragraphs
        if p["section"] == "assessment"
        for t in p["trace"]
        if t["ground"]
    }
    assert {"could_not_add", "better_placed", "individual_conduct"} <= grounds
    assert any(t["head"] == 1 for p in paragraphs for t in p["trace"])


def test_html_is_written_with_trace_attributes(tmp_path):
    out = tmp_path / "decision.html"
    result = run(SEED, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'data-section="assessment"' in html and 'data-finding="1:' in html
    assert "wrote" in result.stderr


def test_docx_is_written_and_opens_back(tmp_path):
    import docx

    out = tmp_path / "decision.docx"
    result = run(SEED, "--format", "docx", "-o", out)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    for h in HEADINGS:
        assert h in texts
    assert any(t.startswith("1.\t") for t in texts)


def test_pdf_is_written_and_opens_back(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "decision.pdf"
    result = run(SEED, "--format", "pdf", "-o", out)
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    text = text.replace("\u2019", "'")
    for h in ["Leicestershire County Council (24 015 969)", *HEADINGS]:
        assert h in text


def test_a_users_wording_pack_is_used(tmp_path):
    pack = tmp_path / "pack"
    (pack / "sections").mkdir(parents=True)
    (pack / "sections" / "how_considered.j2").write_text("We read all {{ complainant }} sent.")
    result = run(SEED, "--wording", pack)
    assert result.exit_code == 0, result.output
    assert "We read all Miss X sent." in result.stdout


# -- bad input ----------------------------------------------------------------------------------
def test_an_unknown_format_is_refused():
    result = run(SEED, "--format", "rtf")
    assert result.exit_code == 2
    assert "unknown format 'rtf'" in result.stderr and "txt, md, html, docx, pdf" in result.stderr


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_binary_format_needs_an_output_file(fmt):
    result = run(SEED, "--format", fmt)
    assert result.exit_code == 2
    assert f"add -o FILE.{fmt}" in result.stderr
    assert result.stdout == ""


def test_an_output_path_in_a_missing_folder_is_refused(tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "decision.pdf"
    result = run(SEED, "--format", "pdf", "-o", out)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and str(out.parent) in result.stderr
    assert not out.parent.exists()


def test_a_broken_wording_template_names_the_file_and_line(tmp_path):
    broken = tmp_path / "pack" / "grounds" / "could_not_add.j2"
    broken.parent.mkdir(parents=True)
    broken.write_text("{% macro because() %}\nfine\n{{ oops( }}\n{% endmacro %}\n")
    out = tmp_path / "decision.txt"
    result = run(SEED, "--wording", tmp_path / "pack", "-o", out)
    assert result.exit_code == 2
    assert str(broken) in result.stderr and "line 3" in result.stderr
    assert not out.exists()  # nothing written


def test_a_bad_date_is_refused():
    result = run(SEED, "--date", "10/02/2025")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_a_missing_complaint_file_is_refused(tmp_path):
    result = run(tmp_path / "nope.yaml")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_an_output_path_that_is_a_folder_is_refused(tmp_path):
    result = run(SEED, "--format", "html", "-o", tmp_path)
    assert result.exit_code == 2
    assert "is a folder, not a file" in result.stderr and str(tmp_path) in result.stderr


def test_an_unknown_category_is_drafted_with_a_warning(tmp_path):
    result = run(
        seed_with(
            tmp_path,
            "category: Children's care services > Other",
            "category: Libraries > Late fees",
        )
    )
    assert result.exit_code == 0, result.output
    assert "Category : Libraries > Late fees" in result.stdout
    assert "warning: unknown category 'Libraries > Late fees'" in result.stderr


def test_markup_in_the_complaint_is_escaped_in_the_html_draft(tmp_path):
    sneaky = seed_with(
        tmp_path, "body: Leicestershire County Council", 'body: "<script>alert(1)</script> Council"'
    )
    out = tmp_path / "decision.html"
    result = run(sneaky, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Council" in page


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_control_characters_in_the_complaint_are_refused(tmp_path, fmt):
    sneaky = seed_with(
        tmp_path, "body: Leicestershire County Council", 'body: "Anytown \\e]0;owned\\a Council"'
    )
    out = tmp_path / f"decision.{fmt}"
    result = run(sneaky, "--format", fmt, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert "body (line 4): text without control characters" in result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.output


def test_a_wording_template_cannot_run_a_shell_command(tmp_path):
    pack = tmp_path / "pack" / "sections"
    pack.mkdir(parents=True)
    marker = tmp_path / "ran"
    (pack / "how_considered.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"
    )
    out = tmp_path / "decision.txt"
    result = run(SEED, "--wording", tmp_path / "pack", "-o", out)
    assert result.exit_code == 2
    assert not marker.exists() and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken wording template" in lines[0]
    assert str(pack / "how_considered.j2") + ", line 1" in lines[0]
    assert "Traceback" not in result.output
