"""Copies of one story: articles whose words mostly coincide (a syndicated copy, an updated or corrected
version) form a group. Grouped from the MinHash signatures stored at ingest (datasketch's LSH finds
the pairs, their estimated Jaccard similarity of 3-word shingles confirms them); each group is named
by its earliest article. Independent reports of one event share few 3-word runs (< 0.1 measured), a
verbatim copy all of them, a corrected version most.
"""

from __future__ import annotations

from ingest.fingerprints import SIGNATURE_PERMUTATIONS, load_signature


def story_groups(signatures: dict[str, str], dates: dict[str, str], similarity: float) -> dict[str, str]:
    """article id -> id of its story group (the earliest-dated member; an article alone is its own group).
    Articles are grouped when their signatures' Jaccard estimate is at least `similarity`, transitively."""
    from datasketch import MinHashLSH

    hashes = {i: h for i, h in ((i, load_signature(s)) for i, s in sorted(signatures.items())) if h is not None}
    parent = {i: i for i in signatures}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = MinHashLSH(threshold=similarity, num_perm=SIGNATURE_PERMUTATIONS)
    for article_id, signature in hashes.items():
        for other in index.query(signature):
            if signature.jaccard(hashes[other]) >= similarity:
                parent[root(article_id)] = root(other)
        index.insert(article_id, signature)
    members: dict[str, list[str]] = {}
    for article_id in signatures:
        members.setdefault(root(article_id), []).append(article_id)
    groups = {}
    for group in members.values():
        name = min(group, key=lambda i: (not dates.get(i), dates.get(i, ""), i))  # earliest dated, else by id
        groups.update({i: name for i in group})
    return groups


def story_labels(groups: dict[str, str]) -> dict[str, str]:
    """article id -> "first-article-id (N)" for articles in a story of N > 1 articles, "" for one alone:
    the story column of `rag list` and the UI's Articles table."""
    sizes: dict[str, int] = {}
    for story in groups.values():
        sizes[story] = sizes.get(story, 0) + 1
    return {i: f"{story} ({sizes[story]})" if sizes[story] > 1 else "" for i, story in groups.items()}
