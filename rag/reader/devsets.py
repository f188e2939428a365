"""The development sets the reader is trained and judged on, built from `../shared/data` only.

The realistic news questions (`news_qa.jsonl`) are never trained on: they are the held-out
yardstick (`trains=False`), so what `rag eval` reports on them is what a new user would see.

Each `DevSet` is a collection of articles to ingest plus questions about it, every question marked
answerable or not *for that collection*. Besides the sets as they come (XQuAD-R in five languages,
the realistic NTREX news questions, the seed article alone and beside XQuAD-R en+de articles),
variants make the negatives a reader must learn to refuse:

- `half-articles`: every other article left out; questions about those become off-topic;
- `no-answer`: for every other question the sentence holding its answer is cut out of its article,
  so the article still discusses the subject but no longer says what was asked (a near-miss),
  unless the answer is still written elsewhere (then the question is dropped, being ambiguous).

`news/off-topic` asks the news articles XQuAD-R's Wikipedia questions, none of which they answer.
`news-synthetic` adds questions written by rule from the English originals of the news sentences
(`rag/reader/synthetic.py`): the same kind of short typed question, many more of them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rag.eval.evaluate import contains_any, load_questions, normalise
from rag.reader.synthetic import synthetic_news_questions

XQUAD_LANGS = ("de", "es", "ru", "zh", "en")
OFF_TOPIC_QUESTIONS = 300


@dataclass(frozen=True)
class DevSet:
    """Articles to ingest and questions about them; `family` groups variants for leave-one-out splits."""

    name: str
    family: str  # xquad | news | seed
    lang: str  # language of the articles ("mixed" for several)
    articles: tuple[dict, ...]
    questions: tuple[dict, ...]
    trains: bool = True  # False: held out, only ever evaluated (the realistic news questions)

    def digest(self) -> str:
        """Content hash of the articles (a store built from them can be reused while it matches)."""
        payload = json.dumps([self.articles], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _articles(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _seed_article(data: Path) -> dict:
    from ingest.readers import read_text_file

    path = min((data / "seed").glob("*.txt"))
    article = read_text_file(path, 10_000_000)
    return {"id": "seed-article", "title": article.title, "date": article.date, "lang": "lt",
            "source": path.name, "text": article.text}


def fold_of(article_id: str, folds: int) -> int:
    """A stable fold number for an article; XQuAD-R's parallel articles ("xquad-de-07", "xquad-zh-07")
    share theirs, so no translation of a test article is ever trained on."""
    key = re.sub(r"^xquad-[a-z]{2}-", "xquad-", article_id)
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds


def _every_other(question: dict) -> bool:
    return int(hashlib.sha1(question["id"].encode("utf-8")).hexdigest(), 16) % 2 == 0


def _half_articles(base: DevSet) -> DevSet:
    kept = [a for i, a in enumerate(base.articles) if i % 2 == 0]
    kept_ids = {a["id"] for a in kept}
    questions = [{**q, "abstain": True} if q.get("article") not in kept_ids else q for q in base.questions]
    return DevSet(f"{base.name}/half-articles", base.family, base.lang, tuple(kept), tuple(questions), base.trains)


def _without_answers(base: DevSet, every: bool = False) -> DevSet:
    """Cut the evidence sentences of every other answerable question (`every`: of all) out of its article."""
    from ingest.segment import sentence_spans

    targets = [q for q in base.questions if not q.get("abstain") and q.get("evidence") and (every or _every_other(q))]
    cut: dict[str, list[str]] = {}
    for q in targets:
        cut.setdefault(q.get("article", ""), []).extend(q["evidence"])
    articles = []
    for article in base.articles:
        evidence = [normalise(e) for e in cut.get(article["id"], [])]
        if not evidence:
            articles.append(article)
            continue
        text = article["text"]
        spans = sentence_spans(text, article.get("lang", ""))
        keep = [(s, e) for s, e in spans if not any(ev in normalise(text[s:e]) or
                                                   (len(normalise(text[s:e])) >= 25 and normalise(text[s:e]) in ev)
                                                   for ev in evidence)]
        articles.append({**article, "text": "\n".join(text[s:e] for s, e in keep)})
    texts = {a["id"]: a["text"] for a in articles}
    questions = []
    everything = " ".join(texts.values())
    for q in base.questions:
        if q.get("abstain") or not q.get("evidence") or contains_any(texts.get(q.get("article", ""), ""), q["evidence"]):
            questions.append(q)  # untouched, or its evidence is still there (written twice)
        elif not contains_any(everything, [a for a in q.get("answers", []) if len(a) > 3]):
            questions.append({**q, "abstain": True, "why": "its answer sentence was cut out"})
    return DevSet(f"{base.name}/no-answer", base.family, base.lang, tuple(articles), tuple(questions), base.trains)


def dev_sets(data: Path, variants: bool = True) -> list[DevSet]:
    """Every development set (and, with `variants`, its negatives), in a fixed order."""
    data = Path(data)
    sets: list[DevSet] = []
    xquad = {}
    for lang in XQUAD_LANGS:
        base = DevSet(f"xquad-{lang}", "xquad", lang, tuple(_articles(data / "xquad_r" / f"{lang}.articles.jsonl")),
                      tuple(load_questions(data / "xquad_r" / f"{lang}.questions-en.jsonl")))
        xquad[lang] = base
        sets.append(base)
        if variants:
            sets += [_half_articles(base), _without_answers(base)]
    news = DevSet("news", "news", "lt", tuple(_articles(data / "ntrex128" / "lt.articles.jsonl")),
                  tuple(load_questions(data / "ntrex128" / "news_qa.jsonl")), trains=False)
    sets.append(news)
    synthetic = DevSet("news-synthetic", "news", "lt", news.articles, tuple(synthetic_news_questions(data)))
    sets.append(synthetic)
    # off-topic for the news: Wikipedia questions (XQuAD-R) asked of the news articles
    elsewhere = [q for q in xquad["en"].questions if _every_other(q)][:OFF_TOPIC_QUESTIONS]
    sets.append(DevSet("news/off-topic", "news", "lt", news.articles,
                       tuple({**q, "id": f"off-{q['id']}", "abstain": True, "article": f"off-{q['article']}"} for q in elsewhere)))
    if variants:
        sets += [_without_answers(news, every=True), _without_answers(synthetic)]  # the first inherits trains=False
    seed_article = _seed_article(data)
    seed_questions = tuple({**q, "article": seed_article["id"]} for q in load_questions(data / "seed" / "questions.jsonl"))
    sets.append(DevSet("seed", "seed", "lt", (seed_article,), seed_questions))
    sets.append(DevSet("seed-mixed", "seed", "mixed",
                       (seed_article, *xquad["en"].articles, *xquad["de"].articles), seed_questions))
    return sets
