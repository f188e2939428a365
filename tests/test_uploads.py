import stat

import pytest

from ingest.uploads import safe_name, save_upload


@pytest.mark.parametrize("name, expected", [
    ("article.txt", "article.txt"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\evil.txt", "evil.txt"),
    ("/abs/path/news.md", "news.md"),
    ("..", "upload.txt"),
    (".bashrc", "bashrc"),
    ("bad\x00name\n.txt", "badname.txt"),
    ("", "upload.txt"),
])
def test_upload_names_cannot_leave_the_folder(name, expected):
    assert safe_name(name) == expected


def test_saved_upload_stays_inside_and_is_not_executable(tmp_path):
    source = tmp_path / "incoming"
    source.write_text("date 2024-11 Tekstas.", encoding="utf-8")
    source.chmod(0o755)
    folder = tmp_path / "store" / "uploads"
    (tmp_path / "outside.txt").write_text("keep me", encoding="utf-8")
    (folder).mkdir(parents=True)
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")  # a planted link is replaced, not followed
    for name in ("../../outside.txt", "link.txt"):
        saved = save_upload(source, name, folder)
        assert saved.parent == folder.resolve()
        assert not saved.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep me"
    assert not (folder / "link.txt").is_symlink()
