"""Korean tokenization of questions and points with kiwipiepy, computed once and cached.

Every later stage (themes, comparisons) works on the *content tokens* of a record: nouns, proper
nouns, foreign words and acronyms (``SW``, ``TP``, ``XDR``), Chinese characters, roots and —
optionally — verb/adjective stems (written with ``-다``). Compound terms stay whole: the shipped
user dictionary (``consult/data/userdict.tsv``) registers terms such as ``시스템 SW`` or
``위협 인텔리전스`` (matched with or without the space), and a general joining rule glues the
bound pieces Kiwi splits off a word written without spaces — a prefix (``폐`` + ``배터리``), a
derivational suffix (``안전`` + ``성``), a one-syllable noun (``특화`` + ``망``, ``AI`` + ``칩``) and a
number before a unit (``5`` + ``G``; the rules: :mod:`consult.content_tokens`). Genre
stop-words (``필요``, ``의견``, ``부탁`` …) come from ``consult/data/stopwords.txt``. Both files can
be extended with the user's own::

    tok = Tokenizer(user_dicts=["my_terms.tsv"], stopword_files=["my_stop.txt"])

Texts are tokenized in one batch with Kiwi's own threads. Results are kept in memory for the
process and on disk under ``$CONSULT_CACHE_DIR`` (default ``~/.cache/consult``), one checksummed
entry per text keyed by a hash of the text and of the tokenizer's configuration
(:mod:`consult.cache`), so a later run tokenizes only the texts it has not seen. A damaged entry
is discarded with a warning and tokenized again. ``CONSULT_CACHE_DIR=off`` (or
``Tokenizer(cache=False)``) disables the disk cache; ``consult cache info|clear`` inspects or
empties it.

    >>> tokens = tokenize_texts(["시스템 SW 인력 양성이 필요하다는 의견"])  # doctest: +SKIP
    >>> tokens  # doctest: +SKIP
    [['시스템 SW', '인력', '양성']]
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .cache import TokenCache, cache_dir, clear_disk
from .content_tokens import CONTENT_TAGS, content_tokens, kiwi_profiles, split_long
from .content_tokens import MAX_PIECE as MAX_PIECE  # part of this module's API
from .errors import ConsultError
from .progress import progress

__all__ = [
    "Tokenizer",
    "default_tokenizer",
    "get_kiwi",
    "tokenize_texts",
    "question_tokens",
    "point_tokens",
    "corpus_tokens",
    "corpus_texts",
    "answer_tokens",
    "cache_dir",
    "cache_info",
    "clear_cache",
    "load_stopwords",
    "CONTENT_TAGS",
]

_CACHE_FORMAT = 2


# --------------------------------------------------------------------------- data files
def _data_path(name: str) -> Path:
    return Path(str(resources.files("consult") / "data" / name))


def _read_lines(path: str | Path) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConsultError("file not found", path=str(path)) from None
    except UnicodeDecodeError:
        raise ConsultError("not a UTF-8 text file", path=str(path)) from None
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def load_stopwords(*paths: str | Path, default: bool = True) -> frozenset[str]:
    """Stop-words from the shipped list (unless ``default=False``) and the given files."""
    files = ([_data_path("stopwords.txt")] if default else []) + [Path(p) for p in paths]
    words: set[str] = set()
    for path in files:
        words.update(_read_lines(path))
    return frozenset(words)


# --------------------------------------------------------------------------- Kiwi
_KIWI_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _kiwi_for(dicts: tuple[str, ...]) -> Any:
    try:
        from kiwipiepy import Kiwi
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ConsultError("kiwipiepy is not installed: pip install kiwipiepy") from exc
    kiwi = Kiwi(num_workers=None)
    for path in dicts:
        _check_user_dict(path)
        kiwi.load_user_dictionary(path)
    return kiwi


def _check_user_dict(path: str) -> None:
    for no, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip():
            raise ConsultError(
                "user dictionary lines must be WORD<TAB>TAG[<TAB>SCORE]", path=path, line=no
            )


def get_kiwi(user_dicts: Sequence[str | Path] = (), default: bool = True) -> Any:
    """The process-wide Kiwi object for a set of user dictionaries (created on first use).

    The shipped dictionary comes first unless ``default=False``.
    """
    paths = ([_data_path("userdict.tsv")] if default else []) + [Path(p) for p in user_dicts]
    resolved = []
    for p in paths:
        if not p.is_file():
            raise ConsultError("user dictionary not found", path=str(p))
        resolved.append(str(p.resolve()))
    with _KIWI_LOCK:
        return _kiwi_for(tuple(resolved))


# --------------------------------------------------------------------------- tokenizer


class Tokenizer:
    """Kiwi tokenizer that keeps content morphemes, joins compounds and drops stop-words.

    Parameters
    ----------
    user_dicts:
        Extra Kiwi user dictionaries (``WORD<TAB>TAG[<TAB>SCORE]`` lines), loaded after the
        shipped ``consult/data/userdict.tsv`` (skip it with ``default_data=False``).
    stopword_files:
        Extra stop-word files (one word per line, ``#`` comments).
    stopwords:
        Extra stop-words given directly.
    verbs:
        Keep verb/adjective stems of two or more syllables (as ``어렵다``).
    default_data:
        Use the shipped dictionary and stop-word list.
    cache:
        Keep results on disk under :func:`cache_dir` (results are always kept in memory).

    Calling the tokenizer on one text returns its tokens, so it can serve as the
    ``tokenizer=`` of a scikit-learn vectorizer; it accepts any string.
    """

    def __init__(
        self,
        user_dicts: Sequence[str | Path] = (),
        stopword_files: Sequence[str | Path] = (),
        stopwords: Iterable[str] = (),
        verbs: bool = True,
        default_data: bool = True,
        cache: bool = True,
    ):
        self.user_dicts = tuple(str(p) for p in user_dicts)
        self.stopword_files = tuple(str(p) for p in stopword_files)
        self.stopwords = tuple(stopwords)
        self.verbs = verbs
        self.default_data = default_data
        self.cache = cache

    # -- configuration ---------------------------------------------------------------
    @property
    def stopword_set(self) -> frozenset[str]:
        if getattr(self, "_stop", None) is None:
            self._stop = load_stopwords(*self.stopword_files, default=self.default_data) | set(
                self.stopwords
            )
        return self._stop

    @property
    def kiwi(self) -> Any:
        return get_kiwi(self.user_dicts, default=self.default_data)

    @property
    def fingerprint(self) -> str:
        """Hash of everything that changes the output (versions, dictionaries, stop-words)."""
        if getattr(self, "_fp", None) is None:
            h = hashlib.blake2b(digest_size=16)
            h.update(f"consult-tokens/{_CACHE_FORMAT}/{_kiwi_version()}/{self.verbs}".encode())
            dicts = ([str(_data_path("userdict.tsv"))] if self.default_data else []) + list(
                self.user_dicts
            )
            for path in dicts:
                try:
                    h.update(Path(path).read_bytes())
                except OSError:
                    raise ConsultError("user dictionary not found", path=path) from None
            h.update("\n".join(sorted(self.stopword_set)).encode())
            self._fp = h.hexdigest()
        return self._fp

    def __repr__(self) -> str:
        return (
            f"Tokenizer(user_dicts={list(self.user_dicts)!r}, "
            f"stopword_files={list(self.stopword_files)!r}, verbs={self.verbs})"
        )

    # -- tokenizing ------------------------------------------------------------------
    def __call__(self, text: str) -> list[str]:
        return self.tokenize([text])[0]

    def tokenize(self, texts: Sequence[str], desc: str = "tokenizing", *, keep: bool = True) -> list[list[str]]:
        """Content tokens of each text (same order); repeated texts are tokenized once.

        ``keep=False`` only fills the cache and returns ``[]`` (the analysis's one tokenization
        step, :func:`consult.analysis.tokenize_once`)."""
        texts = [t if isinstance(t, str) else ("" if t is None or t != t else str(t)) for t in texts]
        keys = [_text_key(t) for t in texts]
        memo = _MEMORY.setdefault(self.fingerprint, {})
        rest, disk = self._uncached(keys, texts)
        fresh = self._from_prefetch(rest) if rest else {}
        rest = [(k, t) for k, t in rest if k not in fresh]
        fresh.update(self._analyse(rest, desc) if rest else {})
        self._store(fresh, disk)
        return [list(memo[k]) for k in keys] if keep else []

    def prefetch(self, while_waiting: Callable[[], Any] | None = None) -> bool:
        """Load Kiwi in a forked child now, while this process goes on (imports, parsing): the
        texts later found in neither cache are analysed by the child — :meth:`tokenize`'s, and
        the words of :func:`consult.themes.wordinfo.word_profiles` — exactly as here, and this
        process never loads Kiwi. Only where :func:`consult.forked.fork_ok` allows it and when
        the disk cache of this configuration is empty (a first run: a later one finds its tokens
        cached and needs no Kiwi). Whether a child was started. If the child fails, the texts
        are analysed here. The child ends when this process ends or :meth:`end_prefetch`.

        ``while_waiting()`` runs here once, the first time this process would wait for the
        child's answer (the CLI imports the libraries its later stages use)."""
        from .forked import Child, fork_ok

        if getattr(self, "_child", None) is not None or not fork_ok() or _kiwi_for.cache_info().currsize:
            return False  # Kiwi loaded here already: its worker threads would not exist in a child
        disk = self._disk()
        if disk is not None and not disk.empty():
            return False

        def serve(receive: Any) -> Any:
            self.kiwi  # noqa: B018 - loads Kiwi and the dictionaries while the texts are not known
            while isinstance(ask := receive(), dict):
                if ask.get("op") == "tokens":
                    fresh = self._analyse([(str(k), str(t)) for k, t in ask["items"]], "tokenizing")
                    yield {k: list(v) for k, v in fresh.items()}
                elif ask.get("op") == "profiles":
                    yield [list(p) for p in kiwi_profiles(self.kiwi, [str(w) for w in ask["words"]])]
                else:
                    return

        self._child = Child.start(serve, parts=True, inbox=True)
        self._while_waiting = while_waiting
        return self._child is not None

    def end_prefetch(self) -> None:
        """End the prefetch child (if any); later texts are analysed here."""
        child, self._child, self._while_waiting = getattr(self, "_child", None), None, None
        if child is not None:
            child.close()

    def _ask_child(self, request: dict) -> Any:
        """The prefetch child's answer to ``request``, or ``None`` (no child, or it failed: then
        it is ended and the caller does the work)."""
        child = getattr(self, "_child", None)
        if child is None:
            return None
        sent = child.send(request)
        work, self._while_waiting = getattr(self, "_while_waiting", None), None
        if sent and work is not None:
            work()  # while the child works on the request
        got = child.result() if sent else None
        if got is None:
            self.end_prefetch()
        return got

    def _from_prefetch(self, items: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
        """The tokens of ``items`` from the prefetch child, ``{}`` without one or when it
        failed; texts it did not send back are analysed here by the caller."""
        got = self._ask_child({"op": "tokens", "items": [list(i) for i in items]})
        if not isinstance(got, dict):
            return {}
        wanted = {k for k, _ in items}
        out = {k: tuple(str(t) for t in v) for k, v in got.items()
               if k in wanted and isinstance(v, list)}
        _STATS["tokenized"] += len(out)
        return out

    def profiles_from_prefetch(self, words: list[str]) -> list[tuple[str, ...]] | None:
        """Kiwi's profiles of ``words`` (:func:`consult.content_tokens.kiwi_profiles`) from the
        prefetch child, or ``None`` (no child, or it failed)."""
        got = self._ask_child({"op": "profiles", "words": list(words)})
        if not isinstance(got, list) or len(got) != len(words):
            return None
        return [tuple(str(t) for t in p) for p in got]

    def uncached(self, texts: Sequence[str]) -> list[tuple[str, str]]:
        """``(key, text)`` of the distinct texts neither in memory nor on disk; the texts found
        on disk are kept in memory."""
        texts = [t if isinstance(t, str) else ("" if t is None or t != t else str(t)) for t in texts]
        return self._uncached([_text_key(t) for t in texts], texts)[0]

    def _uncached(self, keys: list[str], texts: list[str]) -> tuple[list[tuple[str, str]], TokenCache | None]:
        memo = _MEMORY.setdefault(self.fingerprint, {})
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in memo and key not in missing:
                missing[key] = text
        _STATS["memory_hits"] += len(texts) - len(missing)
        if not missing:
            return [], None
        disk = self._disk()
        found = disk.get(missing) if disk is not None else {}
        memo.update(found)
        _STATS["disk_hits"] += len(found)
        return [(k, t) for k, t in missing.items() if k not in found], disk

    def _store(self, fresh: dict[str, tuple[str, ...]], disk: TokenCache | None = None) -> None:
        """Keep freshly tokenized texts in memory and on disk."""
        _MEMORY.setdefault(self.fingerprint, {}).update(fresh)
        if disk is None and fresh:
            disk = self._disk()
        if disk is not None:
            disk.put(fresh)  # also rewrites shards that held damaged entries
            _STATS["discarded"] += disk.discarded

    def _analyse(self, items: list[tuple[str, str]], desc: str) -> dict[str, tuple[str, ...]]:
        kiwi = self.kiwi
        stop = self.stopword_set
        out: dict[str, tuple[str, ...]] = {}
        nonempty = [(k, t) for k, t in items if t.strip()]
        for k, t in items:
            if not t.strip():
                out[k] = ()
        if nonempty:
            # Kiwi's time grows faster than the length of one text: a long text is tokenized
            # in pieces of at most MAX_PIECE characters cut at whitespace, then joined
            pieces = [(i, piece) for i, (_, t) in enumerate(nonempty) for piece in split_long(t)]
            with progress(total=len(nonempty), desc=desc) as bar:
                results = kiwi.tokenize([piece for _, piece in pieces])
                joined: list[list[str]] = [[] for _ in nonempty]
                for (i, _), toks in zip(pieces, results, strict=True):
                    joined[i].extend(content_tokens(toks, stop, self.verbs))
                for (key, _), toks in zip(nonempty, joined, strict=True):
                    out[key] = tuple(toks)
                    bar.update()
        _STATS["tokenized"] += len(items)
        return out

    # -- disk cache ------------------------------------------------------------------
    def _disk(self) -> TokenCache | None:
        """The disk cache of this configuration for one lookup, or None if it is off."""
        root = cache_dir()
        if root is None or not self.cache:
            return None
        return TokenCache(root, self.fingerprint)


# --------------------------------------------------------------------------- caches
_MEMORY: dict[str, dict[str, tuple[str, ...]]] = {}
_STATS = {"memory_hits": 0, "disk_hits": 0, "tokenized": 0, "discarded": 0}
_DEFAULT: Tokenizer | None = None


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _kiwi_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("kiwipiepy", "kiwipiepy_model"):
        try:
            parts.append(version(name))
        except PackageNotFoundError:  # pragma: no cover
            parts.append("?")
    return "-".join(parts)


def cache_info() -> dict[str, int]:
    """Counts since the process started (or :func:`clear_cache`): texts served from memory,
    from disk, tokenized by Kiwi, and damaged disk entries discarded."""
    return dict(_STATS)


def clear_cache(disk: bool = False) -> None:
    """Forget tokens kept in memory (and on disk with ``disk=True``); reset :func:`cache_info`."""
    _MEMORY.clear()
    for key in _STATS:
        _STATS[key] = 0
    if disk:
        clear_disk(cache_dir())


def default_tokenizer() -> Tokenizer:
    """The process-wide tokenizer with the shipped dictionary and stop-words."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Tokenizer()
    return _DEFAULT


# --------------------------------------------------------------------------- API
def tokenize_texts(texts: Sequence[str], tokenizer: Tokenizer | None = None) -> list[list[str]]:
    """Content tokens of each text, in one threaded Kiwi batch (cached)."""
    return (tokenizer or default_tokenizer()).tokenize(list(texts))


def _frame(corpus: Any, name: str) -> pd.DataFrame:
    df = getattr(corpus, name, None)
    if not isinstance(df, pd.DataFrame):
        raise ConsultError(f"expected a Corpus with a .{name} table, got {type(corpus).__name__}")
    return df


def corpus_texts(corpus: Any) -> list[str]:
    """The texts :func:`corpus_tokens` tokenizes: every question, every point, and the answer of
    a question without point rows."""
    questions = _frame(corpus, "questions")
    points = _frame(corpus, "points")
    q_text = questions["question"].fillna("").astype(str).tolist() if len(questions) else []
    p_text = points["text"].fillna("").astype(str).tolist() if len(points) else []
    has_points = set(points["question_id"]) if len(points) else set()
    orphans = []
    if "answer" in questions and len(questions):
        orphans = [a for qid, a in zip(questions["question_id"], questions["answer"], strict=False)
                   if qid not in has_points and isinstance(a, str) and a.strip()]
    return q_text + p_text + orphans


def _corpus_parts(
    corpus: Any, tokenizer: Tokenizer | None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(question-text tokens, answer tokens, point tokens) of a corpus, in one Kiwi batch."""
    tok = tokenizer or default_tokenizer()
    questions = _frame(corpus, "questions")
    points = _frame(corpus, "points")
    qids = questions["question_id"].tolist() if len(questions) else []
    q_text = questions["question"].fillna("").astype(str).tolist() if len(questions) else []
    p_text = points["text"].fillna("").astype(str).tolist() if len(points) else []
    p_qids = points["question_id"].tolist() if len(points) else []
    has_points = set(p_qids)
    answers = questions["answer"].tolist() if "answer" in questions and len(questions) else []
    orphans = [
        (i, a)
        for i, (qid, a) in enumerate(zip(qids, answers, strict=False))
        if qid not in has_points and isinstance(a, str) and a.strip()
    ]
    result = tok.tokenize(q_text + p_text + [a for _, a in orphans])
    q_tok = result[: len(q_text)]
    p_tok = result[len(q_text) : len(q_text) + len(p_text)]
    orphan_tok = dict(zip((i for i, _ in orphans), result[len(q_text) + len(p_text) :], strict=True))
    by_question: dict[Any, list[str]] = {}
    for qid, toks in zip(p_qids, p_tok, strict=True):
        by_question.setdefault(qid, []).extend(toks)
    a_tok = [by_question.get(qid, orphan_tok.get(i, [])) for i, qid in enumerate(qids)]
    q_index = pd.Index(qids, name="question_id", dtype=object)
    p_index = pd.Index(points["point_id"].tolist() if len(points) else [], name="point_id", dtype=object)
    return (
        pd.Series(q_tok, index=q_index, dtype=object),
        pd.Series(a_tok, index=q_index, dtype=object),
        pd.Series(p_tok, index=p_index, dtype=object),
    )


def corpus_tokens(corpus: Any, tokenizer: Tokenizer | None = None) -> tuple[pd.Series, pd.Series]:
    """``(question_tokens, point_tokens)`` of a corpus, tokenized in one batch.

    A question's tokens are those of its question text followed by those of its points (its
    answer); a question without point rows falls back to its ``answer`` text.
    """
    q, a, p = _corpus_parts(corpus, tokenizer)
    both = pd.Series([x + y for x, y in zip(q, a, strict=True)], index=q.index, dtype=object)
    return both, p


def answer_tokens(corpus: Any, tokenizer: Tokenizer | None = None) -> pd.Series:
    """Content tokens of each question's answer only — its points (index ``question_id``)."""
    return _corpus_parts(corpus, tokenizer)[1]


def question_tokens(corpus: Any, tokenizer: Tokenizer | None = None) -> pd.Series:
    """Content tokens of each question's text and answer (index ``question_id``)."""
    return corpus_tokens(corpus, tokenizer)[0]


def point_tokens(corpus: Any, tokenizer: Tokenizer | None = None) -> pd.Series:
    """Content tokens of each point's text (index ``point_id``)."""
    return corpus_tokens(corpus, tokenizer)[1]
