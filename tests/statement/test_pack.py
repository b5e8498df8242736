"""A user's wording pack: overrides, fall-backs and broken templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from ombuds.errors import InputError
from ombuds.statement import WordingPack, draft_statement, render
from ombuds.statement.pack import DEFAULT_DIR, clause, join_and, sentence


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_ground_and_referral_has_a_default_template():
    from ombuds.vocabulary import Ground, Referral

    for g in Ground:
        assert (DEFAULT_DIR / "grounds" / f"{g.value}.j2").is_file(), g
    for r in Referral:
        assert (DEFAULT_DIR / "referrals" / f"{r.value}.j2").is_file(), r
    assert (DEFAULT_DIR / "pack.yaml").is_file()


def test_a_users_template_overrides_the_default_and_the_rest_fall_back(tmp_path, conduct_case):
    _write(
        tmp_path,
        "sections/how_considered.j2",
        "We read everything {{ complainant }} sent us.\n\nWe used the Assessment Code.",
    )
    s = draft_statement(conduct_case, wording=WordingPack(tmp_path))
    how = s.sections[2].paragraphs
    assert [p.text for p in how] == [
        "We read everything Miss X sent us.",
        "We used the Assessment Code.",
    ]
    assert s.sections[0].paragraphs[0].text.startswith("Miss X complains")  # default kept


def test_a_ground_template_may_override_one_macro_only(tmp_path):
    import builders

    from ombuds.vocabulary import Ground

    _write(
        tmp_path,
        "grounds/could_not_add.j2",
        "{% macro because() %}the Council's own investigation was thorough, so we could "
        "not add to it{% endmacro %}",
    )
    case = builders.one_ground(Ground.could_not_add)
    s = draft_statement(case, wording=WordingPack(tmp_path))
    assert "was thorough, so we could not add to it" in s.summary
    # role() and assessment() were not overridden: the default wording is used for them.
    assert any("would be unlikely to find more" in p.text for p in s.sections[3].paragraphs)
    # final() was not either, but the template's own because() is the user's wording for it.
    assert "so we could not add to it." in s.sections[-1].paragraphs[0].text


def test_a_ground_template_written_without_final_uses_its_because(tmp_path):
    import builders

    from ombuds.vocabulary import Ground

    _write(
        tmp_path,
        "grounds/could_not_add.j2",
        "{% macro role() %}we could not add to it{% endmacro %}"
        "{% macro because() %}the Council has looked into it fully{% endmacro %}"
        "{% macro assessment(part) %}The Council looked into it fully.{% endmacro %}",
    )
    s = draft_statement(builders.one_ground(Ground.could_not_add), wording=WordingPack(tmp_path))
    assert "as the Council has looked into it fully." in s.sections[-1].paragraphs[0].text


def test_pack_yaml_may_override_a_heading_and_the_signature(tmp_path, conduct_case):
    _write(
        tmp_path,
        "pack.yaml",
        "signature: Assistant Ombudsman's decision\n"
        "headings:\n  how_considered: How we considered it\n",
    )
    s = draft_statement(conduct_case, wording=WordingPack(tmp_path))
    assert s.signature == "Assistant Ombudsman's decision"
    assert s.sections[2].heading == "How we considered it"
    assert s.sections[0].heading == "The complaint"


def test_a_broken_template_names_the_file_and_the_line(tmp_path):
    path = _write(
        tmp_path, "grounds/late.j2", "{% macro role() %}\nfine\n{% if %}\n{% endmacro %}\n"
    )
    with pytest.raises(InputError) as info:
        WordingPack(tmp_path)
    message = str(info.value)
    assert str(path) in message and "line 3" in message and "broken wording template" in message


def test_an_unknown_name_in_a_template_names_the_file_and_line_when_drafting(
    tmp_path, conduct_case
):
    path = _write(tmp_path, "sections/complaint.j2", "First line.\n\n{{ no_such_name }}\n")
    pack = WordingPack(tmp_path)
    with pytest.raises(InputError) as info:
        draft_statement(conduct_case, wording=pack)
    assert str(path) in str(info.value) and "line 3" in str(info.value)
    assert "no_such_name" in str(info.value)


def test_a_missing_pack_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        WordingPack(tmp_path / "nowhere")


def test_a_bad_pack_yaml_is_a_clear_error(tmp_path):
    _write(tmp_path, "pack.yaml", "headings: [unclosed\n")
    with pytest.raises(InputError, match=r"pack\.yaml"):
        WordingPack(tmp_path)


def test_a_template_the_drafter_does_not_use_gives_a_warning(tmp_path, conduct_case):
    _write(tmp_path, "grounds/lateness.j2", "{% macro role() %}x{% endmacro %}")
    pack = WordingPack(tmp_path)
    s = draft_statement(conduct_case, wording=pack)
    assert any("lateness.j2" in w for w in s.warnings)


def test_user_text_is_escaped_in_html_even_from_a_users_pack(tmp_path, conduct_case):
    _write(tmp_path, "sections/head_investigate.j2", "<b>bold</b> & more")
    _write(tmp_path, "sections/how_considered.j2", "<i>We read it</i> & checked")
    html = render(draft_statement(conduct_case, wording=WordingPack(tmp_path)), "html").decode()
    assert "&lt;i&gt;We read it&lt;/i&gt; &amp; checked" in html
    assert "<i>We read it</i>" not in html


@pytest.mark.parametrize(
    "given, expected",
    [
        ("the council replied", "The council replied."),
        ("Done already.", "Done already."),
        ("", ""),
    ],
)
def test_sentence(given, expected):
    assert sentence(given) == expected


def test_clause_and_join_and():
    assert clause("The Council's reply.") == "the Council's reply"
    assert clause("Miss X's reply") == "Miss X's reply"
    assert clause("ICO guidance") == "ICO guidance"
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_and(["a, b", "c"]) == "a, b; and c"
    assert join_and(["a"]) == "a"


@pytest.mark.parametrize(
    "attack",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ joiner.__init__.__globals__['os'].system('id') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ case.__class__.__init__.__globals__ }}",
        "{% set x = case.information_considered.append('owned') %}",
    ],
)
def test_a_template_cannot_reach_python_internals(tmp_path, conduct_case, attack):
    _write(tmp_path, "sections/how_considered.j2", f"We read it.\n{attack}\n")
    pack = WordingPack(tmp_path)
    with pytest.raises(InputError) as info:
        draft_statement(conduct_case, wording=pack)
    message = str(info.value)
    assert "broken wording template" in message and "line 2" in message
    assert str(tmp_path / "sections" / "how_considered.j2") in message
    assert "owned" not in conduct_case.case.information_considered


def test_a_relative_pack_path_is_reported_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "pack/grounds/late.j2", "{% macro role() %}\n{% if %}\n{% endmacro %}\n")
    with pytest.raises(InputError) as info:
        WordingPack("pack")
    message = str(info.value)
    assert str(tmp_path / "pack" / "grounds" / "late.j2") + ", line 2" in message
    assert "pack/pack" not in message


def test_a_runtime_error_names_the_templates_own_line(tmp_path, conduct_case):
    _write(tmp_path, "sections/how_considered.j2", "one\n\ntwo\n{{ no_such_value.x }}\n")
    with pytest.raises(InputError) as info:
        draft_statement(conduct_case, wording=WordingPack(tmp_path))
    assert "how_considered.j2, line 4" in str(info.value)


def test_a_variable_that_starts_a_sentence_gets_its_capital(tmp_path, conduct_case):
    _write(
        tmp_path,
        "sections/how_considered.j2",
        "{{ council }} sent us its replies. {{ council }} also sent its file, e.g. the notes.",
    )
    s = draft_statement(conduct_case, wording=WordingPack(tmp_path))
    assert s.sections[2].paragraphs[0].text == (
        "The Council sent us its replies. The Council also sent its file, e.g. the notes."
    )
