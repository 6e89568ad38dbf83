"""Where a graph lives: a graph file, read once into an Oxigraph store kept beside it, or a store directory.

Every command that reads a graph (``query``, ``stats``, ``validate``, ``viz``, ``export``, ``serve``,
``push``) opens it here, so each accepts a file or a store directory (``DIR`` or ``oxigraph:DIR``). A
graph file is parsed once: it is loaded into an on-disk Oxigraph store in a hidden folder beside it
(``.graph.ttl.kgstore``) and later commands open that store, until the file changes (its size,
modification time or inode), when it is loaded again. Writing a store takes about twice as long as
loading the file into memory, so a big file's first command is answered from memory and, when it is
done, leaves a background process (``python -m kg.store FILE``, at low priority) to write the store; a
small file's store is written at once. Where no folder can be written beside the file, or ``KG_NO_CACHE`` is set, the graph is loaded
into memory every time. The store is built in a temporary folder and renamed into place, so a crash, or
two commands at once, never leave a half-built one that is taken for whole.
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from . import rdf

STORE_PREFIX = "oxigraph:"
CACHE_SUFFIX = ".kgstore"
_STAMP = "kg-source.json"  # in the cache folder: which file, as it was, the store holds
_CACHE_FORMAT = 1  # bumped when what the cache holds changes
BACKGROUND_ABOVE = 8_000_000  # bytes: a bigger file's store is written in the background
_LOCK_SECONDS = 600  # a background build that started longer ago than this is taken for dead


class StoreError(ValueError):
    """A store directory that does not exist or is not an Oxigraph store."""


def is_store(location: str | Path) -> bool:
    """Whether ``location`` names a store directory (``oxigraph:DIR``, or an existing directory)."""
    text = str(location)
    return text.startswith(STORE_PREFIX) or Path(text).is_dir()


def store_dir(location: str | Path) -> Path:
    return Path(str(location).removeprefix(STORE_PREFIX))


def cache_dir(path: str | Path) -> Path:
    """The folder beside a graph file where its store is kept."""
    path = Path(path)
    return path.with_name(f".{path.name}{CACHE_SUFFIX}")


def open_store(location: str | Path) -> ox.Store:
    """A store holding the graph at ``location``: a store directory (opened read-only), or a graph file
    (its cached store, built if missing or out of date; in memory where no cache can be written)."""
    if is_store(location):
        folder = store_dir(location)
        if not folder.is_dir():
            raise StoreError(f"{folder}: no such store directory")
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            raise StoreError(f"{folder}: not an Oxigraph store ({rdf.one_line(exc)})") from None
    path = Path(location)
    fmt = rdf.format_for(path)
    if not path.is_file():
        raise rdf.GraphReadError(f"{path}: no such file")
    cache = cache_dir(path)
    if os.environ.get("KG_NO_CACHE"):
        return load(path, fmt=fmt)
    if _fresh(cache, path):
        return ox.Store.read_only(str(cache))
    if path.stat().st_size > BACKGROUND_ABOVE:  # written once this command is done, not competing with it
        atexit.register(_build_in_background, path)
        return load(path, fmt=fmt)
    try:
        _build_cache(path, fmt, cache)
    except PermissionError:  # a folder we may not write to: no cache, the graph is loaded every time
        return load(path, fmt=fmt)
    return ox.Store.read_only(str(cache))


def load(path: str | Path, store: ox.Store | None = None, fmt: str | None = None) -> ox.Store:
    """A graph file loaded into an Oxigraph store (in memory unless one is given)."""
    store = store if store is not None else ox.Store()
    fmt = rdf.format_for(path, fmt)
    if not Path(path).is_file():
        raise rdf.GraphReadError(f"{path}: no such file")
    try:
        if fmt == "graphml":
            store.bulk_load(rdf.serialize(rdf.load(path, fmt), "nt"), format=ox.RdfFormat.N_TRIPLES)
        else:
            if fmt == "jsonld":
                rdf.inline_contexts_only(path)
            store.bulk_load(path=str(path), format=rdf.OX_FORMATS[fmt])
    except (SyntaxError, ValueError) as exc:
        raise rdf.GraphReadError(f"{path}: not valid {fmt}: {rdf.one_line(exc)}") from None
    return store


def read_graph(location: str | Path):
    """The kg-builder graph at ``location`` (file or store) as NetworkX. A store may hold other data too:
    nodes of classes kg-builder does not write are left out."""
    if not is_store(location):
        return rdf.load(location)
    store = open_store(location)
    try:
        return rdf.from_triples(store, others=True)
    finally:
        del store


def is_cached(path: str | Path) -> bool:
    """Whether the store beside a graph file is there and holds the file as it is now."""
    return _fresh(cache_dir(path), Path(path))


LOAD_RATE = 12e6  # bytes of Turtle a second that pyoxigraph loads into memory, about, on a laptop


def _stamp(path: Path) -> dict:
    st = path.stat()
    return {"file": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino,
            "format": _CACHE_FORMAT, "oxigraph": ox.__version__}


def _fresh(cache: Path, path: Path) -> bool:
    try:
        return json.loads((cache / _STAMP).read_text(encoding="utf-8")) == _stamp(path)
    except (OSError, ValueError):
        return False


def _lock(path: Path) -> Path:
    return path.with_name(f".{path.name}{CACHE_SUFFIX}.lock")


def _build_in_background(path: Path) -> None:
    """Start ``python -m kg.store PATH`` on its own, unless a build of this file's store is under way."""
    lock = _lock(path)
    try:
        if time.time() - lock.stat().st_mtime < _LOCK_SECONDS:
            return
        lock.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except OSError:  # another command took the lock first, or the folder is not ours to write
        return
    subprocess.Popen([sys.executable, "-m", "kg.store", str(path)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _build_cache(path: Path, fmt: str, cache: Path) -> None:
    stamp = _stamp(path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".kgstore-tmp", dir=path.parent))
    try:
        store = ox.Store(str(tmp))
        load(path, store, fmt)
        store.flush()
        store.optimize()
        del store
        if _stamp(path) != stamp:  # the file changed while it was read: use it, but do not keep it
            raise rdf.GraphReadError(f"{path}: changed while it was read; run the command again")
        (tmp / _STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        if cache.exists():  # out of date: moved aside first (a reader that has it open keeps its files)
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".kgstore-old", dir=path.parent))
            try:
                cache.replace(old / "store")
            except FileNotFoundError:  # another command moved it already
                pass
            shutil.rmtree(old, ignore_errors=True)
        try:
            tmp.rename(cache)
        except OSError:  # another command put a fresh one in place meanwhile
            if not _fresh(cache, path):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _main(argv: list[str]) -> int:
    """``python -m kg.store FILE``: write the store of a graph file beside it (see ``open_store``)."""
    path = Path(argv[0])
    try:
        os.nice(10)  # the command that started this one is still answering
        if not _fresh(cache_dir(path), path):
            _build_cache(path, rdf.format_for(path), cache_dir(path))
        return 0
    except (OSError, ValueError) as exc:  # nobody is there to read it; the next command tries again
        print(f"kg.store: {path}: {rdf.one_line(exc)}", file=sys.stderr)
        return 1
    finally:
        _lock(path).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
