"""Reports that agree or disagree: what the best sentences of *different* articles say in answer to the
question, compared value by value.

The reader ranks sentences one by one; a news archive holds the same fact several times, in several
articles, on several dates, and the figures change ("at least 120 evacuated" on Monday, "410" on
Friday). From the reader's ranking, each other article's best sentence that gives a value of the kind
the reader's choice gives, about the same names and measuring the same thing, close enough in the
reader's ranking (`find_reports`), is a *report*. Reports are compared by value:

- different values: every value is shown with its source and date, newest first, never one silently;
- a question asking for the latest state ("so far", "dabar") gets the newest value first, dated;
- one value from several independent articles (story groups, not copies): "reported by N articles";
  a person is reported by every article naming them in the role asked about ("Meras Vytautas Laurinaitis").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.answer.short import CURRENCIES, ShortAnswer, short_answer, span_value
from rag.reader.reader import Reading, says_some
from rag.reader.features import Candidate
from rag.reader.question import LITHUANIAN_BE
from rag.text import facts

NUMBER_KINDS = frozenset({"number", "money", "percent", "duration", "age"})
DATE_KINDS = frozenset({"date", "year"})
NAME_KINDS = frozenset({"name", "place"})
# forms of "be", "have", "will" that the word lists do not count as function words: no sign of what happened
AUXILIARIES = LITHUANIAN_BE | frozenset({"bus", "buti", "buve", "esa", "was", "were", "is", "are", "be", "been", "will",
                                         "did", "does", "do", "has", "have", "had"})
_LETTERS = re.compile(r"[^\W\d_]+")  # a word's letters, without digits or underscores
SCALE_WORDS = frozenset({"thousand", "million", "billion", "mln", "mlrd", "tukst", "milijonu", "milijardu", "tukstanciu"})


@dataclass(frozen=True)
class Report:
    """One article's answer to the question: the candidate sentence, its short answer, its story group."""

    candidate: Candidate
    short: ShortAnswer
    story: str

    @property
    def date(self) -> str:
        return self.candidate.evidence.date

    @property
    def source(self) -> str:
        return self.candidate.evidence.source or self.candidate.evidence.title


@dataclass(frozen=True)
class Value:
    """One value the reports give, with the reports that give it (newest first)."""

    reports: tuple[Report, ...]

    @property
    def shown(self) -> Report:
        """The report that stands for the value: its newest."""
        return self.reports[0]

    @property
    def stories(self) -> int:
        """How many independent articles (story groups) give it."""
        return len({r.story for r in self.reports})


def _family(kind: str) -> str:
    for family in (NUMBER_KINDS, DATE_KINDS, NAME_KINDS):
        if kind in family:
            return min(family)
    return kind


def value_key(short: ShortAnswer, lang: str) -> tuple:
    """What two reports must share to give the same value, across languages and spellings:
    a number's value (2 mln. = 2 million), a date's month, day and year (birželio 15 d. = June 15),
    a name's plain words (accents and case aside)."""
    family = _family(short.kind)
    if family == _family("number") and short.value is not None:
        return ("number", round(short.value, 6))
    if family == _family("date"):
        text = short.text
        found = {**facts.calendar_facts(text, "en"), **facts.calendar_facts(text, lang)}  # rendered in English or not
        month = next((v for v in found.values() if v.startswith("month")), "")
        numbers = tuple(sorted(int(n) for n in re.findall(r"(?<!\d)\d{1,4}(?!\d)", text)))
        return ("date", month, numbers)
    return ("text", tuple(facts.plain(w) for w in re.findall(r"[^\W_]+", short.text)))


def comparable(short: ShortAnswer, lang: str) -> bool:
    """Whether a value means the same in any article: not a weekday alone ("Tuesday" of which week?) and not
    a number in words only ("hundreds", "šimtai"), which is an order of magnitude, not a figure."""
    if _family(short.kind) == _family("number"):
        return short.value is not None and bool(re.search(r"\d", short.text))
    key = value_key(short, lang)
    return bool(key[1] or key[2]) if key[0] == "date" else True


def _same_value(a: tuple, b: tuple) -> bool:
    """Equal keys, or names one of which holds the other ("Laurinaitis" within "Vytautas Laurinaitis")."""
    if a == b:
        return True
    if a[0] == b[0] == "text" and a[1] and b[1]:
        shorter, longer = sorted((a[1], b[1]), key=len)
        return set(shorter) <= set(longer)
    return False


def _unit_words(candidate: Candidate, short: ShortAnswer) -> list[str]:
    """The words right after a value (its unit or counted noun: "residents", "eurų"), and a currency sign in it."""
    sentence, lang = candidate.evidence.text, candidate.evidence.lang
    stop = facts.function_words(lang) | facts.function_words("en")
    digits = [m.end() for m in re.finditer(r"\d", sentence[short.start:short.end])]
    after = short.start + digits[-1] if digits else short.end  # the unit may be inside the answer: "35 rescuers"
    words = []
    for match in re.finditer(r"[^\W\d_]+|[^\w\s]", sentence[after:short.end + 30]):  # the noun run after the number
        word = match.group(0)
        if facts.plain(word) in SCALE_WORDS or (not words and word in ".,"):
            continue
        if not word[0].isalpha() or facts.plain(word) in stop or len(words) == 2:
            break
        words.append(word)
    signs = [sign for sign in "$€£¥%" if sign in sentence[short.start:short.end + 2]]
    signs += [sign for word in words + _LETTERS.findall(sentence[short.start:short.end])
              for prefix, sign in CURRENCIES if facts.plain(word).startswith(prefix) and prefix.isalpha()]
    return words + sorted(set(signs))


def same_measure(best: Candidate, best_short: ShortAnswer, other: Candidate, other_short: ShortAnswer,
                 lexicon=None) -> bool:
    """Whether two values can be compared: dates and names always; two numbers when they measure the same
    thing (`linked_measure`) or both stand bare, with no unit or counted word after them."""
    if _family(best_short.kind) != _family("number"):
        return True
    return linked_measure(best, best_short, other, other_short, lexicon) or \
        not (_unit_words(best, best_short) or _unit_words(other, other_short))


def linked_measure(best: Candidate, best_short: ShortAnswer, other: Candidate, other_short: ShortAnswer,
                   lexicon=None) -> bool:
    """Whether two numbers are shown to measure the same thing: the question's counted thing stands beside
    both (the reader linked it, across languages), or a unit or counted word after them is one word (by
    stem, or translated by the word lists: "eurų" = "euros", "gelbėtojų" = "rescuers")."""
    from rag.reader.terms import keys_match, word_key

    if best.focus_spans and other.focus_spans:
        return True
    mine, theirs = _unit_words(best, best_short), _unit_words(other, other_short)
    lang, other_lang = best.evidence.lang, other.evidence.lang
    for a in mine:
        for b in theirs:
            if a == b or keys_match(word_key(a, lang), word_key(b, other_lang)):
                return True
            if lexicon is not None and lang != other_lang and (
                    any(keys_match(t, word_key(b, other_lang)) for t in lexicon.translations(a, lang, other_lang))
                    or any(keys_match(t, word_key(a, lang)) for t in lexicon.translations(b, other_lang, lang))):
                return True
    return False


def echo(best: Candidate, other: Candidate, lexicon=None) -> float:
    """How much of the reader's choice another sentence says too, in either language: the share of its
    content words found in the other sentence (by stem, or translated by the word lists), averaged both
    ways. Figures, scale words and currencies are left out: they are the value, not what it is about.
    "at least 120 residents … evacuation … Šilutė district" and "Šilutės rajone … evakuota 340
    gyventojų" report one thing; "2 million euros in aid" and "žala siekia 5 mln. eurų" do not."""
    from rag.reader.terms import NO_LEXICON, key_in, word_key

    lexicon = lexicon or NO_LEXICON

    def share(a: Candidate, b: Candidate) -> float:
        lang, other_lang = a.evidence.lang, b.evidence.lang
        words, _ = _content(a.evidence.text, lang)
        if not words:
            return 0.0
        _, keys = _content(b.evidence.text, other_lang)
        found = [w for w in words if key_in(word_key(w, lang), keys)
                 or (lang != other_lang and bool(lexicon.translations(w, lang, other_lang) & keys))]
        return len(found) / len(words)

    return (share(best, other) + share(other, best)) / 2


@lru_cache(maxsize=4096)
def _content(text: str, lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A sentence's content words (no function words, scale words or currencies) and the keys of all its
    words: the reader's choice is compared with many sentences, each with several choices."""
    from rag.reader.terms import text_keys

    stop = facts.function_words(lang) | facts.function_words("en")
    words = tuple(w for w in facts.WORD.findall(text) if len(w) > 2 and facts.plain(w) not in stop
                  and facts.plain(w) not in SCALE_WORDS and not any(facts.plain(w).startswith(c) for c, _ in CURRENCIES))
    return words, text_keys(text, lang)


def _content_words(question, lang: str, skip: list[str] = ()) -> list[str]:
    """The question's words that say what happened: not its names, not `skip` (the counted thing), not
    function words of `lang` or English, nor forms of "be", "have", "will"."""
    skip = {w for n in question.names for w in n.split()} | set(skip)
    stop = facts.function_words(lang) | facts.function_words("en") | AUXILIARIES
    return [w for w in question.words if w not in skip and facts.plain(w) not in stop]


def says_what_choice_says(question, best: Candidate, other: Candidate) -> bool:
    """Whether a sentence in the reader's choice's language holds at least half of the question's words that
    the choice holds, apart from names and the counted thing: "evakuota" for "Kiek žmonių buvo evakuota Palu
    mieste?". Two figures of one thing given for different events (people evacuated, people living there)
    differ in those words; a detail of place ("in the Šilutė district") may be left out."""
    from rag.reader.terms import key_in, text_keys, word_key

    lang = best.evidence.lang
    words = _content_words(question, lang, question.focus.split())
    mine, theirs = text_keys(best.evidence.text, lang), text_keys(other.evidence.text, lang)
    keys = [word_key(w, question.lang) for w in words]
    shared = [key_in(k, theirs) for k in keys if key_in(k, mine)]
    return 2 * sum(shared) >= len(shared)


def says_what_question_asks(question, best: Candidate, other: Candidate, lexicon=None) -> bool:
    """Whether a sentence in another language holds, directly or translated, all but one (and at least two)
    of the question's content words that the reader's choice holds, each by a word of its own
    ("potvynio … žala" → "Floodwater … damage" for "Kokia potvynio padaryta žala?"; "estimate" and
    "damage" do not both count by "kainuos"). Names and function words aside."""
    from rag.reader.terms import NO_LEXICON, keys_match, text_keys, word_key

    lexicon = lexicon or NO_LEXICON
    words = _content_words(question, question.lang)

    def matches(word: str, candidate: Candidate) -> set[str]:
        """The sentence's word keys that are `word` or one of its translations."""
        forms = {word_key(word, question.lang)} | lexicon.translations(word, question.lang, candidate.evidence.lang)
        return {k for k in text_keys(candidate.evidence.text, candidate.evidence.lang)
                if any(keys_match(form, k) for form in forms)}

    shared = [w for w in words if matches(w, best)]
    used: set[str] = set()
    found = 0
    for word in shared:
        keys = matches(word, other) - used
        if keys:
            used |= keys
            found += 1
    return found >= max(2, len(shared) - 1)  # one may be a light verb the lists miss ("padaryta")


def _report_value(question, candidate: Candidate, question_lang: str, best_short: ShortAnswer,
                  best: Candidate) -> ShortAnswer | None:
    """The value a candidate gives: its short answer, or else the one of its answer spans that gives the
    reader's choice's value (a sentence naming two people names the same mayor)."""
    short = short_answer(question, candidate, question_lang)
    wanted = value_key(best_short, best.evidence.lang)
    if short is not None and _same_value(wanted, value_key(short, candidate.evidence.lang)):
        return short
    for span in candidate.answer_spans:
        value = span_value(span, candidate.evidence.lang)
        as_short = ShortAnswer(span.text, span.start, span.end, span.kind, value)
        if _family(span.kind) == _family(best_short.kind) and _same_value(wanted, value_key(as_short, candidate.evidence.lang)):
            return as_short
    return short


def _ambiguous(candidate: Candidate) -> bool:
    """Several figures of one thing in a sentence ("an earlier version said 300 jobs; the company will cut
    250 jobs"): the sentence gives no single value. "35 rescuers and six boats" count two things."""
    from rag.reader.terms import word_key

    values: dict[str, set[str]] = {}
    sentence, lang = candidate.evidence.text, candidate.evidence.lang
    for span in candidate.focus_spans:
        noun = _LETTERS.findall(sentence[span.end:span.end + 30])[:1]
        values.setdefault(word_key(noun[0], lang) if noun else "", set()).add(span.text)
    return any(len(texts) > 1 for texts in values.values())


def find_reports(reading: Reading, question_lang: str, stories: dict[str, str], settings, lexicon=None) -> list[Report]:
    """The reports among the reader's first `settings.report_candidates` candidates, in the reader's order:
    each article reports through its best-ranked sentence, or not at all. A candidate reports when it gives a value of the kind the reader's choice gives, about
    the same names, measuring the same thing, within `report_focus_margin` of the reader's choice; a
    *different* value only within `report_margin`, unless the question's counted thing stands beside both,
    and never a different name. Empty when the reader's choice has no short answer (nothing to compare)."""
    if not reading.decision or not reading.ranked:
        return []
    question = reading.question
    pool = list(zip(reading.ranked[:settings.report_candidates], reading.scores))
    if _ambiguous(pool[0][0]):  # a correction quoting the old figure: the next clear sentence anchors the values
        pool = [(c, s) for c, s in pool[1:] if c.focus_spans and not _ambiguous(c)]
        if not pool:
            return []
    best = pool[0][0]
    best_short = short_answer(question, best, question_lang)
    if best_short is None:
        return []
    family = _family(best_short.kind)
    if not comparable(best_short, best.evidence.lang):
        return []
    found: list[Report] = []
    seen: set[str] = set()
    for candidate, score in pool:
        evidence = candidate.evidence
        if evidence.article_id in seen:
            continue
        seen.add(evidence.article_id)  # an article reports through its best sentence, or not at all
        gap = reading.scores[0] - score
        if candidate is not best:
            if gap > settings.report_focus_margin:
                continue
            if question.names and candidate.features.get("names_min_in_chunk", 0.0) < 0.5:
                continue  # about someone or something else
            if _ambiguous(candidate):
                continue
            if (question.names or question.words) and not says_some(candidate):
                continue  # holds nothing of the question: "Mai im … Gefecht" is no report of a treaty's month
        short = best_short if candidate is best else _report_value(question, candidate, question_lang, best_short, best)
        if short is None or _family(short.kind) != family:
            continue
        if candidate is not best:
            if not same_measure(best, best_short, candidate, short, lexicon):
                continue
            agrees = _same_value(value_key(best_short, best.evidence.lang), value_key(short, evidence.lang))
            if not agrees and family == _family("name"):
                continue  # another name in another article is most often another role, not a disagreement
            if not agrees and not comparable(short, evidence.lang):
                continue
            if not agrees and gap > settings.report_margin and not (
                    family == _family("number") and linked_measure(best, best_short, candidate, short, lexicon)):
                continue  # a different value needs the reader's near-equal confidence, or a measure shown to be one
            if not agrees and evidence.lang == best.evidence.lang and not says_what_choice_says(question, best, candidate):
                continue  # "380 000 žmonių" live in Palu; "16 700 žmonių" were evacuated: the question asks the latter
        found.append(Report(candidate, short, stories.get(evidence.article_id, evidence.article_id)))
    found += _echoing_reports(reading, question_lang, best, best_short, found, stories, settings, lexicon)
    return found + _role_reports(reading, question_lang, best, best_short, found, stories, lexicon)


def _echoing_reports(reading: Reading, question_lang: str, best: Candidate, best_short: ShortAnswer,
                     found: list[Report], stories: dict[str, str], settings, lexicon=None) -> list[Report]:
    """Reports the reader's ranking misses: across languages a question scores low against the sentence of
    another article that reports the same thing ("bus atvertas birželio 15 d." for "When will the Aleksotas
    bridge reopen?"). Each article in another language than the reader's choice, without a report yet,
    reports through its sentence that echoes the reader's choice most (`echo` ≥ `settings.report_echo`, or
    that holds the question's words as the choice does: `says_what_question_asks`), when that sentence
    gives a comparable number or date of the same kind, measuring the same thing, and is no sentence
    quoting two figures of it."""
    family = _family(best_short.kind)
    if family not in (_family("number"), _family("date")):
        return []  # a name's words echo loosely: "Vytautas" of a bridge is not the mayor Vytautas Laurinaitis
    reporting = {r.candidate.evidence.article_id for r in found} | {best.evidence.article_id}
    chosen: dict[str, tuple[float, Candidate, ShortAnswer]] = {}
    for candidate in reading.ranked:
        article = candidate.evidence.article_id
        if article in reporting or candidate.evidence.lang == best.evidence.lang:
            continue  # in one language the reader's ranking finds the report; shared words are no sign of one event
        if not candidate.answer_spans or _ambiguous(candidate):
            continue
        short = _report_value(reading.question, candidate, question_lang, best_short, best)
        if short is None or _family(short.kind) != family or not comparable(short, candidate.evidence.lang):
            continue
        if not same_measure(best, best_short, candidate, short, lexicon):
            continue
        score = echo(best, candidate, lexicon)
        if score < settings.report_echo and says_what_question_asks(reading.question, best, candidate, lexicon):
            score = settings.report_echo  # "žala" and "damage" say what "Kokia potvynio padaryta žala?" asks
        if score >= settings.report_echo and score > chosen.get(article, (0.0,))[0]:
            chosen[article] = (score, candidate, short)
    ordered = sorted(chosen.values(), key=lambda item: -item[0])
    return [Report(c, short, stories.get(c.evidence.article_id, c.evidence.article_id)) for _, c, short in ordered]


def _role_reports(reading: Reading, question_lang: str, best: Candidate, best_short: ShortAnswer,
                  found: list[Report], stories: dict[str, str], lexicon=None) -> list[Report]:
    """Reports of the same person in the role the question asks about, however low the reader ranks them:
    for "Who is the mayor of the Šilutė district?" answered "Vytautas Laurinaitis", every other article
    writing "Meras Vytautas Laurinaitis teigė…" or "Mayor Vytautas Laurinaitis thanked…" says so too (the
    role word right before the name; `attributes.asked_attribute` reads the role from the question)."""
    from rag.reader.attributes import asked_attribute
    from rag.reader.terms import NO_LEXICON, keys_match, word_key

    role = asked_attribute(reading.question.text).split()[-1:] if question_lang == "en" else []
    if not role or _family(best_short.kind) != _family("name"):
        return []
    lexicon = lexicon or NO_LEXICON
    name = [word_key(w, best.evidence.lang) for w in _LETTERS.findall(best_short.text)]
    reporting = {r.candidate.evidence.article_id for r in found} | {best.evidence.article_id}
    chosen: dict[str, Report] = {}
    roles: dict[str, set[str]] = {}  # language -> keys of the role word in it ("mayor" -> "mer")
    for candidate in reading.ranked:
        evidence = candidate.evidence
        if evidence.article_id in reporting or evidence.article_id in chosen:
            continue
        if evidence.lang not in roles:
            roles[evidence.lang] = {word_key(role[0], question_lang)} | lexicon.translations(role[0], question_lang,
                                                                                            evidence.lang)
        for span in candidate.answer_spans:
            words = list(_LETTERS.finditer(evidence.text[:span.end]))
            written = [word_key(w.group(0), evidence.lang) for w in words]
            span_words = len(_LETTERS.findall(span.text))
            if len(written) <= len(name) or not all(keys_match(a, b) for a, b in zip(written[-len(name):], name)):
                continue  # another name, or this name with no word before it
            before = written[-len(name) - 1]  # the role word, inside the span ("Meras Vytautas…") or before it
            if span_words >= len(name) and any(keys_match(before, r) for r in roles[evidence.lang]):
                start = words[-len(name)].start()  # the name without its role word
                short = ShortAnswer(evidence.text[start:span.end], start, span.end, best_short.kind, best_short.value)
                story = stories.get(evidence.article_id, evidence.article_id)
                chosen[evidence.article_id] = Report(candidate, short, story)
                break
    return list(chosen.values())


def group_values(reports: list[Report], question_lang: str) -> list[Value]:
    """The distinct values the reports give, newest first (by the newest report of each; undated
    reports after dated ones, in the reader's order)."""
    groups: list[tuple[tuple, list[Report]]] = []
    for report in reports:
        key = value_key(report.short, report.candidate.evidence.lang)
        for known, members in groups:
            if _same_value(known, key):
                members.append(report)
                break
        else:
            groups.append((key, [report]))
    values = [Value(tuple(_newest_first(members))) for _, members in groups]
    return _newest_first_values(values)


def _newest_first(reports: list[Report]) -> list[Report]:
    dated = sorted((r for r in reports if r.date), key=lambda r: r.date, reverse=True)
    return dated + [r for r in reports if not r.date]


def _newest_first_values(values: list[Value]) -> list[Value]:
    dated = sorted((v for v in values if v.shown.date), key=lambda v: v.shown.date, reverse=True)
    return dated + [v for v in values if not v.shown.date]
