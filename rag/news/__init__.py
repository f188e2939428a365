"""News-aware evidence: publication dates, copies of one story, and reports that agree or disagree."""
