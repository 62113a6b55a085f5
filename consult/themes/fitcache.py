"""The point themes' fit, kept beside the token cache: a second run on the same minutes with the
same settings reads the fitted tables instead of fitting them again (about 2 s of the sample's
report).

An entry is the fitted model's attributes (``themes_``, ``concerns_``, ``point_themes_`` …, as
:meth:`ThemeModel.fit` leaves them) under ``$CONSULT_CACHE_DIR/themes/<key>.b64``, a
:class:`consult.cache.BlobCache`: checksummed, base64 only, the folder private (0700, owned by
the user, not a symlink), files written atomically, removed by ``consult cache clear``. The
key is a hash of everything the fit reads:

* the fit's inputs — every column of the corpus's ``questions`` and ``points`` tables, values,
  types and order (:func:`_frame_digest`);
* the model's parameters (``n_themes``, ``seed_words``, ``random_state``, ``n_concerns``,
  ``min_score``, ``stability_seeds`` …) and the *contents* of the codebook and synonym files
  they name;
* the tokenizer's fingerprint (Kiwi's version, the user dictionaries, the stop-words:
  :attr:`consult.tokens.Tokenizer.fingerprint`);
* consult's own code and data (a hash of every file of the installed package, so an edit of
  any module or list is a new key, whatever the version number says) and the versions of
  numpy, scipy, scikit-learn, pandas and wordfreq.

Only the default fit is kept: point themes (``unit="point"``) with the default tokenizer and
no sentence embedding (an embedding model's weights are not part of the key). A fit that
warned — any warning, even one the filters hide — is not kept: the next run fits again and
warns again. An entry
that is damaged, truncated or unreadable is discarded — one :class:`~consult.errors.ConsultWarning`
from the blob cache for a damaged file, none for one that does not unpickle — and the themes
are fitted again. ``CONSULT_CACHE_DIR=off`` turns it off with the token cache.

The entry is a pickle: it is read only from the private, owner-checked folder (whoever can
write there can already run code as the user) and only after its checksum matched.
"""

from __future__ import annotations

import base64
import hashlib
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["fit_key", "load_fit", "store_fit", "cached_fit", "FOLDER"]

#: the cache's folder under ``$CONSULT_CACHE_DIR``
FOLDER = "themes"
#: bump when the entry's layout changes
_FORMAT = "consult-themes-fit/1"
#: the model's parameters that change the fit (``tokenizer`` and ``embedding`` are not cached)
_PARAMS = ("backend", "n_themes", "seed_words", "random_state", "text", "n_keywords", "n_quotes",
           "unit", "n_concerns", "min_score", "stability_seeds", "backend_options")
_PACKAGE_DIGEST: str | None = None


def _package_digest() -> str:
    """A hash of every file of the consult package (code and data), made once per process."""
    global _PACKAGE_DIGEST
    if _PACKAGE_DIGEST is None:
        root = Path(__file__).resolve().parents[1]
        h = hashlib.blake2b(digest_size=16)
        for path in sorted(root.rglob("*")):
            if path.suffix in (".pyc",) or "__pycache__" in path.parts or not path.is_file():
                continue
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
        _PACKAGE_DIGEST = h.hexdigest()
    return _PACKAGE_DIGEST


def _versions() -> str:
    import numpy
    import pandas
    import scipy
    import sklearn

    try:
        from importlib.metadata import version

        wordfreq = version("wordfreq")
    except Exception:  # noqa: BLE001 - not installed: nothing is "common", a key of its own
        wordfreq = "none"
    return f"{numpy.__version__}/{scipy.__version__}/{sklearn.__version__}/{pandas.__version__}/{wordfreq}"


def _frame_digest(h: Any, df: Any) -> None:
    """Feed every column of ``df`` — name, type, values in order — and its index to ``h``."""
    parts = [(str(name), str(df[name].dtype), df[name].tolist()) for name in df.columns]
    h.update(pickle.dumps((parts, list(df.index), df.shape), protocol=4))


def _file_or_value(value: Any) -> Any:
    """A parameter naming a file (or a list of them): its contents (so an edited file is a new
    key); else itself."""
    if isinstance(value, list | tuple):
        return [_file_or_value(v) for v in value]
    if isinstance(value, str | Path):
        try:
            p = Path(value)
            if p.is_file():
                return ("file", p.read_bytes())
        except (OSError, ValueError):
            pass
    return value


def fit_key(model: Any, corpus: Any) -> str | None:
    """The cache key of ``model.fit(corpus)``, or ``None`` when this fit is not kept (not the
    default point fit, or its inputs cannot be hashed)."""
    if (getattr(model, "unit", None) != "point" or model.backend != "sklearn"
            or model.tokenizer is not None or model.embedding is not None
            or model.embedding_model is not None):
        return None
    try:
        from ..tokens import default_tokenizer

        h = hashlib.blake2b(digest_size=20)
        h.update(f"{_FORMAT}\0{_package_digest()}\0{_versions()}\0".encode())
        h.update(default_tokenizer().fingerprint.encode() + b"\0")
        params = [(name, getattr(model, name, None)) for name in _PARAMS]
        params += [("synonyms", _file_or_value(model.synonyms)), ("codebook", _file_or_value(model.codebook)),
                   ("seed_file", _file_or_value(model.seed_words))]
        h.update(pickle.dumps(params, protocol=4))
        for name in ("questions", "points"):
            _frame_digest(h, getattr(corpus, name))
        return h.hexdigest()
    except Exception:  # noqa: BLE001 - something that does not hash: fit, do not keep
        return None


def _blobs() -> Any:
    from ..cache import BlobCache, cache_dir

    return BlobCache(cache_dir(), FOLDER)


def load_fit(key: str) -> dict[str, Any] | None:
    """The fitted attributes stored under ``key``, or ``None`` (absent, damaged, unreadable)."""
    data = _blobs().get(key)
    if not data:
        return None
    try:
        state = pickle.loads(zlib.decompress(base64.b64decode(data, validate=True)))
    except Exception:  # noqa: BLE001 - any unreadable entry is a miss: fit again
        return None
    if not isinstance(state, dict) or state.get("_format") != _FORMAT or state.get("_key") != key:
        return None
    return state["attrs"]


def store_fit(key: str, attrs: dict[str, Any]) -> None:
    """Keep the fitted attributes under ``key`` (a failure costs only time: the blob cache
    warns once)."""
    try:
        raw = pickle.dumps({"_format": _FORMAT, "_key": key, "attrs": attrs}, protocol=4)
    except Exception:  # noqa: BLE001 - something that does not pickle: not kept
        return
    _blobs().put(key, base64.b64encode(zlib.compress(raw, 6)).decode("ascii"))


def _fitted_attrs(model: Any) -> dict[str, Any]:
    """What the fit set: every attribute but the parameters."""
    params = set(model._param_names())
    return {k: v for k, v in vars(model).items() if k not in params}


def cached_fit(model: Any, corpus: Any, fit: Callable[[], Any]) -> Any:
    """``fit()`` (which fits ``model`` on ``corpus``), or the stored result of the same fit."""
    import warnings

    from ..cache import cache_dir

    key = fit_key(model, corpus) if cache_dir() is not None else None
    if key is None:
        return fit()
    attrs = load_fit(key)
    if attrs is not None:
        for name, value in attrs.items():
            setattr(model, name, value)
        return model
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # every warning, even one shown before: then not kept
        result = fit()
    for w in caught:  # shown as the filters in force would have shown them
        _warn_again(w)
    if not caught:
        store_fit(key, _fitted_attrs(model))
    return result


def _warn_again(w: Any) -> None:
    """Issue a recorded warning again, with the registry of the module that issued it (so a
    warning shown once per place is still shown once)."""
    import sys
    import warnings

    module = next((m for m in list(sys.modules.values())
                   if getattr(m, "__file__", None) == w.filename), None)
    registry = vars(module).setdefault("__warningregistry__", {}) if module is not None else None
    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno,
                           module=module.__name__ if module is not None else None,
                           registry=registry, source=w.source)
