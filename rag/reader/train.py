"""`rag train-reader`: train the reader's two models on development data only, and report how they generalise.

1. Every development set (`rag/reader/devsets.py`) is ingested into its own store under the work
   folder, through the project's own ingest, with a content-hash cache of vectors (each distinct
   text is embedded once across all stores).
2. Each language's background similarity is measured: how close unrelated sentences of that
   language come to questions (the retriever subtracts it, so no language wins by the encoder's bias).
3. Every question is retrieved with the production retriever; the candidates, the query vectors and
   the labels are kept per set ("pools"), so changing a feature does not mean retrieving again.
4. Features come from `rag/reader/features.py`, exactly as at answer time.
5. A LightGBM ranker (lambdarank, one group per question) learns which candidate answers; an
   answerability classifier learns, from the ranker's out-of-fold scores, whether the top one does.
6. Held-out scores: 5-fold cross-validation by article on the news questions, leave-one-language-out
   on XQuAD-R (test articles unseen in any language), leave-one-dataset-out, and an ablation by
   feature group. Written to the report beside the model.

Deterministic: fixed folds (hash of the article id), LightGBM `deterministic=True` with fixed seeds.
Needs LightGBM (`pip install -e '.[train]'`); answering never does (`rag/reader/trees.py`).
"""

from __future__ import annotations

import json
import math
import pickle
import random
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rag.reader.devsets import DevSet, dev_sets, fold_of

FOLDS = 5
LGB_PARAMS = dict(learning_rate=0.05, num_leaves=15, min_data_in_leaf=30, feature_fraction=0.8,
                  bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0, verbose=-1, seed=7, deterministic=True,
                  force_row_wise=True, num_threads=2)
RANKER_ROUNDS = 300
# News questions weigh this much more than XQuAD-R's in the ranker: they are few (~180 against ~6,000),
# and news is written differently -- the answering sentence refers back ("the volcano", "his bond")
# where Wikipedia repeats the name the question holds.
NEWS_RANKER_WEIGHT = 5.0
ANSWERABILITY_ROUNDS = 200
MAX_FALSE_ABSTENTION = 0.1  # the cap on refusing answerable questions
BACKGROUND_QUERIES = 300
BACKGROUND_PASSAGES = 400


@dataclass
class Pool:
    """One question as the retriever saw it."""

    set_name: str
    family: str
    question: dict
    lang: str
    predicate_scores: dict[str, float]  # sentence id -> similarity to the question without its names
    evidence: list  # Evidence, best first (stored vectors dropped)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- stores and pools

def ingest(work: Path, devset: DevSet, embedder) -> None:
    """Ingest a set's articles into its own store (unchanged articles are skipped by ingest itself)."""
    from rag.engine import Engine
    from rag.settings import Settings

    folder = work / "data"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{devset.name.replace('/', '__')}.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in devset.articles), encoding="utf-8")
    engine = Engine(Settings(store=work / "stores" / devset.name.replace("/", "__")), embedder=embedder)
    report = engine.ingest([path])
    if report.errors:
        raise RuntimeError(f"{devset.name}: {report.errors[:3]}")


def measure_background(work: Path, sets: list[DevSet], embedder) -> dict[str, dict[str, float]]:
    """question language -> article language -> median similarity of unrelated pairs (plus '=' and '*' defaults)."""
    from rag.models.embedder import embed_query
    from rag.store.chroma import Store

    rng = random.Random(11)
    passages: dict[str, np.ndarray] = {}
    for devset in sets:
        if devset.lang in passages or devset.lang == "mixed" or "/" in devset.name:
            continue
        store = Store(work / "stores" / devset.name.replace("/", "__"), "articles")
        found = store.sentences.get(include=["embeddings"], limit=5000)
        vectors = np.asarray(found["embeddings"], dtype=np.float32)
        picks = rng.sample(range(len(vectors)), min(BACKGROUND_PASSAGES, len(vectors)))
        passages[devset.lang] = vectors[picks]
    queries: dict[str, list[str]] = {"en": [], "lt": []}
    for devset in sets:
        if "/" in devset.name:
            continue
        for q in devset.questions:
            queries.setdefault(q.get("lang", "en"), []).append(q["question"])
    news = next(s for s in sets if s.name == "news")  # Lithuanian sentences stand in for Lithuanian questions
    from ingest.segment import split_sentences

    for article in news.articles[:40]:
        queries["lt"].extend(s.text for s in split_sentences("x", article["text"], "lt")[1:6])
    table: dict[str, dict[str, float]] = {}
    for qlang, texts in queries.items():
        if len(texts) < 20:
            continue
        texts = rng.sample(texts, min(BACKGROUND_QUERIES, len(texts)))
        matrix = np.array([embed_query(embedder, t) for t in texts])
        row = {plang: round(float(np.median(matrix @ vectors.T)), 4) for plang, vectors in passages.items()}
        row["="] = row.get(qlang, float(np.mean(list(row.values()))))
        row["*"] = round(float(np.mean([v for k, v in row.items() if k not in (qlang, "=")])), 4)
        table[qlang] = row
    table["*"] = {"=": round(float(np.mean([r["="] for r in table.values()])), 4),
                  "*": round(float(np.mean([r["*"] for r in table.values()])), 4)}
    return table


def retrieve_pools(work: Path, devset: DevSet, embedder, background_table: dict) -> list[Pool]:
    """Every question of a set retrieved by the production retriever (cached per set and background)."""
    from ingest.language import detect_language
    from rag.models.embedder import embed_query
    from rag.reader.features import predicate_similarities
    from rag.reader.question import analyse
    from rag.retrieval.retriever import Retriever
    from rag.settings import Settings
    from rag.store.chroma import Store

    key = json.dumps([devset.digest(), background_table, sorted(q["id"] for q in devset.questions)])
    cache = work / "pools" / f"{devset.name.replace('/', '__')}.pkl"
    if cache.exists():
        stored_key, pools = pickle.loads(cache.read_bytes())
        if stored_key == key:
            return pools
    settings = Settings()
    store = Store(work / "stores" / devset.name.replace("/", "__"), "articles")
    pools = []
    retriever = Retriever(store, settings, lambda qlang, lang: _background(background_table, qlang, lang))
    for q in devset.questions:
        lang = q.get("lang") or detect_language(q["question"], default="en")
        vector = embed_query(embedder, q["question"])
        question = analyse(q["question"], lang)
        evidence = retriever.evidence(q["question"], vector, lang)
        predicate = predicate_similarities(evidence, embed_query(embedder, question.predicate) if question.predicate else None)
        pools.append(Pool(devset.name, devset.family, q, lang, predicate, [replace(e, vector=None) for e in evidence]))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps((key, pools)))
    return pools


def _background(table: dict, question_lang: str, lang: str) -> float:
    row = table.get(question_lang) or table["*"]
    return row.get(lang, row["=" if lang == question_lang else "*"])


# ---------------------------------------------------------------- features

@dataclass
class Example:
    """A question's candidates as feature rows, with labels."""

    set_name: str
    family: str
    trains: bool  # False for the held-out sets (never trained on)
    question_id: str
    article: str
    lang: str
    answerable: bool
    rows: np.ndarray  # candidates x features
    labels: np.ndarray  # 1 = holds the gold evidence
    headings: np.ndarray
    candidates: list[dict[str, float]]  # each candidate's features by name (for the answerability features)
    question: object  # the analysed question


def build_examples(pools: list[Pool], feature_names: list[str] | None, embedder, lexicon,
                   background_table: dict) -> list[Example]:
    """Features of every pool, through `features.candidate_features` exactly as at answer time."""
    from rag.eval.bench import is_evidence
    from rag.reader.features import candidate_features
    from rag.reader.question import analyse
    from rag.reader.reader import Reader
    from rag.text.injection import looks_like_instruction

    reader = Reader(None, embedder, lexicon)
    examples = []
    for pool in pools:
        q = pool.question
        usable = [e for e in pool.evidence if not looks_like_instruction(e.text)]
        if not usable:
            continue
        question = analyse(q["question"], pool.lang)
        candidates = candidate_features(question, usable, lambda other: _background(background_table, pool.lang, other),
                                        reader._phrase_similarity, pool.predicate_scores, lexicon)
        names = feature_names or list(candidates[0].features)
        answerable = not q.get("abstain")
        labels = np.array([answerable and bool(q.get("evidence")) and is_evidence(c.evidence.text, q["evidence"])
                           for c in candidates], dtype=np.int8)
        examples.append(Example(
            pool.set_name, pool.family, True, q["id"], q.get("article", ""), pool.lang, answerable,
            np.array([[c.features[n] for n in names] for c in candidates], dtype=np.float32), labels,
            np.array([bool(c.features["heading"]) for c in candidates]), [c.features for c in candidates], question))
    return examples


_WORKER: dict = {}


def _features_worker(batch: list[Pool]) -> list[Example]:
    import torch

    torch.set_num_threads(1)
    return build_examples(batch, None, _WORKER["embedder"], _WORKER["lexicon"], _WORKER["background"])


def features_of_all(sets: list[DevSet], pools: dict[str, list[Pool]], embedder, lexicon, background: dict,
                    workers: int = 2) -> list[Example]:
    """Examples of every set, computed by `workers` forked processes (same order as one process would give)."""
    import multiprocessing

    batches = [pools[s.name][i:i + 200] for s in sets for i in range(0, len(pools[s.name]), 200)]
    log(f"features of {sum(len(b) for b in batches)} questions in {len(batches)} batches")
    _WORKER.update(embedder=embedder, lexicon=lexicon, background=background)
    with multiprocessing.get_context("fork").Pool(workers) as workers_pool:
        results = workers_pool.map(_features_worker, batches, chunksize=1)
    trains = {s.name: s.trains for s in sets}
    examples = [example for batch in results for example in batch]
    for example in examples:
        example.trains = trains[example.set_name]
    return examples


# ---------------------------------------------------------------- models

def _lightgbm():
    try:
        import lightgbm
    except ImportError:
        raise SystemExit("training needs LightGBM: pip install -e '.[train]'") from None
    return lightgbm


def train_ranker(examples: list[Example], columns: list[int] | None = None, rounds: int = RANKER_ROUNDS):
    """A lambdarank model over the answerable questions that have their evidence among the candidates."""
    lgb = _lightgbm()
    usable = [e for e in examples if e.answerable and e.labels.any()]
    X = np.vstack([e.rows for e in usable])
    if columns is not None:
        X = X[:, columns]
    y = np.concatenate([e.labels for e in usable])
    weight = np.concatenate([np.full(len(e.labels), NEWS_RANKER_WEIGHT if e.family == "news" else 1.0) for e in usable])
    params = dict(LGB_PARAMS, objective="lambdarank", lambdarank_truncation_level=10, eval_at=[1])
    return lgb.train(params, lgb.Dataset(X, y, weight=weight, group=[len(e.labels) for e in usable]),
                     num_boost_round=rounds)


def rank(model, example: Example, columns: list[int] | None = None) -> tuple[list[int], list[float]]:
    """Candidate indices best first (headings left out) and their scores."""
    from rag.reader.reader import promote_value_holder

    X = example.rows if columns is None else example.rows[:, columns]
    raw = model.predict(X)
    order = [i for i in np.argsort(-raw, kind="stable") if not example.headings[i]]
    order = promote_value_holder(example.question, [example.candidates[i] for i in order], order)  # as the reader
    return order, [float(raw[i]) for i in order]


def answer_row(example: Example, order: list[int], scores: list[float]) -> dict[str, float] | None:
    """The answerability model's inputs for a ranking of this example's candidates."""
    from rag.reader.reader import answerability_features

    if not order:
        return None
    return answerability_features([example.candidates[i] for i in order], scores, example.question)


def train_answerability(rows: list[dict[str, float]], labels: list[int], names: list[str],
                        rounds: int = ANSWERABILITY_ROUNDS):
    """A binary classifier: does the top-ranked candidate answer the question?"""
    lgb = _lightgbm()
    X = np.array([[r[n] for n in names] for r in rows], dtype=np.float32)
    params = dict(LGB_PARAMS, objective="binary")
    return lgb.train(params, lgb.Dataset(X, np.array(labels)), num_boost_round=rounds)


# ---------------------------------------------------------------- the whole run

def prepare(data: Path, work: Path, embedder) -> tuple[list[DevSet], dict, dict[str, list[Pool]]]:
    """Ingest every development set, measure the background similarities, retrieve every question."""
    from rag.models.embedder import cached_embedder

    cached = cached_embedder(embedder, work / "vectors")
    sets = dev_sets(data)
    for devset in sets:
        log(f"ingest {devset.name} ({len(devset.articles)} articles)")
        ingest(work, devset, cached)
    background = measure_background(work, sets, cached)
    log(f"background similarity: {json.dumps(background)}")
    pools = {}
    for devset in sets:
        log(f"retrieve {devset.name} ({len(devset.questions)} questions)")
        pools[devset.name] = retrieve_pools(work, devset, cached, background)
    return sets, background, pools


# ---------------------------------------------------------------- evaluation

FEATURE_GROUPS = {
    "dense similarity": ("dense_sentence", "dense_chunk", "dense", "dense_gap_to_best", "dense_rank",
                         "gap_to_article_best", "article_rank", "same_language"),
    "question without its names": ("predicate", "predicate_gap_to_best", "predicate_rank"),
    "names": ("names", "names_in_sentence", "names_min_in_sentence", "names_in_chunk", "names_min_in_chunk",
              "names_in_sentence_vs_best", "rare_names_in_sentence"),
    "words (keys + word lists)": ("words_in_sentence", "words_in_chunk", "words_count_in_sentence",
                                  "words_in_sentence_vs_best"),
    "answer type and spans": ("answer_spans", "answer_spans_loose", "any_number", "best_answer_holder",
                              "gap_to_best_holder", "holders", "pool_numbers", "numbers_in_sentence", "person_names"),
    "counted thing": ("focus_next_to_number", "focus_similarity", "focus_gap_to_best", "focus_similarity_vs_best"),
    "position and headings": ("heading", "sentence_index", "position_in_chunk", "words"),
}


def _columns(names: list[str], without: tuple[str, ...] = ()) -> list[int]:
    return [i for i, n in enumerate(names) if n not in without]


def _trainable(example: Example) -> bool:
    """Ranker training data: the base sets (not their negative variants), never a held-out set."""
    return example.trains and "/" not in example.set_name


def out_of_fold_rankings(examples: list[Example], keep_training=lambda e: True, columns: list[int] | None = None,
                         folds: int = FOLDS, test=lambda e: True) -> dict[int, tuple[list[int], list[float]]]:
    """Each test example ranked by a ranker trained on the other folds (articles) of the training sets."""
    out = {}
    for fold in range(folds):
        tested = [i for i, e in enumerate(examples) if fold_of(e.article, folds) == fold and test(e)]
        if not tested:
            continue
        model = train_ranker([e for e in examples if fold_of(e.article, folds) != fold and _trainable(e)
                              and keep_training(e)], columns)
        for i in tested:
            out[i] = rank(model, examples[i], columns)
    return out


def _label(example: Example, ranking: tuple[list[int], list[float]]) -> int:
    """The answerability target: does the top-ranked candidate answer the question?"""
    order = ranking[0]
    return int(example.answerable and bool(order) and bool(example.labels[order[0]]))


def out_of_fold_answerability(examples: list[Example], rankings: dict, names: list[str],
                              folds: int = FOLDS) -> dict[int, float]:
    """Each example's probability that its top candidate answers, from a model trained on the other folds."""
    rows = {i: answer_row(examples[i], *rankings[i]) for i in rankings}
    rows = {i: r for i, r in rows.items() if r is not None}
    out = {}
    for fold in range(folds):
        tested = [i for i in rows if fold_of(examples[i].article, folds) == fold]
        training = [i for i in rows if fold_of(examples[i].article, folds) != fold and examples[i].trains]
        if not tested or not training:
            continue
        model = train_answerability([rows[i] for i in training], [_label(examples[i], rankings[i]) for i in training],
                                    names)
        X = np.array([[rows[i][n] for n in names] for i in tested], dtype=np.float32)
        out.update(zip(tested, (float(p) for p in model.predict(X))))
    return out


def outcome(example: Example, ranking: tuple[list[int], list[float]], probability: float, threshold: float) -> dict:
    """What the user would get: answered or not, and whether the first citation is right."""
    return {"answerable": example.answerable, "right": bool(_label(example, ranking)),
            "answered": bool(ranking[0]) and probability >= threshold, "id": example.question_id,
            "set": example.set_name}


def summarise(outcomes: list[dict]) -> dict:
    """Top-1, answer accuracy (right and answered), false abstention, refusals -- over a list of outcomes."""
    answerable = [o for o in outcomes if o["answerable"]]
    unanswerable = [o for o in outcomes if not o["answerable"]]

    def mean(values):
        return round(float(np.mean(values)), 3) if values else None

    near = [o for o in unanswerable if "-near-" in o["id"] or "/no-answer" in o["set"]]
    off = [o for o in unanswerable if o not in near]
    return {
        "answerable": len(answerable), "unanswerable": len(unanswerable),
        "top1": mean([o["right"] for o in answerable]),
        "answer_accuracy": mean([o["right"] and o["answered"] for o in answerable]),
        "false_abstention": mean([not o["answered"] for o in answerable]),
        "wrong_answers": mean([o["answered"] and not o["right"] for o in answerable]),
        "near_miss_refused": mean([not o["answered"] for o in near]),
        "off_topic_refused": mean([not o["answered"] for o in off]),
    }


def _family(outcome: dict) -> str:
    """The family of the set an outcome belongs to: "xquad-de/half-articles" -> "xquad"."""
    return outcome["set"].split("-")[0].split("/")[0]


def utility(outcomes: list[dict]) -> float:
    """The mean of answer accuracy (right and answered) over answerable questions and refusal rate over the
    others -- the issue's two yardsticks, weighed alike; the news and XQuAD-R families weigh the same
    (the seed's 10 questions are too few to weigh)."""
    by_family: dict[str, dict[bool, list[float]]] = {}
    for o in outcomes:
        if _family(o) == "seed":
            continue
        good = (o["right"] and o["answered"]) if o["answerable"] else not o["answered"]
        by_family.setdefault(_family(o), {True: [], False: []})[o["answerable"]].append(float(good))
    return float(np.mean([np.mean([np.mean(v) for v in sides.values() if v]) for sides in by_family.values()]))


def _family_mean(outcomes: list[dict], value) -> float | None:
    """`value(outcome)` averaged per family (news, XQuAD-R), then over families (the seed is too small)."""
    by_family: dict[str, list[float]] = {}
    for o in outcomes:
        if _family(o) != "seed":
            by_family.setdefault(_family(o), []).append(float(value(o)))
    return float(np.mean([np.mean(v) for v in by_family.values()])) if by_family else None


def choose_threshold(outcomes_at) -> tuple[float, list[dict]]:
    """The answerability threshold on out-of-fold predictions: the best `utility` among those that refuse at
    most MAX_FALSE_ABSTENTION of the answerable questions (the issue's cap: a tool that refuses what it can
    answer is not trusted either); and the sweep."""
    sweep = []
    for threshold in np.round(np.arange(0.01, 0.96, 0.01), 2):
        outcomes = outcomes_at(float(threshold))
        sweep.append({"threshold": float(threshold), "utility": round(utility(outcomes), 4),
                      "false_abstention": round(_family_mean([o for o in outcomes if o["answerable"]],
                                                             lambda o: not o["answered"]), 4),
                      "refused": round(_family_mean([o for o in outcomes if not o["answerable"]],
                                                    lambda o: not o["answered"]), 4)})
    allowed = [row for row in sweep if row["false_abstention"] <= MAX_FALSE_ABSTENTION] or sweep[:1]
    best = max(allowed, key=lambda row: (row["utility"], -abs(row["threshold"] - 0.5)))
    return best["threshold"], sweep


def leave_one_language_out(examples: list[Example]) -> dict:
    """XQuAD-R top-1 per language, the ranker trained without that language and without the test articles
    in any language."""
    out = {}
    for lang in ("de", "es", "ru", "zh", "en"):
        held = f"xquad-{lang}"
        ranked = out_of_fold_rankings(examples, keep_training=lambda e, h=held: not e.set_name.startswith(h),
                                      test=lambda e, h=held: e.set_name == h and e.answerable)
        out[lang] = round(float(np.mean([_label(examples[i], r) for i, r in ranked.items()])), 3)
        log(f"leave one language out: {lang} {out[lang]}")
    return out


def ablation(examples: list[Example], names: list[str]) -> dict:
    """Top-1 with each feature group removed: the held-out news questions (ranker trained on every training set)
    and XQuAD-R / the mixed seed collection out of fold."""
    table = {}
    for group, removed in [("(all features)", ())] + list(FEATURE_GROUPS.items()):
        columns = _columns(names, removed)
        row = {}
        model = train_ranker([e for e in examples if _trainable(e)], columns)
        held = [e for e in examples if e.set_name == "news" and e.answerable]
        row["news (held out)"] = round(float(np.mean([_label(e, rank(model, e, columns)) for e in held])), 3)
        rankings = out_of_fold_rankings(examples, columns=columns,
                                        test=lambda e: e.answerable and e.set_name in ("seed-mixed", "news-synthetic")
                                        or (e.family == "xquad" and "/" not in e.set_name))
        for label, keep in (("xquad", lambda e: e.family == "xquad"), ("seed-mixed", lambda e: e.set_name == "seed-mixed"),
                            ("news-synthetic", lambda e: e.set_name == "news-synthetic")):
            hits = [_label(examples[i], r) for i, r in rankings.items() if keep(examples[i])]
            row[label] = round(float(np.mean(hits)), 3) if hits else None
        table[group] = row
        log(f"ablation {group}: {row}")
    return table


def train_and_evaluate(examples: list[Example], names: list[str], background: dict, with_ablation: bool) -> tuple[dict, dict]:
    """The shipped model (ranker on every training set; answerability on out-of-fold rankings) and the report."""
    from rag.reader.trees import TreeEnsemble

    log("out-of-fold rankings and answerability")
    rankings = out_of_fold_rankings(examples)
    answer_names = list(answer_row(examples[0], *rankings[0]))
    probabilities = out_of_fold_answerability(examples, rankings, answer_names)

    def outcomes_at(threshold, keep=lambda e: e.trains):
        return [outcome(examples[i], rankings[i], probabilities[i], threshold) for i in probabilities if keep(examples[i])]

    threshold, sweep = choose_threshold(outcomes_at)
    log(f"threshold {threshold}")
    ranker = train_ranker([e for e in examples if _trainable(e)])
    rows = {i: answer_row(examples[i], *rankings[i]) for i in rankings if examples[i].trains}
    rows = {i: r for i, r in rows.items() if r is not None}
    answerability = train_answerability(list(rows.values()), [_label(examples[i], rankings[i]) for i in rows],
                                        answer_names)
    model = {
        "format": 1, "features": names, "answer_features": answer_names,
        "ranker": TreeEnsemble.from_lightgbm(ranker.dump_model()).to_json(),
        "answerability": TreeEnsemble.from_lightgbm(answerability.dump_model()).to_json(),
        "background": background, "threshold": threshold,
        "trained_on": sorted({e.set_name for e in examples if e.trains}),
    }
    held_out = {}
    for set_name in sorted({e.set_name for e in examples if not e.trains}):
        outcomes = []
        for e in (e for e in examples if e.set_name == set_name):
            ranking = rank(ranker, e)
            row = answer_row(e, *ranking)
            probability = float(answerability.predict(np.array([[row[n] for n in answer_names]], dtype=np.float32))[0]) \
                if row else 0.0
            outcomes.append(outcome(e, ranking, probability, threshold))
        held_out[set_name] = summarise(outcomes)
    report = {
        "threshold": threshold,
        "held_out (never trained on)": held_out,
        "cross_validated (5 folds by article)": {
            name: summarise(outcomes_at(threshold, lambda e, n=name: e.set_name == n))
            for name in sorted({e.set_name for e in examples if e.trains})},
        "leave_one_language_out (XQuAD-R top-1)": leave_one_language_out(examples),
        "threshold_sweep": sweep,
    }
    xquad_free = train_ranker([e for e in examples if _trainable(e) and e.family != "xquad"])
    report["leave_one_dataset_out"] = {
        "xquad-R (ranker trained on news and seed only)": round(float(np.mean(
            [_label(e, rank(xquad_free, e)) for e in examples if e.family == "xquad" and "/" not in e.set_name
             and e.answerable])), 3),
        "news_qa (never trained on)": held_out.get("news", {}).get("top1"),
    }
    if with_ablation:
        report["ablation (top-1)"] = ablation(examples, names)
    return model, report


def run(data: Path, work: Path, out: Path, report_path: Path, embedder, lexicon, with_ablation: bool = True) -> dict:
    """The whole training run; writes the model file and the report, returns the report."""
    from rag.models.embedder import cached_embedder

    started = time.time()
    sets, background, pools = prepare(data, work, embedder)
    examples = features_of_all(sets, pools, cached_embedder(embedder, work / "vectors"), lexicon, background)
    del pools
    names = list(examples[0].candidates[0])
    model, report = train_and_evaluate(examples, names, background, with_ablation)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    report["seconds"] = round(time.time() - started)
    report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {out} ({out.stat().st_size // 1024} kB) and {report_path}")
    return report
