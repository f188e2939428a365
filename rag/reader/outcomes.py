"""What a disaster's or an incident's figures count: the killed, the injured, the missing, the evacuated,
the arrested.

News gives several such figures side by side ("sužeista 540 žmonių, o 29 žmonės dingę be žinios"), and
a question asks for one of them. A sentence that counts only other outcomes ("How many people were
killed in Donggala?" over the injured and the missing) answers another question, however close its
numbers and places are. `other_outcome` says when that is so, from the words beside the sentence's numbers.
"""

from __future__ import annotations

import re

# word starts (English, Lithuanian, German) that name each outcome; a broad list for the asked outcome
# refuses less: "aukų" (victims) and "bodies" count the dead in disaster news
OUTCOME_WORDS: dict[str, str] = {
    "killed": r"kill|dead|death|died|dies\b|dying|fatal|lost (?:their|his|her) li|victim|bodies"
              r"|žuvo|žuvus|žuvę|žuvusi|žūt|žūč|žūva|mirė|miręs|mirusi|mirusių|mirties|mirtys|mirčių|mirtin|nužud|auk[ųaosą]\b"
              r"|aukomis|kūn[aųu]|getötet|tot\b|tote|starb|ums leben",
    "injured": r"injur|wound|hurt|sužeist|sužeid|sužalot|sužalo|traum|verletz|verwund",
    "missing": r"missing|unaccounted|dingę|dingusi|dingusių|dingo\b|be žinios|vermisst",
    "evacuated": r"evacuat|evakuo|evakuacij|evakuav|evakuier",
    "arrested": r"arrest|detain|suimt|sulaikyt|sulaikė|areštuot|festgenommen|verhaftet",
}
_PATTERNS = {outcome: re.compile(rf"(?<!\w)(?:{words})", re.IGNORECASE) for outcome, words in OUTCOME_WORDS.items()}


def outcomes(text: str) -> dict[str, list[str]]:
    """{outcome: the words naming it in `text`} for every outcome `text` names."""
    found = {}
    for outcome, pattern in _PATTERNS.items():
        words = [re.match(r"\w+", text[m.start():]).group(0) for m in pattern.finditer(text)]
        if words:
            found[outcome] = words
    return found


def other_outcome(question: str, figures: list[str]) -> str:
    """The words for other outcomes ("sužeista, dingę") when the question asks about one or more outcomes
    and the sentence's `figures` (each number with the words around it) name none of them but name another;
    "" when they do not. Only the words beside the numbers count: "aukų kūnai" (the victims' bodies) in the
    same sentence does not make "sužeista 540 žmonių" a death toll."""
    asked = outcomes(question)
    if not asked:
        return ""
    written = outcomes(" | ".join(figures))
    if not written or written.keys() & asked.keys():
        return ""
    return ", ".join(dict.fromkeys(word for words in written.values() for word in words))
