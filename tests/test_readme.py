"""The README stays a five-minute read: what it is, the set-up commands, a first session; reference in docs/."""

import re

from tests.conftest import ROOT


def test_readme_is_short_and_starts_with_the_set_up():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 10_000
    top = readme[:1200]
    assert "make run" in top and "make test" in top


def test_every_linked_doc_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((docs/[\w.-]+\.md)\)", readme))
    assert linked and all((ROOT / path).is_file() for path in linked)
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")} <= linked  # none left unlinked
