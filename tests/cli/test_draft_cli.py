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
def test_a_binary_format_is_not_printed_to_a_terminal(fmt, monkeypatch):
    import ombuds.cli.draft

    monkeypatch.setattr(ombuds.cli.draft, "_stdout_is_terminal", lambda: True)
    result = run(SEED, "--format", fmt)
    assert result.exit_code == 2
    assert "cannot be printed to the terminal" in result.stderr
    assert f"add -o FILE.{fmt}, or redirect the output to a file" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_binary_format_goes_to_standard_output_when_it_is_redirected(fmt, tmp_path):
    """`ombuds draft ... --format pdf > file.pdf`: standard output is a file, not a terminal."""
    import subprocess
    import sys

    out = tmp_path / f"decision.{fmt}"
    with open(out, "wb") as fh:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "ombuds"), "draft", str(SEED), "--format", fmt],
            stdout=fh,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode()
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        import docx

        texts = [p.text for p in docx.Document(str(out)).paragraphs]
        assert "My assessment" in texts


@pytest.mark.parametrize(
    "name, kind",
    [("decision.docx", "docx"), ("decision.pdf", "pdf"), ("decision.html", "html"), ("d.md", "md")],
)
def test_the_format_comes_from_the_output_files_extension(tmp_path, name, kind):
    out = tmp_path / name
    result = run(SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"({kind}," in result.stderr
    data = out.read_bytes()
    if kind == "docx":
        assert data.startswith(b"PK")  # a zip, as every .docx is
    elif kind == "pdf":
        assert data.startswith(b"%PDF")
    elif kind == "html":
        assert data.startswith(b"<!DOCTYPE html>")
    else:
        assert data.startswith(b"# Leicestershire County Council")


def test_an_extension_that_names_another_format_is_refused(tmp_path):
    out = tmp_path / "guess.docx"
    result = run(SEED, "--format", "txt", "-o", out)
    assert result.exit_code == 2
    assert "extension names the docx format, but the format is txt" in result.stderr
    assert not out.exists()


def test_an_unknown_extension_keeps_the_default_format(tmp_path):
    out = tmp_path / "decision.out"
    result = run(SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("Leicestershire County Council")


def test_drafting_to_a_full_disk_is_a_one_line_error():
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    result = run(SEED, "--format", "txt", "-o", full)
    assert result.exit_code == 6, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the disk is full" in lines[0] and "/dev/full" in lines[0]
    assert "Traceback" not in result.output


def test_check_reports_no_findings_for_a_seed():
    result = run(SEED, "--check")
    assert result.exit_code == 0, result.output
    assert "style: no house-style findings" in result.stderr


def test_check_fails_a_draft_that_breaks_the_house_style(tmp_path):
    pack = tmp_path / "pack" / "sections"
    pack.mkdir(parents=True)
    (pack / "how_considered.j2").write_text("We read what the council sent on 2025-02-10.")
    result = run(SEED, "--check", "--wording", tmp_path / "pack")
    assert result.exit_code == 1
    assert "a date not written as '10 July 2025'" in result.stderr
    assert "'the council' where the body is 'the Council'" in result.stderr
    assert result.stdout.startswith("Leicestershire County Council")  # the draft is still given


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


def test_a_body_name_over_255_characters_drafts_to_docx(tmp_path):
    import docx

    long_body = "Leicestershire " + "and Rutland " * 25 + "County Council"
    assert len(long_body) > 255
    complaint = seed_with(tmp_path, "body: Leicestershire County Council", f"body: {long_body}")
    out = tmp_path / "decision.docx"
    result = run(complaint, "-o", out)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert len(document.core_properties.title) <= 255
    assert document.paragraphs[0].text.startswith(long_body)


def test_warnings_name_only_judgements_that_could_change_the_outcome(tmp_path):
    import yaml

    seed = yaml.safe_load((ROOT / "examples/seeds/004_7f12aca6ea7adb48.yaml").read_text())
    seed["heads"][2]["judgement"] = {}  # the refusal to change the social worker: not judged
    path = tmp_path / "complaint.yaml"
    path.write_text(yaml.safe_dump(seed, allow_unicode=True))
    result = run(path)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings, result.stderr
    for line in warnings:
        assert line.startswith("warning: part 3: the draft needs your judgement of ")
        assert "would make the decision 'closed after initial enquiries'" in line
        assert "heads[2].judgement." in line
    assert not any("late" in w or "premature" in w for w in warnings)  # not outcome-changing
    assert run(SEED).stderr.count("warning:") == 0  # the seed itself draws none
