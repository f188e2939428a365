import json
from pathlib import Path

import pytest

from ingest.readers import ReadError, SkippedFile, file_article_id, iter_input_files, read_file

LIMIT = 10_000_000


def test_date_header_becomes_date_and_leaves_the_text(tmp_path):
    path = tmp_path / "story.lt.txt"
    path.write_text(" date 2024-11 Rusijos delegacija atvyko. Tai svarbu.\n\nAntra pastraipa.", encoding="utf-8")
    article = read_file(path, LIMIT).articles[0]
    assert article.date == "2024-11"
    assert article.text.startswith("Rusijos delegacija atvyko.")
    assert "date" not in article.text
    assert article.lang == "lt"
    assert article.id == file_article_id(path)


def test_markdown_heading_is_the_title(tmp_path):
    path = tmp_path / "news.md"
    path.write_text("date 2024-11-29\n# Big news today\n\nSomething happened in the city.", encoding="utf-8")
    article = read_file(path, LIMIT).articles[0]
    assert (article.title, article.date, article.lang) == ("Big news today", "2024-11-29", "en")


def test_an_article_without_a_headline_is_titled_by_its_lead_not_its_file_name(tmp_path):
    path = tmp_path / "belousov-north-korea-2024-11.lt.txt"
    path.write_text("date 2024-11 Rusijos karinė delegacija, vadovaujama gynybos ministro Andrejaus Belousovo, "
                    "penktadienį atvyko į Šiaurės Korėją. Antras sakinys.\n\nKita pastraipa.", encoding="utf-8")
    article = read_file(path, LIMIT).articles[0]
    assert article.title == "Rusijos karinė delegacija, vadovaujama gynybos ministro Andrejaus Belousovo, penktadienį …"
    short = tmp_path / "short.txt"
    short.write_text("Storm hits the coast. Many homes lost power.", encoding="utf-8")
    assert read_file(short, LIMIT).articles[0].title == "Storm hits the coast."


def test_html_main_text_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title></head><body><nav>Home | Menu</nav><article><h1>Troops sent</h1>"
        "<p>North Korea sent more than 10,000 troops to Russia, according to estimates by several states.</p>"
        "<p>Neither Pyongyang nor Moscow confirmed the movement of the troops, officials said on Friday.</p>"
        "</article><footer>Copyright 2024</footer></body></html>", encoding="utf-8")
    article = read_file(path, LIMIT).articles[0]
    assert "10,000 troops" in article.text
    assert "Copyright" not in article.text and "Menu" not in article.text
    assert article.title == "Troops sent"


def test_jsonl_keeps_good_lines_and_reports_bad_ones_by_number(tmp_path):
    path = tmp_path / "a.jsonl"
    good = {"id": "x1", "title": "T", "lang": "lt", "source": "S", "date": "2024-11", "text": "Sakinys. Kitas."}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "x2", "title": "no text"}),
                               json.dumps({**good, "id": "x3"})]), encoding="utf-8")
    result = read_file(path, LIMIT)
    assert [a.id for a in result.articles] == ["x1", "x3"]
    assert [(e.line, e.problem.split(" (")[0].split(":")[0]) for e in result.errors] == [(2, "invalid JSON"), (3, "record has no 'text'")]
    assert all(str(path) in str(e) for e in result.errors)
    assert result.errors[0].problem.startswith("invalid JSON: Expecting property name enclosed in double quotes: column 2")


def test_a_truncated_json_line_is_reported_whole(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "x1", "text": "Sakinys be pabaig', encoding="utf-8")
    [error] = read_file(path, LIMIT).errors
    assert str(error) == f"{path}:1: invalid JSON: Unterminated string starting at: column 22"


@pytest.mark.parametrize(
    "name,content,problem",
    [
        ("empty.txt", b"", "no text"),
        ("blank.txt", b"  \n\t\n", "no text"),
        ("bad.txt", bytes(range(128, 256)) * 4, "not valid UTF-8 (byte 0) and not text in a known legacy encoding"),
        ("binary.txt", b"\x00\x01\x02binary", "binary file"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_file(path, LIMIT)
    assert str(path) in str(info.value) and problem in str(info.value)
    assert "\n" not in str(info.value)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Žodis. " * 100, encoding="utf-8")
    with pytest.raises(ReadError, match="over the limit"):
        read_file(path, 50)


def test_folder_expansion_and_unsupported_or_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "skip.pdf").write_text("x")
    items = list(iter_input_files([tmp_path, tmp_path / "skip.pdf", tmp_path / "missing.txt"]))
    files = [i for i in items if isinstance(i, Path)]
    errors = [str(i) for i in items if isinstance(i, ReadError)]
    assert files == [tmp_path / "a.txt", tmp_path / "sub" / "b.md"]
    assert [i.path for i in items if isinstance(i, SkippedFile)] == [tmp_path / "skip.pdf"]  # inside the folder: counted
    assert any("unsupported file type '.pdf'" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)


def test_article_id_is_stable_and_readable(tmp_path):
    path = tmp_path / "Šiaurės Korėja.txt"
    assert file_article_id(path) == file_article_id(path)
    assert file_article_id(path).startswith("siaures-koreja-")
    assert file_article_id(path) != file_article_id(tmp_path / "other.txt")


def test_legacy_lithuanian_encoding_comes_out_right(tmp_path):
    text = "Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių, o kai kurie iš jų jau pradėjo kovą fronte."
    for encoding in ("cp1257", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(f"date 2024-11 {text}".encode(encoding))
        [article] = read_file(path, LIMIT).articles
        assert article.text == text and article.date == "2024-11"


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(ReadError, match=r"huge.txt: file is 209715200 bytes, over the limit of"):
        read_file(path, 50 * 1024 * 1024)


def test_unreadable_file_is_one_line(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Tekstas.", encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # chmod 000 means nothing to root, who runs CI
    with pytest.raises(ReadError, match=r"locked.txt: Permission denied"):
        read_file(path, LIMIT)


def test_symlink_loops_are_not_followed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "news.txt").write_text("Tekstas.", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a")
    assert list(iter_input_files([tmp_path])) == [tmp_path / "a" / "news.txt"]
