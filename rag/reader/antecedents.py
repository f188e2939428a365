"""A sentence that says what was asked of "he" or "she" names its person in the sentence before.

"He is also the oldest quarterback ever to play in a Super Bowl at age 39." answers "Who is the oldest
quarterback to play in a Super Bowl?" only with the sentence before it, which names Manning. The answer
cites that sentence first and the pronoun's sentence after it (`reader.promote_antecedent`,
`answer.choose_sentences`).

Only a singular third-person subject pronoun among a sentence's first words counts: "Mit 39 Jahren ist
er …", "Он также …", "他也 …". Object forms ("ihnen", "him") say nothing of who the sentence is about, and
"they" is a team as often as people: "Затем они победили … Нью-Ингленд Пэтриотс" answers who they beat.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rag.reader.features import Candidate
    from rag.retrieval.retriever import Evidence

SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset({"he", "she"}),
    "de": frozenset({"er"}),  # "sie" is "they" as often as "she"
    "es": frozenset({"él", "ella"}),
    "ru": frozenset({"он", "она"}),
    "lt": frozenset({"jis", "ji"}),
}
CHINESE_PRONOUNS = ("他", "她")
CHINESE_PLURAL = ("他们", "她们")
CHINESE_FOREIGN_NAME = re.compile(r"[\u4e00-\u9fff][·・•][\u4e00-\u9fff]")  # 培顿·曼宁: a foreign person's name, by sound
EARLY_WORDS = 6  # German puts the subject after the verb: "Mit 39 Jahren ist er …"


def refers_back(text: str, lang: str) -> bool:
    """Whether the sentence's subject is "he" or "she" (its person is named before it)."""
    if lang == "zh":
        opening = text.lstrip(" \"'“「《（(")
        return opening.startswith(CHINESE_PRONOUNS) and not opening.startswith(CHINESE_PLURAL)
    pronouns = SUBJECT_PRONOUNS.get(lang)
    if not pronouns:
        return False
    return any(word in pronouns for word in re.findall(r"\w+", text.lower())[:EARLY_WORDS])


def names_a_person(candidate: Candidate) -> bool:
    """Whether a candidate sentence names a person the question does not: a person's name the reader found,
    or in Chinese, which has no capitals to find names by, a foreign name written by sound ("培顿·曼宁")."""
    if candidate.features["person_names"] > 0:
        return True
    return candidate.evidence.lang == "zh" and bool(CHINESE_FOREIGN_NAME.search(candidate.evidence.text))


def continues(first: Evidence, then: Evidence) -> bool:
    """Whether evidence `then` is the sentence right after `first` in its article, about the person `first`
    names ("Manning …" then "He is also the oldest quarterback …")."""
    return (then.article_id == first.article_id and then.index == first.index + 1
            and refers_back(then.text, then.lang))
