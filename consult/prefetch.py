"""Every text one analysis tokenizes, tokenized in one Kiwi batch before the stages that need it.

:func:`consult.analyze` tokenizes texts in several places: the points and questions (the
comparison, the findings), the points without their editors' notes (the themes), each written
word of the points (the theme labels, :mod:`consult.themes.phrases`) and the claims of the
authors' summary tables (:func:`consult.findings.check_summaries`). Each of those calls hits
:class:`consult.tokens.Tokenizer`'s cache; :func:`prefetch` fills that cache first with the
union of the texts in **one** batch (one Kiwi call, one read and one write of the disk cache),
so the later calls are look-ups in memory.

This changes no result: the tokens of a text do not depend on the batch it is in, and a text
this module does not foresee is simply tokenized where it is needed, as before.

A command can also **start** the batch early, right after parsing (:func:`start`): when some
texts are not in the cache, a forked child process loads Kiwi and tokenizes them while the
command goes on importing the libraries it needs (Kiwi holds the interpreter lock while it
loads and analyses, so a thread would not run alongside). Earlier still, before parsing,
:func:`warm` forks that child so that it loads Kiwi while the files are read; :func:`start`
then sends it the texts, or ends it when everything is cached, and :func:`cancel` ends a
child that was given no texts or whose tokens were not collected. :func:`prefetch` collects the
child's tokens (and stores them in the cache); if the child failed, the texts are tokenized
in-process as without it. POSIX only (``os.fork``), and only where forking is safe: no other
thread running on Python 3.12+ (which warns about forking threaded processes).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["analysis_texts", "prefetch", "warm", "start", "cancel", "done"]

#: tokenizer fingerprint -> the child (:class:`consult.forked.Child`) started by :func:`start`
_PENDING: dict[str, Any] = {}
#: tokenizer fingerprint -> a child loading Kiwi (:func:`warm`), waiting for :func:`start`'s texts
_WARM: dict[str, Any] = {}
#: (corpus, tokenizer fingerprint, themes, summaries) of the last prefetch
_LAST: tuple[Any, str, bool, bool] | None = None

# The written words of a text as the theme labels cut them (consult.themes.phrases): chunks at
# sentence punctuation, words at spaces and other separators. A copy: if the labels cut words
# differently one day, the words this misses are tokenized there (results stay the same).
_CHUNK = re.compile(r"[,.;:!?()\[\]\n]+")
_WORD = re.compile(r"[\s,.;:!?·ㆍ/|()\[\]{}<>「」『』“”‘’\"'‧…~→←⇒=+\-–—①②③④⑤⑥⑦⑧⑨⑩]+")


def _texts(df: Any, column: str) -> list[str]:
    if not isinstance(df, pd.DataFrame) or column not in df or not len(df):
        return []
    return [t for t in df[column].tolist() if isinstance(t, str)]


def analysis_texts(corpus: Any, *, themes: bool = True, summaries: bool = True,
                   words: bool = True) -> list[str]:
    """The distinct texts an analysis of ``corpus`` tokenizes (first-seen order); ``words=False``
    leaves out the written words of the points (needed last, by the theme labels)."""
    from .themes.notes import strip_notes

    questions = getattr(corpus, "questions", None)
    points = getattr(corpus, "points", None)
    texts = _texts(questions, "question") + _texts(points, "text")
    if isinstance(questions, pd.DataFrame) and "answer" in questions and len(questions):
        answered = set(points["question_id"]) if isinstance(points, pd.DataFrame) and len(points) else set()
        orphans = questions[~questions["question_id"].isin(answered)]  # answers without points
        texts += [t for t in _texts(orphans, "answer") if t.strip()]
    if themes:
        clean = [strip_notes(t) for t in _texts(points, "text")]
        texts += clean
        if words:
            for text in clean:
                for chunk in _CHUNK.split(text):
                    texts += [w for w in _WORD.split(chunk) if w]
    if summaries:
        from .findings.summaries import summary_claims

        texts += [claim for _, claim, _ in summary_claims(getattr(corpus, "summaries", None))]
    return list(dict.fromkeys(texts))


def prefetch(corpus: Any, tokenizer: Any = None, *, themes: bool = True, summaries: bool = True) -> int:
    """Tokenize :func:`analysis_texts` of ``corpus`` in one batch (kept in the token cache);
    the number of distinct texts."""
    from .tokens import default_tokenizer

    global _LAST
    tok = tokenizer or default_tokenizer()
    child = tok.fingerprint in _PENDING
    collect(tok, parts=1)
    # with a child still tokenizing the points' words (the theme labels' words, needed last),
    # they are collected when first looked up (Tokenizer.tokenize -> collect), not waited for here
    texts = analysis_texts(corpus, themes=themes, summaries=summaries, words=not child)
    if texts:
        tok.tokenize(texts, keep=False)
    _LAST = (corpus, tok.fingerprint, themes, summaries)
    return len(texts)


def done(corpus: Any, tokenizer: Any = None, *, themes: bool = True, summaries: bool = True) -> bool:
    """Whether the last :func:`prefetch` was of this very corpus with these options (a command
    that prefetched itself, so :func:`consult.analyze` need not)."""
    from .tokens import default_tokenizer

    if _LAST is None:
        return False
    last_corpus, fingerprint, last_themes, last_summaries = _LAST
    return (last_corpus is corpus and fingerprint == (tokenizer or default_tokenizer()).fingerprint
            and (last_themes or not themes) and (last_summaries or not summaries))


def _fork_safe() -> bool:
    """Whether a child may be forked (:func:`consult.forked.fork_ok`) and no Kiwi is loaded
    here yet (its worker threads would not exist in the child)."""
    from .forked import fork_ok
    from .tokens import _kiwi_for

    return fork_ok() and not _kiwi_for.cache_info().currsize


def warm(tokenizer: Any = None) -> bool:
    """Fork the child :func:`start` will use now, before the corpus is read, so that it loads
    Kiwi meanwhile (about a second). Only when the disk cache holds no tokens of this tokenizer
    yet (or is off): with a filled cache the texts are likely there, and :func:`start` forks a
    child after parsing if some are not. True when a child was forked; :func:`cancel` ends it
    if :func:`start` is never called.

        >>> warm()  # doctest: +SKIP
        True
    """
    from .tokens import default_tokenizer

    tok = tokenizer or default_tokenizer()
    if tok.fingerprint in _PENDING or tok.fingerprint in _WARM or not _fork_safe():
        return False
    disk = tok._disk()
    if disk is not None and not disk.empty():  # texts seen before: likely cached, no Kiwi needed
        return False
    from .forked import Child

    def batches(receive: Any) -> Any:
        tok.kiwi  # noqa: B018 - load Kiwi (and the dictionaries) while the parent parses
        tok.stopword_set  # noqa: B018
        got = receive()
        if not got:  # everything was cached (or the parent ended): nothing to send
            return
        for items in got:
            yield tok._analyse([(k, t) for k, t in items], "tokenizing") if items else {}

    child = Child.start(batches, parts=True, inbox=True)
    if child is None:
        return False
    _WARM[tok.fingerprint] = child
    return True


def cancel() -> None:
    """End the children :func:`warm` forked that were given no texts, and any child still
    tokenizing whose tokens were not collected (a command that ended early: an error, Ctrl-C)."""
    while _WARM:
        _WARM.popitem()[1].stop()
    while _PENDING:
        _PENDING.popitem()[1].stop()


def start(corpus: Any, tokenizer: Any = None, *, themes: bool = True, summaries: bool = True) -> bool:
    """Begin tokenizing the texts of :func:`analysis_texts` that are not cached yet in a forked
    child process (the one :func:`warm` forked, if any); :func:`prefetch` collects them. True
    when a child tokenizes."""
    from .tokens import default_tokenizer

    tok = tokenizer or default_tokenizer()
    warmed = _WARM.pop(tok.fingerprint, None)
    if tok.fingerprint in _PENDING or (warmed is None and not _fork_safe()):
        if warmed is not None:
            warmed.stop()
        return False
    first = tok.uncached(analysis_texts(corpus, themes=themes, summaries=summaries, words=False))
    seen = {key for key, _ in first}
    last = [(k, t) for k, t in tok.uncached(analysis_texts(corpus, themes=themes, summaries=summaries))
            if k not in seen]  # the points' written words (theme labels), sent second
    if not first and not last:
        if warmed is not None:
            warmed.stop()
        return False
    # {key: [token, …]} twice: what the stages need first, then the words
    if warmed is not None and warmed.send([first, last]):
        _PENDING[tok.fingerprint] = warmed
        return True
    if warmed is not None:
        warmed.stop()
    from .forked import Child

    def batches() -> Any:
        yield tok._analyse(first, "tokenizing") if first else {}
        yield tok._analyse(last, "tokenizing") if last else {}

    child = Child.start(batches, parts=True)
    if child is None:
        return False
    _PENDING[tok.fingerprint] = child
    return True


def collect(tok: Any, parts: int | None = None) -> None:
    """Keep in the cache the tokens the child started for this tokenizer sends (the next
    ``parts`` batches, or all); nothing when there is no child or it failed."""
    from .tokens import _STATS

    child = _PENDING.get(tok.fingerprint)
    n = 0
    while child is not None and (parts is None or n < parts):
        got = child.result()
        n += 1
        if not isinstance(got, dict):  # everything sent (or the child failed)
            _PENDING.pop(tok.fingerprint, None)
            child.close()
            return
        fresh = {key: tuple(toks) for key, toks in got.items()}
        _STATS["tokenized"] += len(fresh)
        tok._store(fresh)
