"""The on-disk token cache: per-text entries with a checksum each, private and written atomically.

Layout under the cache folder (``$CONSULT_CACHE_DIR``, see :func:`cache_dir`)::

    tokens/                    0700, owned by the user (checked before every use)
      <fingerprint>/           0700, one per tokenizer configuration
        00.tsv … ff.tsv        0600, 256 shards by the first two hex digits of the entry key

A shard is flat UTF-8 text, one entry a line, ``KEY<TAB>CHECKSUM<TAB>TOKEN<TAB>TOKEN…`` where
``KEY`` is a hash of the text and of the tokenizer fingerprint, ``CHECKSUM`` a hash of the rest
of the line and tokens escape ``\\``, tab, CR and LF. Nothing is nested, so no input can make
reading recurse; a shard larger than :data:`MAX_SHARD_BYTES` is not read.

* A line that fails its checksum (flipped bytes, a truncated file, planted tokens) is discarded:
  its text is tokenized again and the shard rewritten without it, with **one**
  :class:`~consult.errors.ConsultWarning` per lookup, however many entries were bad.
* Every write goes to a fresh temporary file made by :func:`tempfile.mkstemp` in the same folder
  (random name, ``O_CREAT|O_EXCL``, mode 0600: a planted symlink is never followed) and is
  renamed over the shard with :func:`os.replace`, so readers see the old or the new shard.
* Shards are opened with ``O_NOFOLLOW`` and must be regular files; a ``tokens`` folder owned by
  someone else, or a symlink, turns the disk cache off with a warning.

The checksum detects damage, not a forger who can write the folder — which is why the folder is
private to the user.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import ConsultWarning

__all__ = ["TokenCache", "MAX_SHARD_BYTES", "disk_info", "clear_disk", "private_dir", "BlobCache",
           "MAX_BLOB_BYTES", "cache_dir"]

#: a shard file larger than this is neither read nor extended (it is started afresh)
MAX_SHARD_BYTES = 32 * 1024 * 1024
_SUBDIR = "tokens"
_SUFFIX = ".tsv"
_KEY = re.compile(r"[0-9a-f]{32}")
_SUM = re.compile(r"[0-9a-f]{16}")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPE_RE = re.compile(r"[\\\t\n\r]")
_UNESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


_OFF = ("off", "none", "0", "false", "no")


def cache_dir() -> Path | None:
    """The on-disk cache folder (``$CONSULT_CACHE_DIR`` or ``~/.cache/consult``); None if off."""
    env = os.environ.get("CONSULT_CACHE_DIR")
    if env is not None and env.strip().lower() in _OFF:
        return None
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "consult"


class _Damaged(ValueError):
    """A cache line that is not a valid entry."""


# --------------------------------------------------------------------------- entries
def entry_key(fingerprint: str, text_key: str) -> str:
    """Key of one text's entry: a hash of the text (its own hash) and the tokenizer fingerprint."""
    return hashlib.blake2b(f"{fingerprint}\0{text_key}".encode(), digest_size=16).hexdigest()


def _checksum(key: str, payload: str) -> str:
    return hashlib.blake2b(f"{key}\t{payload}".encode(), digest_size=8).hexdigest()


def _escape(token: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], token)


def _unescape(token: str) -> str:
    def one(m: re.Match[str]) -> str:
        try:
            return _UNESCAPES[m.group(1)]
        except KeyError:
            raise _Damaged("unknown escape") from None

    if token.endswith("\\") and (len(token) - len(token.rstrip("\\"))) % 2:
        raise _Damaged("dangling escape")
    return _UNESCAPE_RE.sub(one, token)


def encode_entry(key: str, tokens: Iterable[str]) -> str:
    """One cache line (without its newline)."""
    payload = "\t".join(_escape(t) for t in tokens)
    return f"{key}\t{_checksum(key, payload)}\t{payload}"


def decode_payload(line: str) -> tuple[str, ...]:
    """Tokens of a line whose checksum was verified."""
    payload = line.split("\t", 2)[2]
    return tuple(_unescape(t) for t in payload.split("\t")) if payload else ()


def _check_line(raw: bytes, shard: str) -> tuple[str, str]:
    """``(key, line)`` of a valid line; :class:`_Damaged` otherwise."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Damaged("not UTF-8") from None
    parts = line.split("\t", 2)
    if len(parts) != 3:
        raise _Damaged("too few fields")
    key, checksum, payload = parts
    if not _KEY.fullmatch(key) or not key.startswith(shard) or not _SUM.fullmatch(checksum):
        raise _Damaged("bad key")
    if _checksum(key, payload) != checksum:
        raise _Damaged("checksum")
    return key, line


# --------------------------------------------------------------------------- files
def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def private_dir(path: Path, create: bool = True) -> Path:
    """Create ``path`` (and missing parents) mode 0700, or check that it is a private folder.

    An existing folder must be a real folder (not a symlink) owned by the user; group and
    other permissions are removed. Raises :class:`OSError` otherwise.
    """
    if create:
        try:
            os.mkdir(path, 0o700)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise OSError(f"{path} is not a folder (a symlink or a file)")
    uid = _uid()
    if uid is not None and st.st_uid != uid:
        raise OSError(f"{path} belongs to another user")
    if stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(path, 0o700)
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a fresh, exclusive temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _read_shard(path: Path) -> bytes | None:
    """The bytes of a shard; None if absent. Raises :class:`_Damaged` if it is not one."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except FileNotFoundError:
        return None
    except OSError as exc:  # ELOOP: a symlink
        raise _Damaged(f"cannot open ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _Damaged("not a regular file")
        if st.st_size > MAX_SHARD_BYTES:
            raise _Damaged("too large")
        data = fh.read(MAX_SHARD_BYTES + 1)
    if len(data) > MAX_SHARD_BYTES:
        raise _Damaged("too large")
    return data


# --------------------------------------------------------------------------- the cache
class TokenCache:
    """Token tuples on disk for one tokenizer configuration, keyed by the texts' own hashes.

    >>> store = TokenCache(root, fingerprint)            # doctest: +SKIP
    >>> found = store.get(["<text key>", ...])           # doctest: +SKIP
    >>> store.put({"<text key>": ("토큰", ...)})         # doctest: +SKIP

    ``get`` warns once about damaged entries and remembers the shards it read; ``put`` rewrites
    those shards with the new entries and without the damaged ones.
    """

    def __init__(self, root: Path, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.folder = self.root / _SUBDIR / fingerprint
        self._shards: dict[str, dict[str, str]] = {}
        self._dirty: set[str] = set()
        self.discarded = 0
        self.off = False

    def _private(self) -> bool:
        """Whether the folders that exist are the user's own (warn and turn off if not)."""
        if self.off:
            return False
        for path in (self.root / _SUBDIR, self.folder):
            try:
                private_dir(path, create=False)
            except FileNotFoundError:
                break
            except OSError as exc:
                self.off = True
                warnings.warn(
                    f"token cache not used: {exc}; set CONSULT_CACHE_DIR to a folder of your own",
                    ConsultWarning,
                    stacklevel=4,
                )
                return False
        return True

    def _key(self, text_key: str) -> str:
        return entry_key(self.fingerprint, text_key)

    def empty(self) -> bool:
        """Whether this configuration has no entries on disk yet (no shard file)."""
        try:
            return not any(self.folder.glob(f"*{_SUFFIX}"))
        except OSError:
            return True

    def _load(self, shard: str) -> tuple[dict[str, str], int]:
        """Valid lines of one shard by key, and the number of damaged ones."""
        if shard in self._shards:
            return self._shards[shard], 0
        entries: dict[str, str] = {}
        bad = 0
        try:
            data = _read_shard(self.folder / f"{shard}{_SUFFIX}")
        except _Damaged:
            data, bad = None, 1
        except OSError:
            data = None
        if data:
            lines = data.split(b"\n")
            if lines[-1]:  # a last line without its newline: truncated
                bad += 1
            for raw in lines[:-1]:
                try:
                    key, line = _check_line(raw, shard)
                except _Damaged:
                    bad += 1
                    continue
                entries[key] = line
        self._shards[shard] = entries
        if bad:
            self._dirty.add(shard)
        return entries, bad

    def get(self, text_keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Tokens found on disk for these text keys (the valid entries only)."""
        found: dict[str, tuple[str, ...]] = {}
        if not self._private():
            return found
        bad = 0
        for text_key in text_keys:
            key = self._key(text_key)
            entries, damaged = self._load(key[:2])
            bad += damaged
            line = entries.get(key)
            if line is None:
                continue
            try:
                found[text_key] = decode_payload(line)
            except _Damaged:
                del entries[key]
                self._dirty.add(key[:2])
                bad += 1
        if bad:
            self.discarded += bad
            warnings.warn(
                f"token cache: discarded {bad} damaged "
                f"entr{'y' if bad == 1 else 'ies'} in {self.folder}; "
                "the texts are tokenized again and the cache repaired",
                ConsultWarning,
                stacklevel=3,
            )
        return found

    def put(self, fresh: Mapping[str, Iterable[str]]) -> None:
        """Add entries and rewrite the shards they (or damaged lines) touch; warn on failure."""
        if not self._private():
            return
        changed = set(self._dirty)
        for text_key, tokens in fresh.items():
            tokens = tuple(tokens)
            if any(not t for t in tokens):
                continue  # an empty token cannot be stored unambiguously
            key = self._key(text_key)
            entries, _ = self._load(key[:2])
            entries[key] = encode_entry(key, tokens)
            changed.add(key[:2])
        if not changed:
            return
        try:
            if not self.root.exists():  # an existing folder of the user's choice is left as it is
                self.root.mkdir(parents=True, mode=0o700)
            private_dir(self.root / _SUBDIR)
            private_dir(self.folder)
            for shard in sorted(changed):
                lines = list(self._shards.get(shard, {}).values())
                data = "".join(f"{line}\n" for line in lines).encode("utf-8")
                if len(data) > MAX_SHARD_BYTES:  # start the shard afresh with the newest entries
                    keep, size = [], 0
                    for line in reversed(lines):
                        size += len(line.encode("utf-8")) + 1
                        if size > MAX_SHARD_BYTES:
                            break
                        keep.append(line)
                    data = "".join(f"{line}\n" for line in reversed(keep)).encode("utf-8")
                atomic_write(self.folder / f"{shard}{_SUFFIX}", data)
            self._dirty.clear()
        except OSError as exc:
            warnings.warn(
                f"cannot write the token cache in {self.folder} "
                f"({exc.strerror or exc}); set CONSULT_CACHE_DIR to a writable folder "
                "of your own, or to 'off'",
                ConsultWarning,
                stacklevel=3,
            )


# --------------------------------------------------------------------------- blobs
#: a blob file larger than this is neither read nor written
MAX_BLOB_BYTES = 8 * 1024 * 1024
_BLOB_MAGIC = "consult-blob-1"
_BLOB_KEY = re.compile(r"[0-9a-f]{16,64}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


class BlobCache:
    """Base64 text blobs (the report's font subsets) in ``<root>/<name>/<key>.b64``, under the
    token cache's rules: each file holds a checksum of its key and data and is discarded when
    it fails it or is not plain base64 (so nothing planted reaches a page); the folder is
    private (0700, owned by the user, not a symlink — else the disk copy is not used, with a
    warning), files are 0600 and written through :func:`atomic_write`; opened with
    ``O_NOFOLLOW``, regular files of at most :data:`MAX_BLOB_BYTES` only.
    """

    def __init__(self, root: Path | None, name: str):
        self.folder = None if root is None else Path(root) / name
        self.root = None if root is None else Path(root)
        self.off = root is None
        self.discarded = 0

    def _usable(self, create: bool) -> bool:
        if self.off or self.folder is None or self.root is None:
            return False
        try:
            if create and not self.root.exists():
                self.root.mkdir(parents=True, mode=0o700)
            private_dir(self.folder, create=create)
            return True
        except FileNotFoundError:
            return False
        except OSError as exc:
            self.off = True
            warnings.warn(f"cache folder {self.folder} not used: {exc}; set CONSULT_CACHE_DIR to a "
                          "folder of your own", ConsultWarning, stacklevel=4)
            return False

    def _path(self, key: str) -> Path:
        if not _BLOB_KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / f"{key}.b64"  # type: ignore[operator]

    def get(self, key: str) -> str | None:
        """The blob stored for ``key``, or ``None`` (absent, damaged or not ours)."""
        if not self._usable(create=False):
            return None
        path = self._path(key)
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
        except FileNotFoundError:
            return None
        except OSError:
            return self._discard(path)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BLOB_BYTES:
                return self._discard(path)
            raw = fh.read(MAX_BLOB_BYTES + 1)
        try:
            head, data = raw.decode("ascii").split("\n", 1)
            magic, checksum = head.split("\t")
        except (UnicodeDecodeError, ValueError):
            return self._discard(path)
        if (magic != _BLOB_MAGIC or not _BASE64.fullmatch(data)
                or checksum != _checksum(key, data)):
            return self._discard(path)
        return data

    def put(self, key: str, data: str) -> None:
        """Store ``data`` (base64 text) for ``key``; a failure is one warning, never an error."""
        if not data or not _BASE64.fullmatch(data) or len(data) > MAX_BLOB_BYTES - 200:
            return
        if not self._usable(create=True):
            return
        try:
            atomic_write(self._path(key), f"{_BLOB_MAGIC}\t{_checksum(key, data)}\n{data}".encode("ascii"))
        except OSError as exc:
            warnings.warn(f"cannot write the cache in {self.folder} ({exc.strerror or exc}); set "
                          "CONSULT_CACHE_DIR to a writable folder of your own, or to 'off'",
                          ConsultWarning, stacklevel=3)

    def _discard(self, path: Path) -> None:
        self.discarded += 1
        warnings.warn(f"cache: discarded a damaged entry {path.name} in {self.folder}; it is made "
                      "again", ConsultWarning, stacklevel=4)
        try:
            if not path.is_symlink() and path.is_file():
                path.unlink()
        except OSError:
            pass
        return None


# --------------------------------------------------------------------------- maintenance
def disk_info(root: Path | None) -> dict[str, object]:
    """What the disk cache holds: folder, configurations, files, entries, bytes."""
    info: dict[str, object] = {"folder": None if root is None else str(root),
                               "configurations": 0, "files": 0, "entries": 0, "bytes": 0}
    if root is None:
        return info
    for name in OTHER_FOLDERS:  # font subsets, theme fits: files and bytes (no token entries)
        other = Path(root) / name
        if other.is_symlink() or not other.is_dir():
            continue
        for path in other.iterdir():
            if not path.is_symlink() and path.is_file():
                info["files"] = int(info["files"]) + 1
                info["bytes"] = int(info["bytes"]) + path.stat().st_size
    base = Path(root) / _SUBDIR
    if base.is_symlink() or not base.is_dir():
        return info
    for sub in sorted(base.iterdir()):
        if sub.is_symlink() or not sub.is_dir():
            continue
        info["configurations"] = int(info["configurations"]) + 1
        for path in sub.iterdir():
            if path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            info["files"] = int(info["files"]) + 1
            info["bytes"] = int(info["bytes"]) + size
            if path.suffix == _SUFFIX and size <= MAX_SHARD_BYTES:
                with open(path, "rb") as fh:
                    info["entries"] = int(info["entries"]) + sum(
                        chunk.count(b"\n") for chunk in iter(lambda fh=fh: fh.read(1 << 20), b"")
                    )
    return info


#: folders of the cache besides ``tokens/`` (removed and counted with it): font subsets, theme fits
OTHER_FOLDERS = ("fonts", "themes")


def clear_disk(root: Path | None) -> None:
    """Remove the cache's folders — tokens and font subsets — (a symlink in their place is
    removed, not followed)."""
    if root is None:
        return
    for name in (_SUBDIR, *OTHER_FOLDERS):
        base = Path(root) / name
        if base.is_symlink():
            base.unlink()
        elif base.is_dir():
            shutil.rmtree(base, ignore_errors=True)
