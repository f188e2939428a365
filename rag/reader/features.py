"""The reader's signals: for every candidate sentence, numbers that say how well it answers the question.

Dense similarity says what a sentence is *about*; these add whether it *answers*: a span of the
type asked for that the question does not already hold, the question's names and words found in
the sentence, its chunk or its article's title, the counted thing next to the number, where the
sentence stands, and how it compares with the other candidates. A model trained on development
data (`rag/reader/train.py`) weighs them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.reader import spans as typed
from rag.reader import terms
from rag.reader.polarity import Polarity, polarity
from rag.reader.question import AnswerType, Question
from rag.retrieval.retriever import Evidence
from rag.text.facts import HAN, is_dateline

TYPE_ORDER = tuple(AnswerType)
# (question focus, span contexts) -> similarity of each context to the focus (the e5 encoder, or None)
PhraseSimilarity = Callable[[str, list[str]], list[float]]


@dataclass
class Candidate:
    """A candidate sentence with what the reader found in it."""

    evidence: Evidence
    spans: tuple[typed.Span, ...]
    answer_spans: list[typed.Span]  # spans of the asked type that the question does not already hold
    features: dict[str, float]
    names_coverage: tuple[float, ...] = ()  # each of the question's names: share of its words the chunk or title holds
    focus_spans: tuple[typed.Span, ...] = ()  # answer spans with the question's counted thing beside them
    person_spans: tuple[typed.Span, ...] = ()  # answer spans that read as a person's name
    kind_spans: tuple[typed.Span, ...] = ()  # for a which-question: its spans with the asked kind's word beside them
    beside_words: tuple[typed.Span, ...] = ()  # for a date or place question: its spans with a question word (or translation) beside them
    focus_similarity: tuple[float, ...] = ()  # each answer span's context against the counted thing (e5)
    polarity: Polarity | None = None  # for a yes/no question: whether the sentence says yes or no, if it tells

    @property
    def names_found(self) -> tuple[bool, ...]:
        """Each of the question's names, found in the sentence's chunk or title (half its words or more)."""
        return tuple(v >= 0.5 for v in self.names_coverage)


def _sentence_index(sentence_id: str) -> int:
    match = re.search(r"#s(\d+)$", sentence_id)
    return int(match.group(1)) if match else 0


def _in_question(span: typed.Span, question: Question, question_keys: frozenset[str], name_keys: frozenset[str],
                 lang: str) -> bool:
    """Whether the question already holds this span (its number, or its name): then it is not the answer.
    A name is the question's when one of its capitalised words is one of the question's names ("Šiaurės
    Makedonijos Respublika" is the question's "Macedonia"), or when all its words are the question's
    words; "Tiltų statyba" (a company) is no part of "Kuri bendrovė remontuoja Aleksoto tiltą?".
    `question_keys`: the keys of all the question's words; `name_keys`: of its names (`_name_keys`)."""
    if span.values and any(span.values & values for values in question.numbers):
        return True
    if span.kind in ("name", "place"):
        words = re.findall(r"[^\W\d_]+", span.text)
        capitalised = [terms.word_key(w, lang) for w in words if w[:1].isupper()]
        if not capitalised:
            return False
        return any(terms.key_in(k, name_keys) for k in capitalised) \
            or all(terms.key_in(terms.word_key(w, lang), question_keys) for w in words)
    return False


def _opens_a_name(span: typed.Span, text: str, name_keys: frozenset[str], lang: str) -> bool:
    """A place or name that opens a longer name: a quoted one ("Los Andželo „Lakers“", "Denverio „Nuggets“":
    teams, not where anything happens), or, for a place, one the question holds; it is no answer."""
    if span.kind not in ("place", "name"):
        return False
    following = re.match(r"\s*([„\"“«]?)([^\W\d_]+)", text[span.end:])
    if not following or not following.group(2)[:1].isupper():
        return False
    quoted, asked = bool(following.group(1)), terms.key_in(terms.word_key(following.group(2), lang), name_keys)
    return quoted or asked if span.kind == "place" else quoted and asked


BESIDE_WORDS = 2  # how many words either side of an answer span count as beside it


def _beside_question_words(text: str, span: typed.Span, lang: str, forms: list[tuple[str, frozenset[str]]]) -> bool:
    """Whether a word of the question, or one of its translations, stands within `BESIDE_WORDS` words of the
    span ("penktadienį atvyko" for "When did the delegation arrive?")."""
    window = f"{typed.words_before(text, span.start, BESIDE_WORDS)} {typed.words_after(text, span.end, BESIDE_WORDS)}"
    keys = terms.text_keys(window, lang)
    return any(terms.key_in(key, keys) or bool(translations & keys) for key, translations in forms)


def _word_found(key: str, translations: frozenset[str], keys: frozenset[str], in_compounds: bool) -> bool:
    """Whether a question word is in a text with these keys: itself in any form, a translation, or, in a
    text of another script (`in_compounds`), transliterated inside a compound ("radio" in "радиопередачу")."""
    return terms.key_in(key, keys) or bool(translations & keys) or (in_compounds and terms.key_inside(key, keys))


def _name_keys(question: Question) -> frozenset[str]:
    """The keys of the question's names and of its other capitalised words (a name the parser missed)."""
    named = question.names + tuple(w for w in question.words if w[:1].isupper())
    return terms.text_keys(" ".join(named), question.lang)


def _translated_forms(name: str, lang: str, langs: tuple[str, ...], lexicon: terms.Lexicon) -> tuple[tuple[str, ...], ...]:
    """A name made of common words, word by word in the word lists: "Red Cross" -> "Raudonojo Kryžiaus";
    a one-word name, by the proper names the lists give for it: "Cologne" -> "Kelnas"; a name the lists
    give as one Chinese word: "Super Bowl" -> 超级碗, "National Anthem" -> 国歌."""
    words = name.split()
    forms = []
    for other in langs:
        translated = sorted(lexicon.name_translations(name, lang, other))
        # one word stands for the name: any name of one word, or one in Chinese characters ("Super Bowl" -> 超级碗)
        forms.extend((key,) for key in translated if len(words) == 1 or HAN.fullmatch(key))
        if len(words) == 1:
            continue
        # a common noun written as a name: "National Anthem" -> 国歌 (the lists give it in lower case)
        forms.extend((key,) for key in sorted(lexicon.translations(name, lang, other)) if HAN.fullmatch(key))
        options = [lexicon.translations(w, lang, other) | {terms.word_key(w, lang)} for w in words]
        if all(options) and any(len(o) > 1 for o in options):
            forms.append(tuple(sorted(o, key=len)[0] if len(o) == 1 else "|".join(sorted(o)) for o in options))
    return tuple(forms)


def _with_phrases(words: list[str], text: str, lang: str, other: str, lexicon: terms.Lexicon) -> list[frozenset[str]]:
    """Each word's translations into `other`, plus those of the two-word phrase it forms with the next word
    of the question, where the word lists give one ("took part" -> "dalyvauti"): both words then match it."""
    translated = [set(lexicon.translations(w, lang, other)) for w in words]
    for i in range(len(words) - 1):
        first, second = words[i], words[i + 1]
        if re.search(rf"(?<!\w){re.escape(first)}\s+{re.escape(second)}(?!\w)", text):
            phrase = lexicon.phrase_translations(first, second, lang, other)
            translated[i] |= phrase
            translated[i + 1] |= phrase
    return [frozenset(t) for t in translated]


def predicate_similarities(pool: list[Evidence], predicate_vector: np.ndarray | None) -> dict[str, float]:
    """sentence id -> similarity of its stored vector to the question-without-names vector."""
    if predicate_vector is None:
        return {}
    return {e.sentence_id: float(e.vector @ predicate_vector) for e in pool if e.vector is not None}


def is_heading(evidence: Evidence) -> bool:
    """A headline, title, Markdown heading or dateline: context for the sentences under it, never an answer."""
    text = evidence.text.strip()
    if getattr(evidence, "heading", False) or text.startswith("#") or is_dateline(text, evidence.lang):
        return True
    return _sentence_index(evidence.sentence_id) == 0 and bool(evidence.title) and text == evidence.title.strip()


def candidate_features(question: Question, pool: list[Evidence], background: Callable[[str], float],
                       phrase_similarity: PhraseSimilarity | None = None,
                       predicate_scores: dict[str, float] | None = None,
                       lexicon: terms.Lexicon = terms.NO_LEXICON) -> list[Candidate]:
    """The reader's features of every candidate in `pool` (evidence of one question, any order).

    `background(lang)` is the similarity an unrelated sentence in that language typically gets from
    a question in the question's language: dense scores are compared after subtracting it, so
    languages the encoder favours do not win by that alone. `predicate_scores` (sentence id ->
    similarity) compare each sentence with the question without its names (`Question.predicate`):
    what is asked, apart from whom about (`predicate_similarities`)."""
    if not pool:
        return []
    lang_of_question = question.lang
    question_keys = terms.text_keys(question.text, lang_of_question)
    name_keys = _name_keys(question)
    name_words = {w for n in question.names for w in n.split()}
    plain_words = [w for w in question.words if w not in name_words]
    plain_keys = [terms.word_key(w, lang_of_question) for w in plain_words]
    langs_in_pool = {e.lang for e in pool}
    translated = {lang: _with_phrases(plain_words, question.text, lang_of_question, lang, lexicon) for lang in langs_in_pool}
    langs = tuple(sorted({e.lang for e in pool} - {lang_of_question}))
    name_forms = [terms.name_forms(n, lang_of_question, langs) + _translated_forms(n, lang_of_question, langs, lexicon)
                  for n in question.names]
    written_in_han = [any(HAN.search(key) for form in forms for key in form) for forms in name_forms]
    asked_kind = question.asked_kind  # "Which protein…": a name beside "baltymus"
    kind_forms = {lang: [(terms.word_key(asked_kind, lang_of_question),
                          lexicon.translations(asked_kind, lang_of_question, lang))]
                  for lang in langs_in_pool} if asked_kind else {}
    focus_words = question.focus.split()
    # a measured thing may stand before its number ("the temperature could reach 30"); a counted one follows it
    measured = len(focus_words) == 1 and bool(terms.unit_keys(focus_words[0], lang_of_question))
    focus_forms = {lang: [{terms.word_key(w, lang_of_question)} | lexicon.translations(w, lang_of_question, lang)
                          | terms.unit_keys(w, lang) for w in focus_words] for lang in langs_in_pool}

    dense = {e.sentence_id: (e.sentence_score - background(e.lang), e.chunk_score - background(e.lang)) for e in pool}
    combined = {sid: 0.7 * s + 0.3 * c for sid, (s, c) in dense.items()}
    ranked = sorted(combined, key=lambda sid: -combined[sid])
    rank_of = {sid: r for r, sid in enumerate(ranked)}
    best = combined[ranked[0]]
    best_of_article: dict[str, float] = {}
    for e in pool:
        best_of_article[e.article_id] = max(best_of_article.get(e.article_id, -9.0), combined[e.sentence_id])
    article_rank = {a: r for r, a in enumerate(sorted(best_of_article, key=lambda a: -best_of_article[a]))}
    predicate = {e.sentence_id: (predicate_scores[e.sentence_id] - background(e.lang)
                                 if predicate_scores and e.sentence_id in predicate_scores else 0.0) for e in pool}
    best_predicate = max(predicate.values())
    predicate_rank = {sid: r for r, sid in enumerate(sorted(predicate, key=lambda sid: -predicate[sid]))}

    unit = question.ordinal_unit
    unit_forms = {lang: {terms.word_key(unit, lang_of_question)} | lexicon.translations(unit, lang_of_question, lang)
                  | terms.unit_keys(unit, lang_of_question) | terms.unit_keys(unit, lang)
                  for lang in langs_in_pool} if unit else {}

    def with_unit(span: typed.Span, e: Evidence) -> bool:  # "65-ąją minutę" for "in which minute"
        counted = terms.text_keys(typed.counted_words(e.text, span), e.lang)
        return any(terms.key_in(k, counted) for k in unit_forms[e.lang])

    candidates = []
    for e in pool:
        spans = typed.typed_spans(e.text, e.lang)
        fitting = [s for s in typed.fits(spans, question.answer_type, year=question.asks_year,
                                         month=question.asks_month, lang=e.lang,
                                         count=question.counts_things, score=question.asks_score)
                   if not _in_question(s, question, question_keys, name_keys, e.lang)
                   and not _opens_a_name(s, e.text, name_keys, e.lang)]
        loose = [s for s in typed.fits(spans, question.answer_type, loose=True, year=question.asks_year,
                                       month=question.asks_month, lang=e.lang, score=question.asks_score)
                 if not _in_question(s, question, question_keys, name_keys, e.lang)
                 and not _opens_a_name(s, e.text, name_keys, e.lang)]
        if question.asks_since:  # "Since what year…": a date given as a starting point
            fitting = [s for s in fitting if typed.starts_from(e.text, s, e.lang)]
            loose = [s for s in loose if typed.starts_from(e.text, s, e.lang)]
        if unit:
            fitting = [s for s in fitting if with_unit(s, e)]
            loose = [s for s in loose if with_unit(s, e)]
        candidates.append(Candidate(e, spans, fitting or loose, {"_loose": float(bool(loose) and not fitting)}))

    focus_scores: dict[str, float] = {}
    if phrase_similarity is not None and question.focus and question.numeric:
        contexts = sorted({s.context for c in candidates for s in c.answer_spans if s.context})
        if contexts:
            focus_scores = dict(zip(contexts, phrase_similarity(question.focus, contexts)))
    best_focus = max(focus_scores.values(), default=0.0)

    pool_numbers = [values for c in candidates for s in c.spans if s.values for values in [s.values]]
    question_in_cyrillic = terms.transliterated(question.text)  # else its words meet a Cyrillic text as transliterations
    for c in candidates:
        e = c.evidence
        sentence_keys = terms.text_keys(e.text, e.lang)
        chunk_keys = terms.text_keys(e.chunk_text, e.lang)
        title_keys = terms.text_keys(e.title, e.lang)
        s_dense, c_dense = dense[e.sentence_id]
        names_in_sentence = [terms.name_coverage(f, sentence_keys) for f in name_forms]
        names_in_chunk = [terms.name_coverage(f, chunk_keys | title_keys) for f in name_forms]
        known = _knowable_names(names_in_chunk, written_in_han, e.text)
        known_in_sentence = [v for v, k in zip(names_in_sentence, known) if k]
        known_in_chunk = [v for v, k in zip(names_in_chunk, known) if k]
        context_keys = chunk_keys | title_keys
        in_compounds = not question_in_cyrillic and terms.transliterated(e.text)
        words_in_sentence = [_word_found(k, t, sentence_keys, in_compounds) for k, t in zip(plain_keys, translated[e.lang])]
        words_in_chunk = [_word_found(k, t, context_keys, in_compounds) for k, t in zip(plain_keys, translated[e.lang])]
        numbers_in_sentence = [any(values & s.values for s in c.spans if s.values) for values in question.numbers]
        focus_near = [s for s in c.answer_spans if s.context and any(
            any(terms.key_in(k, terms.text_keys(s.context if measured else typed.counted_words(e.text, s), e.lang))
                for k in forms) for forms in focus_forms[e.lang])]
        people = [s for s in c.answer_spans if s.kind == "name" and terms.looks_like_person(s.text, e.text, e.lang)]
        c.person_spans = tuple(people)
        strict = [s for s in c.answer_spans if not c.features["_loose"]]
        focus = max((focus_scores.get(s.context, 0.0) for s in c.answer_spans), default=0.0)
        c.focus_spans = tuple(focus_near)
        if question.answer_type in (AnswerType.DATE, AnswerType.PLACE):  # "when" and "where" pick a span by the words beside it
            c.beside_words = tuple(span for span in c.answer_spans if _beside_question_words(
                e.text, span, e.lang, list(zip(plain_keys, translated[e.lang]))))
        if asked_kind:
            c.kind_spans = tuple(span for span in c.answer_spans
                                 if _beside_question_words(e.text, span, e.lang, kind_forms[e.lang]))
        c.focus_similarity = tuple(focus_scores.get(s.context, 0.0) for s in c.answer_spans)
        index = _sentence_index(e.sentence_id)
        position_in_chunk = e.chunk_sentence_ids.index(e.sentence_id) if e.sentence_id in e.chunk_sentence_ids else 0
        words = len(re.findall(r"\w+", e.text))
        f = {
            "dense_sentence": s_dense,
            "dense_chunk": c_dense,
            "dense": combined[e.sentence_id],
            "dense_gap_to_best": best - combined[e.sentence_id],
            "dense_rank": math.log1p(rank_of[e.sentence_id]),
            "gap_to_article_best": best_of_article[e.article_id] - combined[e.sentence_id],
            "predicate": predicate[e.sentence_id],
            "predicate_gap_to_best": best_predicate - predicate[e.sentence_id],
            "predicate_rank": math.log1p(predicate_rank[e.sentence_id]),
            "article_rank": math.log1p(article_rank[e.article_id]),
            "same_language": float(e.lang == lang_of_question),
            "names": float(len(known_in_chunk)),
            "names_in_sentence": float(np.mean(known_in_sentence)) if known_in_sentence else -1.0,
            "names_min_in_sentence": float(min(known_in_sentence)) if known_in_sentence else -1.0,
            "names_in_chunk": float(np.mean(known_in_chunk)) if known_in_chunk else -1.0,
            "names_min_in_chunk": float(min(known_in_chunk)) if known_in_chunk else -1.0,
            "words_in_sentence": float(np.mean(words_in_sentence)) if plain_keys else -1.0,
            "words_in_chunk": float(np.mean(words_in_chunk)) if plain_keys else -1.0,
            "words_count_in_sentence": float(sum(words_in_sentence)),
            "numbers_in_sentence": float(np.mean(numbers_in_sentence)) if question.numbers else -1.0,
            "answer_spans": float(len(strict)),
            "answer_spans_loose": float(len(c.answer_spans)),
            "any_number": float(any(s.values for s in c.spans)),
            "focus_next_to_number": float(bool(focus_near)),
            "person_names": float(len(people)),
            "focus_similarity": focus,
            "focus_gap_to_best": best_focus - focus if focus_scores else -1.0,
            "heading": float(is_heading(e)),
            "sentence_index": math.log1p(index),
            "position_in_chunk": float(position_in_chunk),
            "words": math.log1p(words),
            "pool_numbers": math.log1p(len(pool_numbers)),
        }
        for kind in TYPE_ORDER:
            f[f"type_{kind.name.lower()}"] = float(question.answer_type is kind)
        f["_names_found"] = [v >= 0.5 for v in names_in_sentence]
        c.features = f
        if question.answer_type is AnswerType.YES_NO:
            forms = list(zip(plain_keys, translated[e.lang]))
            c.polarity = polarity(e.text, e.lang, forms, enough=math.ceil(len(forms) / 2))
        c.names_coverage = tuple(names_in_chunk)
    _compare_with_pool(candidates)
    return candidates


def _knowable_names(found_in_chunk: list[float], written_in_han: list[bool], sentence: str) -> list[bool]:
    """Which of the question's names a candidate's chunk can show present or absent. Chinese writes a
    foreign name by sound or by meaning (Kuechly -> 库克利, Panthers -> 黑豹): when the word lists give a name
    no Chinese form and the chunk of a Chinese sentence does not hold it in letters either, its absence
    proves nothing."""
    if not HAN.search(sentence):
        return [True] * len(found_in_chunk)
    return [found > 0 or han for found, han in zip(found_in_chunk, written_in_han)]


def _compare_with_pool(candidates: list[Candidate]) -> None:
    """Features relative to the other candidates: is this the best holder of an answer span, the best
    match of the question's names and words, and does it hold the names few other candidates hold."""
    holders = [c for c in candidates if c.features["answer_spans"] > 0]
    best_holder = max((c.features["dense"] for c in holders), default=None)
    found = np.array([c.features.pop("_names_found") for c in candidates], dtype=float)
    rarity = 1.0 - found.mean(axis=0) if found.size else np.zeros(0)
    best = {key: max(c.features[key] for c in candidates)
            for key in ("names_in_sentence", "words_in_sentence", "focus_similarity")}
    for c, row in zip(candidates, found):
        f = c.features
        f["best_answer_holder"] = float(best_holder is not None and f["answer_spans"] > 0 and f["dense"] >= best_holder)
        f["gap_to_best_holder"] = (best_holder - f["dense"]) if best_holder is not None and f["answer_spans"] > 0 else -1.0
        f["holders"] = math.log1p(len(holders))
        for key, value in best.items():
            f[f"{key}_vs_best"] = f[key] - value
        f["rare_names_in_sentence"] = float(row @ rarity / rarity.sum()) if rarity.size and rarity.sum() > 0 else -1.0


def feature_names() -> list[str]:
    """The features in the order the model reads them."""
    from rag.reader.question import analyse

    sample = Evidence("a#s0", "a", "", "", "", "en", "x", 0, 1, "a#c0", "x", ("a#s0",), 0.0, 0.0, 0.0)
    return list(candidate_features(analyse("x"), [sample], lambda lang: 0.0)[0].features)
