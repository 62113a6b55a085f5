"""The expert as the unit of analysis, in minutes of every shape.

A consultation transcript is one expert; a meeting (``transcript_kind == "meeting"``) is many,
each answer point carrying its own speaker, organisation and role. The comparison and the
findings count *experts*, so :func:`expert_view` splits every meeting into one pseudo-transcript
per speaker (``<transcript id>@<n>``, questions ``<question id>@<n>``); the answer points keep
their own ids, so every quote still links to its record and source line. Corpora without
meetings are returned as they are.

    >>> import consult                                                   # doctest: +SKIP
    >>> view = expert_view(consult.load("meeting.hwpx"))                 # doctest: +SKIP
    >>> view.transcripts[["transcript_id", "speaker", "role"]]           # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..schema import frame_of

__all__ = ["expert_view", "ExpertView", "EXPERT_SEP"]

#: separates a meeting's transcript or question id from the speaker's number in a pseudo id
EXPERT_SEP = "@"


@dataclass(frozen=True)
class ExpertView:
    """A corpus whose transcripts are experts: ``transcripts``, ``questions``, ``points`` as in
    :class:`consult.Corpus`; ``source`` is the corpus it was made from."""

    transcripts: pd.DataFrame
    questions: pd.DataFrame
    points: pd.DataFrame
    source: Any

    @property
    def summaries(self) -> pd.DataFrame | None:
        return frame_of(self.source, "summaries")

    def coverage(self) -> pd.DataFrame:
        return self.source.coverage()


def _speaker_keys(points: pd.DataFrame) -> pd.Series:
    """One key per distinct speaker of each meeting (speaker, else organisation, else role)."""
    who = points["speaker"].fillna("").astype(str)
    org = points.get("organization", pd.Series("", index=points.index)).fillna("").astype(str)
    who = who.where(who != "", org).where(lambda s: s != "", "(미상)")
    codes = who.groupby(points["transcript_id"]).transform(lambda s: pd.factorize(s)[0] + 1)
    return codes.astype(int).astype(str)


def expert_view(corpus: Any) -> Any:
    """``corpus`` with each meeting split into its speakers (``corpus`` itself when it has none)."""
    points = frame_of(corpus, "points")
    if points is None or "transcript_kind" not in points or not (points["transcript_kind"] == "meeting").any():
        return corpus
    meeting = points["transcript_kind"] == "meeting"
    mp = points[meeting].copy()
    key = _speaker_keys(mp)
    new_tid = mp["transcript_id"] + EXPERT_SEP + key
    new_qid = mp["question_id"] + EXPERT_SEP + key
    points = points.copy()
    points.loc[meeting, "transcript_id"] = new_tid
    points.loc[meeting, "question_id"] = new_qid
    questions = _questions(corpus.questions, mp.assign(_qid=new_qid, _tid=new_tid))
    transcripts = _transcripts(corpus.transcripts, mp.assign(_tid=new_tid))
    return ExpertView(transcripts=transcripts, questions=questions, points=points, source=corpus)


def _questions(questions: pd.DataFrame, mp: pd.DataFrame) -> pd.DataFrame:
    """Meeting questions repeated once per speaker who answered, with that speaker's points."""
    keep = questions[~questions["question_id"].isin(mp["question_id"])]
    rows = []
    person = [c for c in ("speaker", "organization", "role") if c in mp]
    for (qid, new_qid, new_tid), pts in mp.groupby(["question_id", "_qid", "_tid"], sort=False):
        base = questions.loc[questions["question_id"] == qid].iloc[0].to_dict()
        base.update({c: pts[c].iloc[0] for c in person})
        base.update(question_id=new_qid, transcript_id=new_tid, n_points=len(pts),
                    answer="\n".join(pts["text"].astype(str)))
        rows.append(base)
    out = pd.concat([keep, pd.DataFrame(rows, columns=questions.columns)], ignore_index=True)
    return out.sort_values(["transcript_id", "question_id"], kind="stable").reset_index(drop=True)


def _transcripts(transcripts: pd.DataFrame, mp: pd.DataFrame) -> pd.DataFrame:
    keep = transcripts[~transcripts["transcript_id"].isin(mp["transcript_id"])]
    rows = []
    person = [c for c in ("speaker", "organization", "role") if c in mp]
    for (tid, new_tid), pts in mp.groupby(["transcript_id", "_tid"], sort=False):
        base = transcripts.loc[transcripts["transcript_id"] == tid].iloc[0].to_dict()
        base.update({c: pts[c].iloc[0] for c in person})
        base.update(transcript_id=new_tid, n_questions=pts["question_id"].nunique(),
                    n_points=len(pts))
        rows.append(base)
    out = pd.concat([keep, pd.DataFrame(rows, columns=transcripts.columns)], ignore_index=True)
    return out.reset_index(drop=True)
