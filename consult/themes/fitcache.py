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
from the blob cache for a damaged file, none for one that does not read back — and the themes
are fitted again. ``CONSULT_CACHE_DIR=off`` turns it off with the token cache.

The entry is JSON (no pickle: nothing in it can run code), every value tagged with its type —
a table as its columns, dtypes and values, tuples, dicts with their keys' types, numpy
scalars — and an entry is stored only when reading it back gives exactly what the fit made
(same types, same values, same dtypes: :func:`_same`); anything else is not kept.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["fit_key", "load_fit", "store_fit", "cached_fit", "FOLDER"]

#: the cache's folder under ``$CONSULT_CACHE_DIR``
FOLDER = "themes"
#: bump when the entry's layout changes
_FORMAT = "consult-themes-fit/2"
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


def _digest_json(value: Any) -> bytes:
    """``value`` as JSON for hashing (what JSON cannot say is written as its type and repr)."""
    return json.dumps(value, ensure_ascii=False, default=lambda v: f"{type(v).__name__}:{v!r}",
                      allow_nan=True).encode("utf-8", "surrogatepass")


def _frame_digest(h: Any, df: Any) -> None:
    """Feed every column of ``df`` — name, type, values in order — and its index to ``h``."""
    parts = [(str(name), str(df[name].dtype), df[name].tolist()) for name in df.columns]
    h.update(_digest_json([parts, [repr(i) for i in df.index], list(df.shape)]))


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
        h.update(_digest_json([[name, repr(value)] for name, value in params]))
        for name in ("questions", "points"):
            _frame_digest(h, getattr(corpus, name))
        return h.hexdigest()
    except Exception:  # noqa: BLE001 - something that does not hash: fit, do not keep
        return None


def _blobs() -> Any:
    from ..cache import BlobCache, cache_dir

    return BlobCache(cache_dir(), FOLDER)


# --------------------------------------------------------------------------- JSON with types
def _enc(v: Any) -> Any:
    """``v`` as JSON data with its types (:func:`_dec` reverses it); TypeError for a value
    this format does not hold."""
    import numpy as np
    import pandas as pd

    if v is None or type(v) in (str, bool, int):
        return v
    if type(v) is np.str_:
        return {"ns": str(v)}
    if type(v) is float:
        return v if math.isfinite(v) else {"f": repr(v)}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    if isinstance(v, tuple) and type(v) is tuple:
        return {"t": [_enc(x) for x in v]}
    if type(v) is dict:
        return {"d": [[_enc(k), _enc(x)] for k, x in v.items()]}
    if isinstance(v, np.bool_ | np.integer | np.floating) and not isinstance(v, np.datetime64):
        return {"np": v.dtype.str, "v": _enc(v.item())}
    if type(v) is pd.DataFrame:
        index = None if v.index.equals(pd.RangeIndex(len(v))) and type(v.index) is pd.RangeIndex \
            else {"values": [_enc(i) for i in v.index.tolist()], "dtype": str(v.index.dtype)}
        return {"df": {"columns": [_enc(c) for c in v.columns], "dtypes": [str(t) for t in v.dtypes],
                       "data": [[_enc(x) for x in v[c].tolist()] for c in v.columns],
                       "index": index, "n": len(v)}}
    raise TypeError(f"not kept in the fit cache: {type(v).__name__}")


def _dec(v: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "f" in v:
        return float(v["f"])
    if "ns" in v:
        return np.str_(v["ns"])
    if "t" in v:
        return tuple(_dec(x) for x in v["t"])
    if "d" in v:
        return {_dec(k): _dec(x) for k, x in v["d"]}
    if "np" in v:
        return np.dtype(v["np"]).type(_dec(v["v"]))
    f = v["df"]
    index = None if f["index"] is None else pd.Index([_dec(i) for i in f["index"]["values"]],
                                                     dtype=f["index"]["dtype"])
    cols = [_dec(c) for c in f["columns"]]
    data = {i: pd.Series([_dec(x) for x in values], dtype=dtype, index=index)
            for i, (values, dtype) in enumerate(zip(f["data"], f["dtypes"], strict=True))}
    df = pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(f["n"]))
    df.columns = cols
    return df


def _same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are the same: types, values (NaN equal to NaN), dtypes, order."""
    import pandas as pd

    if type(a) is not type(b):
        return False
    if isinstance(a, pd.DataFrame):
        return (list(a.columns) == list(b.columns) and a.shape == b.shape
                and type(a.index) is type(b.index) and a.index.equals(b.index)
                and [str(t) for t in a.dtypes] == [str(t) for t in b.dtypes]
                and all(_same(a[c].tolist(), b[c].tolist()) for c in a.columns))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return (list(a) == list(b) and all(_same(k, m) for k, m in zip(a, b, strict=True))
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:  # noqa: BLE001 - an array-like value: not comparable here
        return False


def _dumps(attrs: dict[str, Any]) -> str | None:
    """The entry's text (base64 of compressed JSON), or ``None`` when the attributes do not
    read back exactly as they are."""
    try:
        doc = {"format": _FORMAT, "attrs": {k: _enc(v) for k, v in attrs.items()}}
        raw = json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")
        back = _loads_raw(raw)
    except (TypeError, ValueError):
        return None
    if back is None or not _same(back, attrs):
        return None
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def _loads_raw(raw: bytes) -> dict[str, Any] | None:
    doc = json.loads(raw.decode("utf-8", "surrogatepass"))
    if not isinstance(doc, dict) or doc.get("format") != _FORMAT or not isinstance(doc.get("attrs"), dict):
        return None
    return {str(k): _dec(v) for k, v in doc["attrs"].items()}


def load_fit(key: str) -> dict[str, Any] | None:
    """The fitted attributes stored under ``key``, or ``None`` (absent, damaged, unreadable)."""
    data = _blobs().get(key)
    if not data:
        return None
    try:
        return _loads_raw(zlib.decompress(base64.b64decode(data, validate=True)))
    except Exception:  # noqa: BLE001 - any unreadable entry is a miss: fit again
        return None


def store_fit(key: str, attrs: dict[str, Any]) -> None:
    """Keep the fitted attributes under ``key`` — only when they read back exactly (a failure
    to write costs only time: the blob cache warns once)."""
    data = _dumps(attrs)
    if data is not None:
        _blobs().put(key, data)


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
