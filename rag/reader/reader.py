"""The reader: from the retrieved candidates, the sentence that answers the question -- or the decision
that none does.

1. `question.analyse` says what is asked (answer type, counted thing, names, words);
2. `features.candidate_features` measures every candidate against it;
3. a ranking model orders the candidates ("does this sentence answer this question"); a question asking
   for a value reads first the best sentence that holds one (`promote_value_holder`), a count the best
   sentence whose number counts the asked thing when the first counts another (`promote_counted_holder`),
   a who-question the best sentence naming a person, and one asking who did something a sentence naming
   its doer rather than someone saying something (`promote_person_holder`, `promote_doer`);
4. a best sentence that answers another question is refused whatever its score: it speaks of another
   quarter (`ordinals`), counts another outcome (`outcomes`), lacks an acronym the question names
   (`acronyms`), gives as expected what the question asks happened (`modality`), gives a difference for
   a level (`differences`), its passage never names the role or place asked for ("the capital of",
   `attributes`), or it reports no saying when the question asks what someone said (`speech`);
5. an answerability model reads the best candidate's features and how far it leads the rest, and
   gives the probability that it answers; below `settings.answerable_above` the answer is a refusal. In a
   pool of several languages, a best sentence whose passage names all the question names is read among
   its own language's candidates only (`_own_language_features`);
6. a who-question's best sentence that says it of "he" or "she" is cited after the sentence before
   it that names the person (`promote_antecedent`, `antecedents`).

Both models are gradient-boosted trees trained by `rag/reader/train.py` on development data only and
stored, with each language's background similarity, in `rag/reader/model.json`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.models.lexicons import DICTIONARIES
from rag.reader import spans as typed
from rag.reader import terms
from rag.reader.acronyms import absent_acronyms, holds_acronyms, latin_script, question_acronyms
from rag.reader.antecedents import continues, names_a_person
from rag.reader.attributes import missing_attribute
from rag.reader.differences import gives_difference
from rag.reader.features import Candidate, candidate_features, predicate_similarities
from rag.reader.modality import expected_only
from rag.reader.ordinals import other_ordinal
from rag.reader.outcomes import other_outcome
from rag.reader.question import NUMERIC_TYPES, AnswerType, Question, analyse
from rag.reader.speech import SPEECH, asked_act, reports_no_speech, reports_saying
from rag.reader.trees import TreeEnsemble
from rag.retrieval.retriever import Evidence
from rag.text import facts
from rag.text.injection import looks_like_instruction

MODEL_FILE = Path(__file__).resolve().parent / "model.json"


@dataclass(frozen=True)
class Reading:
    """What the reader made of the candidates."""

    question: Question
    ranked: list[Candidate]  # best first; headings and planted instructions left out
    scores: list[float]  # the ranking model's score of each, in the same order
    answerable: float  # probability that the ranker's best answers (ranked[0], or after it the "he" sentence it names)
    decision: bool  # answer (True) or refuse
    reason: str = ""  # why it refuses, in plain words
    features: dict[str, float] = field(default_factory=dict)  # the answerability model's inputs (of that sentence)


class ReaderModel:
    """The trained models and calibration in `model.json`."""

    def __init__(self, data: dict):
        self.data = data
        self.features: list[str] = data["features"]
        self.answer_features: list[str] = data["answer_features"]
        self.ranker = TreeEnsemble(data["ranker"])
        self.answerability = TreeEnsemble(data["answerability"])
        self._background: dict[str, dict[str, float]] = data["background"]
        self.threshold: float = data["threshold"]

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "ReaderModel":
        """The model file shipped with the project (written by `rag train-reader`)."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def background(self, question_lang: str, lang: str) -> float:
        """Typical similarity of an unrelated `lang` sentence to a question in `question_lang`."""
        table = self._background.get(question_lang) or self._background["*"]
        if lang in table:
            return table[lang]
        return table["=" if lang == question_lang else "*"]


def answerability_features(ranked: list[dict[str, float]], scores: list[float], question: Question) -> dict[str, float]:
    """What the answerability model reads: the best candidate's features (`ranked`: candidates' features,
    best first), its lead over the next, and how much of the question the whole pool covers."""
    best = ranked[0]
    second = scores[1] if len(scores) > 1 else scores[0] - 5.0
    features = {f"best_{k}": v for k, v in best.items() if not k.startswith("type_")}
    features.update({
        "rank_score": scores[0],
        "rank_lead": scores[0] - second,
        "pool_names_in_chunk": max(f["names_in_chunk"] for f in ranked),
        "pool_words_in_chunk": max(f["words_in_chunk"] for f in ranked),
        "pool_answer_holders": math.log1p(sum(f["answer_spans"] > 0 for f in ranked)),
        "question_words": float(len(question.words)),
        "question_names": float(len(question.names)),
        "question_numeric": float(question.numeric),
        "answer_type": float(list(type(question.answer_type)).index(question.answer_type)),
    })
    return features


class Reader:
    """Ranks candidate sentences and decides whether the best one answers."""

    def __init__(self, model: ReaderModel, embedder=None, lexicon: terms.Lexicon = terms.NO_LEXICON,
                 answerable_above: float = 0.5):
        self.model, self.embedder, self.lexicon = model, embedder, lexicon
        self.answerable_above = answerable_above

    def _phrase_similarity(self, focus: str, contexts: list[str]) -> list[float]:
        from rag.models.embedder import embed_query

        query = embed_query(self.embedder, focus)
        vectors = _passage_vectors(self.embedder, tuple(contexts))
        return (vectors @ query).tolist()

    def read(self, question_text: str, lang: str, pool: list[Evidence], context: str = "") -> Reading:
        """Rank `pool` for `question_text` (a follow-up of `context`, if given) and decide whether its
        best sentence answers."""
        question = analyse(question_text, lang, context)
        usable = [e for e in pool if not looks_like_instruction(e.text)]  # article text is data, never an order
        if not usable:
            return Reading(question, [], [], 0.0, False, "")
        predicate: dict[str, float] = {}
        phrase = None
        if self.embedder is not None:
            from rag.models.embedder import embed_query

            if question.predicate:
                predicate = predicate_similarities(usable, embed_query(self.embedder, question.predicate))
            phrase = self._phrase_similarity
        candidates, raw, order = self._ranked(question, lang, usable, phrase, predicate)
        if not order:
            return Reading(question, [], [], 0.0, False, "general:")
        order = promote_value_holder(question, [candidates[i].features for i in order], order)
        order = promote_counted_holder(question, [candidates[i] for i in order], order)
        order = promote_focus_holder(question, [candidates[i] for i in order], order)
        order = promote_covering_holder(question, [candidates[i] for i in order], order)
        order = promote_acronym_holder(question, [candidates[i] for i in order], order)
        order = promote_person_holder(question, [candidates[i] for i in order], order)
        order = promote_kind_holder(question, [candidates[i] for i in order], order)
        order = promote_doer(question, [candidates[i] for i in order], order)
        ranked = [candidates[i] for i in order]
        scores = [float(raw[i]) for i in order]
        best = ranked[0]
        if len({e.lang for e in usable}) > 1 and names_all_in_passage(question, best, ranked):
            features = self._own_language_features(question, lang, usable, best, phrase, predicate)
        else:
            features = answerability_features([c.features for c in ranked], scores, question)
        row = np.array([[features[name] for name in self.model.answer_features]])
        probability = float(1.0 / (1.0 + math.exp(-self.model.answerability.predict(row)[0])))
        # what makes the best sentence answer another question, as (refusal kind, detail); the first found says why
        answers_another = [
            ("other-ordinal", self.orders_another(question, best)),
            ("counts-other", other_outcome(question.text, [s.context for s in best.answer_spans])
             if question.counts_things else ""),
            ("missing-names", ", ".join(absent_acronyms(question, best, ranked))),
            ("expected", expected_only(question.text, best.evidence.text, best.answer_spans, best.evidence.lang)
             if question.answer_type in VALUE_TYPES else ""),
            ("difference", gives_difference(question.text, best.evidence.text, best.answer_spans)
             if question.answer_type in VALUE_TYPES else ""),
            ("missing-attribute", missing_attribute(question.text, question.lang, best.evidence.chunk_text,
                                                    best.evidence.lang)
             if question.answer_type in (AnswerType.PERSON, AnswerType.PLACE) and all(best.names_found) else ""),
            ("no-speech", reports_no_speech(question.text, best.evidence.text, best.evidence.lang)),
            ("missing-names", ", ".join(absent_names(question, best, ranked, self.lexicon))),
        ]
        found = next((f"{kind}:{detail}" for kind, detail in answers_another if detail), "")
        decision = probability >= self.answerable_above and not asked_value_missing(question, best) and not found
        reason = "" if decision else found or refusal_reason(question, best, probability)
        # the sentence naming the person "he" stands for is cited first; whether they answer was read above
        order = promote_antecedent(question, ranked, order)
        ranked, scores = [candidates[i] for i in order], [float(raw[i]) for i in order]
        return Reading(question, ranked, scores, probability, decision, reason, features)

    def _ranked(self, question: Question, lang: str, pool: list[Evidence], phrase,
                predicate: dict[str, float]) -> tuple[list[Candidate], np.ndarray, list[int]]:
        """The candidates of `pool`, the ranker's raw scores, and their order (best first, headings left out)."""
        candidates = candidate_features(question, pool, lambda other: self.model.background(lang, other),
                                        phrase, predicate, self.lexicon)
        raw = self.model.ranker.predict(np.array([[c.features[name] for name in self.model.features]
                                                  for c in candidates]))
        return candidates, raw, [i for i in np.argsort(-raw, kind="stable") if not candidates[i].features["heading"]]

    def _own_language_features(self, question: Question, lang: str, pool: list[Evidence], best: Candidate,
                               phrase, predicate: dict[str, float]) -> dict[str, float]:
        """The answerability model's inputs for `best` read among the candidates of its own language only,
        as if the store held nothing else (`best` first, the rest in the ranker's order): English and German
        sentences of unrelated articles outscore a Lithuanian answer to an English question, and beside them
        its lead and rank say less than they do in a store of one language."""
        own = [e for e in pool if e.lang == best.evidence.lang]
        candidates, raw, ranked = self._ranked(question, lang, own, phrase, predicate)
        first = next(i for i, c in enumerate(candidates) if c.evidence.sentence_id == best.evidence.sentence_id)
        order = [first] + [i for i in ranked if i != first]
        return answerability_features([candidates[i].features for i in order], [float(raw[i]) for i in order],
                                      question)

    def orders_another(self, question: Question, best: Candidate) -> str:
        """The question's "first quarter" when the best sentence speaks of another quarter only ("antruoju
        ketvirčiu"): then it answers another question. "" when it does not."""
        lang = best.evidence.lang

        def same_word(asked: str, written: str) -> bool:
            key = terms.word_key(written, lang)
            return terms.keys_match(terms.word_key(asked, question.lang), key) or any(
                terms.keys_match(t, key) for t in self.lexicon.translations(asked, question.lang, lang))

        return other_ordinal(question.text, best.evidence.text, same_word)


VALUE_TYPES = NUMERIC_TYPES | {AnswerType.DATE, AnswerType.TIME}


def promote_value_holder(question: Question, ranked: list[dict[str, float]], order: list[int]) -> list[int]:
    """For a question asking for a number, amount, date or time: when the ranker's best sentence holds no
    value that could answer (so it cannot be the answer), the best-ranked sentence that holds one of the
    asked kind goes first ("1939 m. pastatą … nuniokojo gaisras" for "In what year was the church
    damaged by fire?"). `ranked`: the candidates' features in the ranker's `order` (candidate indices);
    returns the new order."""
    if question.answer_type not in VALUE_TYPES or not ranked or ranked[0]["answer_spans_loose"] > 0:
        return order
    # one that says nothing of the question is no answer for holding a value ("Mai im sogenannten Gefecht …"
    # for "In which month was the mutual defence treaty signed?")
    return _first_to_front(order, [features["answer_spans"] > 0 and (
        features["names_in_sentence"] > 0 or features["words_in_sentence"] > 0) for features in ranked])


def promote_counted_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a how-many question whose best sentence is Lithuanian, where the thing a number counts is the
    word right after it ("3 000 gaminių", 3,000 products; "šeši pareigūnai", six officers): when every number of
    the best sentence counts such a word and none of them the asked thing, the best-ranked sentence whose
    number counts the asked thing goes first ("11 parduotuvių" for "in how many stores"), when its passage
    names as much of the question: the word lists lack "troops" -> "karių", so "10 tūkst. karių" counts
    nothing asked, and "thirty thousand troops" of another article's war is no answer to "How many troops
    did North Korea send to Russia?"."""
    if not question.counts_things or not question.focus or not ranked:
        return order
    best = ranked[0]
    if best.evidence.lang != "lt" or best.focus_spans or not best.answer_spans:
        return order
    if not all(typed.counted_noun(best.evidence.text, span) for span in best.answer_spans):
        return order  # a number with no counted word after it may still count the asked thing
    return _first_to_front(order, [bool(c.focus_spans) and c.features["answer_spans"] > 0
                                   and c.features["names_in_chunk"] >= best.features["names_in_chunk"]
                                   for c in ranked])


def promote_focus_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking how many or how long of a thing it names ("How many seconds were left … when
    the Patriots failed their 2-point conversion?"): when none of the best sentence's figures stands beside
    that word, the best-ranked sentence of the same article with a figure beside it goes first, when it
    names everything the question names and says more of the question than the best (its names and words,
    no less of either): "… Нью-Ингленд Пэтриотс … 17 секунд …" over "… 2-очковой конверсии, давая Денверу
    преимущество 24–10, 3:08 …". Saying only as much is not enough: "two of the Panthers three starting
    linebackers were also selected" is no better an answer to "How many Panthers defense players were
    selected for the Pro Bowl?" than "… four Pro Bowl selections". Nor is a figure beside the word in a
    sentence without the question's subject: "Trumpas … laimėjo daugiau nei 40 procentinių punktų" says
    nothing of how far Patrick Morrisey trails."""
    if question.answer_type not in VALUE_TYPES or not question.focus or not question.names or not ranked:
        return order
    best = ranked[0]
    if best.focus_spans or not best.answer_spans:
        return order
    said = [(c.features["names_in_sentence"], c.features["words_in_sentence"]) for c in ranked]
    return _first_to_front(order, [
        bool(c.focus_spans) and c.evidence.article_id == best.evidence.article_id
        and c.features["names_min_in_sentence"] >= 1.0
        and names >= said[0][0] and words >= said[0][1] and (names, words) != said[0]
        for c, (names, words) in zip(ranked, said)])


NAMED_TYPES = frozenset({AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE, AnswerType.NAME})
COVERED_TYPES = NAMED_TYPES | {AnswerType.REASON}


def promote_covering_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking who, which organisation, where, what name or why: when the ranker's best
    sentence holds no span of the asked kind, the best-ranked sentence of the same chunk that holds one
    and says at least as much of the question (its names and its words) goes first ("„Tlatelolco"
    aikštėje" for "Where did López Obrador promise…", over the lead sentence repeating the promise).
    A cause needs no more than the chunk: its sentence names the subject as "the company" ("The company
    blamed falling orders" for "Why is Medena cutting jobs?"). Only in scripts that write names with
    capitals, where a span of a name is one (a Chinese sentence's names are not found)."""
    if question.answer_type not in COVERED_TYPES or not ranked or ranked[0].features["answer_spans"] > 0:
        return order
    best = ranked[0]
    if not latin_script(best.evidence.chunk_text):
        return order
    cause = question.answer_type is AnswerType.REASON
    return _first_to_front(order, [
        c.evidence.chunk_id == best.evidence.chunk_id and c.features["answer_spans"] > 0
        and (cause or c.features["names_in_sentence"] >= best.features["names_in_sentence"]
             and c.features["words_in_sentence"] >= best.features["words_in_sentence"] and says_some(c))
        for c in ranked])


def promote_person_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking who: when the best sentence names no person but the question's own (the
    lead retelling the event: "… žiūrovai gėdino šūksniais Kanyeʼą Westą …" for "Who put the footage of
    Kanye West's rant on social media?"), the best-ranked sentence of the same article that names another
    person and holds more of the question's words goes first ("… į socialinius tinklus įkėlė komikas
    Chrisas Rockas")."""
    if question.answer_type is not AnswerType.PERSON or not ranked or ranked[0].person_spans:
        return order
    best = ranked[0]
    return _first_to_front(order, [
        bool(c.person_spans) and c.evidence.article_id == best.evidence.article_id
        and c.features["words_count_in_sentence"] > best.features["words_count_in_sentence"] for c in ranked])


def promote_doer(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking who did something ("Who designed Harvard's new course on sleep?"): when the
    best sentence names no person, or one only as saying something ("… Paulas Barreira sakė, kad
    universitetas nusprendė siūlyti šį kursą"), the best-ranked sentence of the same article that names a
    person without a verb of speech goes first ("Charlesʼas Czeisleris … parengė kursą"), when it holds as
    many of the question's names, some of its words and all but one of those the best holds. Only in the
    languages whose verbs of speech are known (`speech.SPEECH`): elsewhere a doer and a speaker look alike."""
    if question.answer_type is not AnswerType.PERSON or not ranked or not asked_act(question.text):
        return order
    best = ranked[0]
    if best.evidence.lang not in SPEECH or (best.person_spans and not reports_saying(best.evidence.text,
                                                                                     best.evidence.lang)):
        return order
    # some of the question's words, and all but one of those the best holds
    words = max(1.0, best.features["words_count_in_sentence"] - 1)
    return _first_to_front(order, [
        bool(c.person_spans) and c.evidence.article_id == best.evidence.article_id
        and not reports_saying(c.evidence.text, c.evidence.lang) and says_some(c)
        and c.features["names_in_sentence"] >= best.features["names_in_sentence"]
        and c.features["words_count_in_sentence"] >= words for c in ranked])


def promote_kind_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a which-question asking for a named thing ("Which protein…", "Kuri agentūra…"): when the best
    sentence holds no name at all (the lead: "Nauja vakcina nuo vėžio gali išmokyti imuninę sistemą…"), the
    best-ranked sentence of the same article with a name beside the asked kind's word, naming as much of
    the question, goes first ("… baltymus, būdingus HER2 tipo vėžiams")."""
    if not question.asked_kind or not ranked or ranked[0].answer_spans:
        return order
    best = ranked[0]
    return _first_to_front(order, [bool(c.kind_spans) and c.evidence.article_id == best.evidence.article_id
                                   and c.features["names_in_sentence"] >= best.features["names_in_sentence"]
                                   for c in ranked])


def promote_antecedent(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking who: when the best sentence names no person and says it of "he" or "she"
    ("He is also the oldest quarterback …"), the sentence right before it, when it names a person, goes
    first ("… Manning …"); the answer cites both (`antecedents`)."""
    if question.answer_type is not AnswerType.PERSON or not ranked:
        return order
    best = ranked[0]
    if names_a_person(best):
        return order
    return _first_to_front(order, [continues(c.evidence, best.evidence) and names_a_person(c) for c in ranked])


def article_candidates(best: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The candidates of the best sentence's article, in `ranked`'s order: the passages of it the reader saw."""
    return [c for c in ranked if c.evidence.article_id == best.evidence.article_id]


def names_all_in_passage(question: Question, best: Candidate, ranked: list[Candidate] | None = None) -> bool:
    """Whether the best sentence's passage names everything the question names (true when it names
    nothing): then it is about the question's subject, and sentences of other languages outscoring it are
    no sign that it does not answer. Without this test, "How tall is Mount Everest?" was answered from a
    German sentence about a size in millimetres, the best of the few German candidates. In Latin script
    the article's other passages among `ranked` count too, each name wholly in one of them: "Ugnikalnis …
    yra aktyvus nuo 1994 m." (the volcano has been active since 1994) follows the passage naming
    Popocatepetl; "Mount" of "Mount Rainier" is not Mount Everest."""
    if not question.names or best.features["names_min_in_chunk"] >= 1.0:
        return True
    article = article_candidates(best, ranked or [best])
    return latin_script(best.evidence.chunk_text) and all(
        max(c.names_coverage[i] for c in article) >= 1.0 for i in range(len(question.names)))


def absent_names(question: Question, best: Candidate, ranked: list[Candidate],
                 lexicon: terms.Lexicon = terms.NO_LEXICON) -> list[str]:
    """The question's names that the best sentence's article lacks, as far as the candidates show its passages
    (in Latin script, where a name keeps its letters or the word lists translate it; Cyrillic and Chinese write
    names by sound, which is matched less surely):
    - all of them, when they add up to two words or more and the passages hold none of their words: "Who won
      the Ekstraklasa Championship in 2000?" over a passage about ABC's campaign of 2000;
    - or else a name of two words or more that the passages hold no word of, not even inside a compound
      word, and that has a word no word list translates: "Kievan Rus'" beside "Genghis Khan", whose "Khan"
      a passage about Gegeen Khan holds. Names of translated words are left alone: "Eastern Europe" is
      "Osteuropa", "Far Eastern" is "de Extremo Oriente".
    One name of one word is left to the answerability model: "Poland" is "Polen", "Polonia", and a passage
    may say "the country". The article's other passages count: "the Broncos" may be named in the one before
    the answer's."""
    if sum(len(name.split()) for name in question.names) < 2 or not latin_script(best.evidence.chunk_text):
        return []
    article = article_candidates(best, ranked)
    if not any(c.features["names_in_chunk"] != 0 for c in article):
        return list(question.names)
    text = facts.plain(" ".join(dict.fromkeys(f"{c.evidence.title} {c.evidence.chunk_text}" for c in article)))
    lang = best.evidence.lang

    def inside_a_word(word: str) -> bool:  # "europ" in "osteuropa", "minist" in "ministerprasident"
        keys = {terms.word_key(word, question.lang)} | lexicon.translations(word, question.lang, lang)
        return any(len(key) >= COMPOUND_PART_MIN and key in text for key in keys)

    def untranslated(word: str) -> bool:
        return not any(lexicon.translations(word, question.lang, other) for other in LISTED_LANGUAGES)

    return [name for i, name in enumerate(question.names) if len(name.split()) >= 2
            and all(c.names_coverage[i] == 0 for c in article)
            and not any(inside_a_word(word) for word in name.split())
            and any(untranslated(word) for word in name.split())]  # last: it loads every language's list


COMPOUND_PART_MIN = 4  # letters a name's word key needs to be looked for inside another word
LISTED_LANGUAGES = tuple(dict.fromkeys(d.target for d in DICTIONARIES if d.source == "en")) + ("zh",)


def says_some(candidate: Candidate) -> bool:
    """Whether a sentence holds any of the question's names or words. One holding none is not promoted on a
    tie of nothing with the best ("Varsovia siempre ha sido una ciudad multicultural" for "Where is Polonia's
    home venue located?"), nor counted as another report of the answer (`news.reports`)."""
    return candidate.features["names_in_sentence"] > 0 or candidate.features["words_in_sentence"] > 0


def _first_to_front(order: list[int], chosen: list[bool]) -> list[int]:
    """`order` with its first chosen entry moved to the front (unchanged when none is chosen)."""
    position = next((i for i, ok in enumerate(chosen) if ok), None)
    return order if position is None else [order[position]] + order[:position] + order[position + 1:]


COUNTABLE_KINDS = typed.COUNT_KINDS | {"percent"}  # "40 % of the electorate" answers "how many of the electorate"


def asked_value_missing(question: Question, best: Candidate) -> bool:
    """The question asks for a number, amount, date or time, and the best sentence holds none that could
    be it. Whatever else it says, it does not answer. Loose fits count, except where their kind cannot be
    the thing asked: a bare figure is no sum of money or share ("iki 3 000 gaminių" for "how much money"),
    and a count of things is no sum of money, length of time or measurement ("26 750 JAV dolerių" for "how
    many suspects", "1,98 metro" for "how many points"). A measuring question needs a figure in a unit of
    what it measures ("25 minutę" is no distance), and one asking for the day a day ("kitą mėnesį" is none)."""
    if question.answer_type not in VALUE_TYPES:
        return False
    kinds = {span.kind for span in best.answer_spans}
    if not kinds:
        return True
    text = best.evidence.text
    if question.measure and not any(typed.measured_in(text, span, question.measure) for span in best.answer_spans):
        return True
    if question.asks_day and not typed.gives_day(text, best.spans, best.evidence.lang):
        return True
    if question.answer_type in (AnswerType.MONEY, AnswerType.PERCENT) and kinds <= {"number"}:
        return True
    if not question.counts_things or question.measure:
        return False
    # a measurement counts nothing ("1,98 metro" for "how many points"), unless the question counts in its
    # unit ("How many miles…")
    counted_units = {m for m, unit in typed.MEASURE_UNITS.items() if unit.match(question.focus)}
    return not any(span.kind in COUNTABLE_KINDS and typed.measures_of(text, span) <= counted_units
                   for span in best.answer_spans)


def promote_acronym_holder(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """When the best sentence's chunk lacks an acronym the question names ("How many viewers did ABC
    have?" over the sentence listing CBS, NBC and CNN), the best-ranked sentence naming them all -- or else
    the best-ranked one whose chunk does -- goes first, provided it holds a value when the question asks
    for one. With none, the absence is a refusal (`acronyms.absent_acronyms`)."""
    acronyms = absent_acronyms(question, ranked[0], ranked) if ranked else []
    value = question.answer_type in VALUE_TYPES
    if not acronyms:
        return _promote_sentence_naming_acronyms(question, ranked, order) if value else order
    for sentence in (True, False):  # a sentence naming them first, then one whose chunk does
        chosen = [holds_acronyms(c, acronyms, sentence) and (not value or c.features["answer_spans"] > 0) for c in ranked]
        if any(chosen):
            return _first_to_front(order, chosen)
    return order


def _promote_sentence_naming_acronyms(question: Question, ranked: list[Candidate], order: list[int]) -> list[int]:
    """For a question asking for a number, amount, date or time: when the best sentence's chunk names the
    question's acronyms but the sentence itself does not ("Fox News led with 5.69 million viewers" for "How
    many viewers did ABC have?", before "ABC, with 3.26 million viewers, was second"), the best-ranked
    sentence of that chunk that names them and holds a value goes first: a figure belongs to the name
    beside it. (A sentence answering who or what may refer back to the acronym: "the stock exchange".)
    When the best sentence's figure counts the thing asked and the other's do not, the best stays: "it later
    evolved into a seven-layer protocol" answers "DEC … evolved into how many layers", "several
    implementations were developed outside DEC" does not."""
    acronyms = question_acronyms(question)
    if not acronyms or not ranked or holds_acronyms(ranked[0], acronyms, sentence=True):
        return order
    chunk = ranked[0].evidence.chunk_id
    counted = bool(ranked[0].focus_spans)
    return _first_to_front(order, [c.evidence.chunk_id == chunk and holds_acronyms(c, acronyms, sentence=True)
                                   and c.features["answer_spans"] > 0 and (bool(c.focus_spans) or not counted)
                                   for c in ranked])


def refusal_reason(question: Question, best: Candidate, probability: float) -> str:
    """Why the best sentence does not answer, as "kind:detail" (the kinds have texts in `prompts/refusal.*`)."""
    f = best.features
    if question.names and 0 <= f["names_min_in_chunk"] < 0.5:
        missing = [name for name, found in zip(question.names, best.names_found) if not found]
        return f"missing-names:{', '.join(missing or question.names)}"
    if asked_value_missing(question, best) or (f["answer_spans_loose"] == 0
                                               and question.answer_type.value not in ("other", "yes/no", "reason")):
        return f"missing-type:{question.answer_type.value}"
    return "general:"


_PHRASES: dict[tuple[int, str], np.ndarray] = {}
PHRASE_CACHE = 20_000


def _passage_vectors(embedder, texts: tuple[str, ...]) -> np.ndarray:
    """Passage vectors of short texts, cached per embedder (the same number contexts recur across questions)."""
    missing = [t for t in texts if (id(embedder), t) not in _PHRASES]
    if missing:
        if len(_PHRASES) > PHRASE_CACHE:
            _PHRASES.clear()
        vectors = embedder.get_text_embedding_batch(list(missing))
        for text, vector in zip(missing, vectors):
            _PHRASES[(id(embedder), text)] = np.asarray(vector, dtype=np.float32)
    return np.array([_PHRASES[(id(embedder), t)] for t in texts])
