"""Answers that compare articles: when the reports of several articles give different values, each is
shown with its source and date, newest first; a question asking for the latest state gets the newest
value first; one value from several independent articles says how many report it.

    Reports differ: 7 million euros (LRT English, 2025-03-15) [1]; Apie 5 mln. eurų (15min, 2025-03-14) [2]
    7 million euros — reported by 2 articles: LRT English, 2025-03-15 [1]; 15min, 2025-03-14 [2]

Each value's sentence is cited, one per line below; every marker points at the sentence whose span
gives that value (`Citation.span`).
"""

from __future__ import annotations

from dataclasses import replace

from rag.answer.answer import Answer, Citation, _citation
from rag.news.reports import Report, Value, find_reports, group_values
from rag.prompts import load_prompt
from rag.reader.reader import Reading


def _where(report: Report) -> str:
    """"Verslo žinios, 2025-04-03": a report's source and date (either may be missing)."""
    return ", ".join(x for x in (report.source, report.date) if x)


def _reported_by(count: int, lang: str) -> str:
    """"reported by 3 articles", "tą patį skelbia 3 straipsniai": the prompt's line for the plural form CLDR
    gives this count in this language ("one: …", "few: …", "other: …")."""
    from babel import Locale, UnknownLocaleError

    forms = dict(line.split(": ", 1) for line in load_prompt("reports.agree", lang).splitlines() if ": " in line)
    try:
        form = Locale.parse(lang).plural_form(count)
    except (UnknownLocaleError, ValueError):
        form = "other"
    return (forms.get(form) or forms["other"]).format(count=count)


def _item(value: Value, n: int, lang: str, superseded: bool = False) -> str:
    """"250 jobs (Verslo žinios, 2025-04-03) [1], reported by 2 articles"."""
    report = value.shown
    notes = [_reported_by(value.stories, lang)] if value.stories > 1 else []
    if superseded:
        notes.append(load_prompt("reports.superseded", lang))
    return f"{report.short.text} ({_where(report)}) [{n}]" + "".join(f", {note}" for note in notes)


def superseded(value: Value, values: list[Value]) -> bool:
    """Whether every story that gives `value` gives another value in a later version (a correction, an update)."""
    later = {(r.story, r.date) for other in values if other is not value for r in other.reports}
    return all(any(story == r.story and date > r.date for story, date in later) for r in value.reports)


def _cite(report: Report, n: int) -> Citation:
    return replace(_citation(n, report.candidate.evidence), span=(report.short.start, report.short.end))


def compared_answer(question: str, question_lang: str, reading: Reading, stories: dict[str, str],
                    settings, latest: bool = False, lexicon=None) -> Answer | None:
    """The answer that compares the articles' reports, or None when one sentence answers alone: a
    single report, not about the latest state, or reports that all come from one story."""
    reports = find_reports(reading, question_lang, stories, settings, lexicon)
    if not reports:
        return None
    values = group_values(reports, question_lang)[: settings.max_reports]
    if len(values) > 1:
        citations = [_cite(v.shown, n) for n, v in enumerate(values, start=1)]
        items = [_item(v, n, question_lang, superseded(v, values)) for n, v in enumerate(values, start=1)]
        if latest:
            head = load_prompt("reports.latest", question_lang).format(value=items[0])
            line = f"{head}; " + load_prompt("reports.earlier", question_lang).format(values="; ".join(items[1:]))
            kind = "latest"
        else:
            line = load_prompt("reports.differ", question_lang).format(values="; ".join(items))
            kind = "differ"
    else:
        value = values[0]
        by_story: dict[str, Report] = {}
        for report in value.reports:  # newest first: each story's newest report stands for it
            by_story.setdefault(report.story, report)
        independent = list(by_story.values())[: settings.max_reports]
        if len(independent) > 1:
            citations = [_cite(r, n) for n, r in enumerate(independent, start=1)]
            sources = "; ".join(f"{_where(r)} [{n}]" for n, r in enumerate(independent, start=1))
            agree = _reported_by(value.stories, question_lang)
            line = f"{value.shown.short.text} — {agree}: {sources}"
            kind = "agree"
        elif latest and value.shown.date:
            citations = [_cite(value.shown, 1)]
            line = load_prompt("reports.latest", question_lang).format(value=_item(value, 1, question_lang))
            kind = "latest"
        else:
            return None
    quotes = "\n".join(f"{c.text} [{c.n}]" for c in citations)
    first = citations[0]
    return Answer(question=question, answer=f"{line}\n{quotes}", abstained=False, citations=citations,
                  confidence=round(reading.answerable, 3), short=values[0].shown.short.text, span=first.span,
                  reports=kind)
