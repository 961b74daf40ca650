"""The text layer: catalogs, plurals and Babel formatting (text/__init__.py)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from lunarexplainer import text
from lunarexplainer.text import format_date
from lunarexplainer.text import format_list
from lunarexplainer.text import format_number
from lunarexplainer.text import nt
from lunarexplainer.text import t

from harness import REPO


def test_dates_at_their_precision_with_qualifiers():
    assert format_date(pd.Timestamp("2026-08-15")) == "15 August 2026"
    assert format_date(date(2026, 8, 1), "month") == "August 2026"
    assert format_date(pd.Timestamp("2028-01-01"), "year", "NET") == "no earlier than 2028"
    assert format_date(pd.Timestamp("2024-01-01"), "year", "by") == "by 2024"
    assert format_date(pd.NaT) == "date unknown"
    assert format_date(None, "year") == "date unknown"


def test_lists_numbers_and_plurals():
    assert format_list(["Russia"]) == "Russia"
    assert format_list(["Russia", "China"]) == "Russia and China"
    assert format_list(["a", "b", "c", "d", "e"], limit=3) == "a, b, c and 2 more"
    assert format_number(12345) == "12,345"
    assert format_number(3.0) == "3"
    assert nt("{n} country", "{n} countries", 1) == "1 country"
    assert nt("{n} country", "{n} countries", 4) == "4 countries"
    assert t("The map shows {what}.", what="Chile") == "The map shows Chile."


def _code_messages() -> set[object]:
    """Every message `make messages` extracts: the code and the lesson TOML files (babel.cfg)."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    assert any(pattern.endswith(".toml") for pattern, _ in method_map)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map=method_map, options_map=options_map,
            keywords={"t": None, "nt": (1, 2), "N_": None}):
        found.add(message)
    return found


def test_english_catalog_lists_exactly_the_messages_in_the_code():
    po = REPO / "src/lunarexplainer/text/locale/en/LC_MESSAGES/lunarexplainer.po"
    with po.open("rb") as handle:
        catalog = {m.id for m in read_po(handle) if m.id}
    code = _code_messages()
    assert sorted(map(str, code - catalog)) == [], "run `make messages`"
    assert sorted(map(str, catalog - code)) == [], "stale messages: run `make messages`"


_FIELD = re.compile(r"\{[A-Za-z_][\w.]*(?:[:!][^}]*)?\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _fields(text: str) -> list[str]:
    return sorted(set(_FIELD.findall(text)))


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_every_message_is_translated_and_keeps_its_placeholders(lang):
    po = REPO / f"src/lunarexplainer/text/locale/{lang}/LC_MESSAGES/lunarexplainer.po"
    with po.open("rb") as handle:
        catalog = [m for m in read_po(handle, locale=lang) if m.id]
    have = {m.id for m in catalog}
    assert sorted(map(str, _code_messages() - have)) == [], f"run `make messages` ({lang})"
    problems = []
    for m in catalog:
        source = m.id if isinstance(m.id, str) else m.id[-1]
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        where = f"{lang}: {source[:60]!r}"
        if m.fuzzy or not all(forms):
            problems.append(f"{where}: not translated")
            continue
        for form in forms:
            if _fields(form) != _fields(source):
                problems.append(f"{where}: fields {_fields(form)} instead of {_fields(source)}")
            if sorted(_TAG.findall(form)) != sorted(_TAG.findall(source)):
                problems.append(f"{where}: HTML tags differ")
            if form.count("**") != source.count("**") or form.count("`") != source.count("`"):
                problems.append(f"{where}: Markdown marks differ")
    assert problems == [], "\n".join(problems)


def test_no_message_hides_where_the_extractor_cannot_see_it():
    """A t() call inside an f-string is not extracted (Babel reads an f-string as one token):
    its words would stay English in every language. Every call with a literal message must
    be in the catalog."""
    import ast

    extracted = {m if isinstance(m, str) else m[0] for m in _code_messages()}
    hidden = []
    for path in sorted((REPO / "src" / "lunarexplainer").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"t", "nt", "N_"} and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and node.args[0].value not in extracted):
                hidden.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.args[0].value}")
    assert hidden == [], "move these calls out of f-strings:\n" + "\n".join(hidden)


def test_a_translated_catalog_is_used_with_its_plural_rules(tmp_path, monkeypatch):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "lunarexplainer.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 '
        '&& (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "date unknown"\nmsgstr "дата неизвестна"\n\n'
        'msgid "{n} country"\nmsgid_plural "{n} countries"\n'
        'msgstr[0] "{n} страна"\nmsgstr[1] "{n} страны"\nmsgstr[2] "{n} стран"\n',
        encoding="utf-8")
    monkeypatch.setattr(text, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(text, "LANGUAGES", ("en", "ru"))
    text.reload_catalogs()
    try:
        text.set_language("ru")
        assert t("date unknown") == "дата неизвестна"
        assert [nt("{n} country", "{n} countries", n) for n in (1, 3, 5, 21)] == [
            "1 страна", "3 страны", "5 стран", "21 страна"]
        assert format_date(date(2026, 8, 15)).startswith("15 августа 2026")
        assert t("not translated yet") == "not translated yet"
    finally:
        text.set_language(None)
        text.reload_catalogs()
    assert t("date unknown") == "date unknown"


def test_unknown_language_is_refused_in_one_line():
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        text.set_language("xx")


def test_the_lessons_table_headings_are_extracted():
    from lunarexplainer.lesson.table_labels import table_headings

    cell = ('%matplotlib inline\n'
            'table(landing, ["announced_on", "target_date", "summary"],\n'
            '      {"target_date": "Target", "summary": "What happened"})\n'
            'display.table(df, labels={"n": "Count"}, columns=("n", "kind"))\n'
            'table(df)  # no columns listed: nothing to extract\n')
    assert [h for _, h in table_headings(cell)] == [
        "Target", "What happened", "Announced on", "Count", "Kind"]
    assert list(table_headings("table(df, [")) == []  # not Python: nothing
    messages = _code_messages()
    assert {"What happened", "Launch date (or plan)", "Web address", "Announced by"} <= messages
    # the columns of the rows a quiz shows under "Show me why" (facts.py), and facts.py's own
    assert {"Mission id", "Target date", "Date qualifier"} <= messages


def test_the_rows_functions_headings_are_extracted():
    from lunarexplainer.lesson.table_labels import row_headings

    source = ('def goal_rows(ds):\n'
              '    ph = ds.phases\n'
              '    return ph[ph["kind"] == "goal"][["id", "start_date"]]\n'
              'def ranked_rows(ds):\n'
              '    return pd.DataFrame({"mission_id": [], "count": []})\n'
              'def helper(ds):\n'
              '    return ds.missions[["not_shown"]]\n')
    assert [h for _, h in row_headings(source)] == ["Id", "Start date", "Mission id", "Count"]
