"""Yes or no: whether a sentence affirms or denies what a yes/no question asks.

"Did Pyongyang or Moscow officially confirm the troop movements?" over "Nei Pchenjanas, nei Maskva
oficialiai nepatvirtino Šiaurės Korėjos karių judėjimo …" is a no: the question's own word
("confirm" = "patvirtinti", through the reader's word lists) stands in the sentence negated, by the
Lithuanian 'ne-' prefix or by a negation word just before it ("did not confirm"). The decision is
anchored on the question's words, not on the sentence as a whole: "X confirmed that no troops were
sent" holds a negation but does not deny the confirming. A yes needs the question's words found
and no negation anywhere in the sentence; anything less is no verdict, and the quote answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.reader import terms
from rag.text import facts

NEGATION_BEFORE = 3  # how many words before a question word a negation may stand ("has not yet been confirmed")
LT_NEGATION_PREFIX = "ne"
# words that negate a word standing just after them (plain: lowercase, no accents or apostrophes); not
# Lithuanian "nei" (also "than": "daugiau nei 380 000") nor "be" (mostly "be to", besides)
NEGATIONS = {
    "en": {"not", "never", "no", "neither", "nor", "without", "cannot", "denied", "denies", "deny", "refused"},
    "lt": {"ne", "niekada", "nebuvo", "nera", "nebus", "negali", "negalejo", "neketina", "nenori", "nesiruosia"},
}


# words by which a sentence gives its claim as someone else's ("according to US estimates", "JAV
# vertinimais", "pasak"): a yes or no over it is theirs, and the short answer says so (plain forms)
ATTRIBUTIONS = {
    "en": {"according", "said", "says", "say", "reported", "reports", "reportedly", "estimates", "estimated", "claimed",
           "claims", "alleged", "allegedly", "believed", "believes", "told", "stated", "suggest", "suggests"},
    "lt": {"vertinimais", "vertinimu", "teigimu", "duomenimis", "pasak", "manoma", "esa", "tvirtina", "tvirtino",
           "teigia", "teige", "pranese", "pranesa", "sake", "sako", "skelbia", "skelbe", "pareiske", "nurode",
           "spejama", "itariama", "neva", "pranesimu", "ziniomis", "manymu", "nuomone"},
}


@dataclass(frozen=True)
class Polarity:
    """A verdict: `affirmed` (yes) or not (no), the sentence's word that carries it (offsets), and whether
    the sentence gives it as someone else's claim (`attributed`)."""

    affirmed: bool
    start: int
    end: int
    attributed: bool = False


def attributed(sentence: str, lang: str) -> bool:
    """Whether a sentence gives its claim as someone else's: "according to", "said", "vertinimais", "pasak"."""
    words = ATTRIBUTIONS.get(lang, set())
    return any(facts.plain(w) in words for w in facts.WORD.findall(sentence))


def _lt_prefixed(word: str) -> bool:
    """A Lithuanian word that may be a verb negated by its 'ne-' prefix ('nepatvirtino')."""
    return word[:1].islower() and bool(facts.LT_NEGATED_VERB.match(facts.plain(word)))


def _negation(word: str, negations: set[str]) -> bool:
    """A negation word ("not", "didn't", "niekada")."""
    return facts.plain(word).replace("'", "") in negations or word.casefold().endswith(("n't", "n’t"))


def _hits(keys: frozenset[str], forms: list[tuple[str, frozenset[str]]]) -> set[int]:
    """Which question words (indices into `forms`) a sentence word with these keys is a form of."""
    return {i for i, (key, translations) in enumerate(forms) if terms.key_in(key, keys) or translations & keys}


def polarity(sentence: str, lang: str, forms: list[tuple[str, frozenset[str]]], enough: int) -> Polarity | None:
    """The sentence's answer to a yes/no question whose plain words are `forms` (each word's key in the
    question's language and its translations' keys in `lang`): no when one of them stands negated, yes
    when at least `enough` of them are found and nothing in the sentence is negative, else None."""
    negations = NEGATIONS.get(lang)
    if negations is None or not forms:
        return None
    words = [(m.group(), m.start(), m.end()) for m in facts.WORD.finditer(sentence)]
    found: set[int] = set()
    first_found = None
    for i, (word, start, end) in enumerate(words):
        hits = _hits(terms.text_keys(word, lang), forms)
        prefixed = lang == "lt" and _lt_prefixed(word)
        negated_hits = _hits(terms.text_keys(word[len(LT_NEGATION_PREFIX):], lang), forms) if prefixed else set()
        if not (hits or negated_hits):
            continue
        before = [w for j, (w, _, _) in enumerate(words[:i]) if j >= i - NEGATION_BEFORE and (j == 0 or w[:1].islower())]
        if negated_hits or any(_negation(w, negations) for w in before):  # a capitalised "No" inside is a name
            return Polarity(False, start, end, attributed(sentence, lang))
        found |= hits
        first_found = first_found or (start, end)
    negative = any((j == 0 or w[:1].islower()) and _negation(w, negations) or (lang == "lt" and _lt_prefixed(w))
                   for j, (w, _, _) in enumerate(words))
    if len(found) >= enough and first_found and not negative:
        return Polarity(True, *first_found, attributed(sentence, lang))
    return None
