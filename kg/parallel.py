"""Reading batches of documents in other processes: local ones (``--jobs N``) or a Dask cluster.

Results come back in input order, so a parallel build equals a serial one, and
only a bounded number of batches is in flight at once, so memory does not grow
with the corpus.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator


def ordered_map(function: Callable, batches: Iterable, *args, jobs: int = 2, dask: str | None = None,
                in_flight: int | None = None) -> Iterator:
    """(batch, ``function(batch, *args)``) for each batch, computed elsewhere, yielded in order."""
    if dask is not None:
        from distributed import Client

        with Client(dask) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from _bounded(lambda b: client.submit(function, b, *args, pure=False), batches,
                                in_flight or 2 * workers, lambda f: f.result())
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("forkserver")) as pool:
        yield from _bounded(lambda b: pool.submit(function, b, *args), batches, in_flight or 2 * jobs,
                            lambda f: f.result())


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Items in lists of ``size`` (the last may be shorter)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bounded(submit, batches, limit: int, result) -> Iterator:
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= limit:
            batch, future = pending.popleft()
            yield batch, result(future)
    while pending:
        batch, future = pending.popleft()
        yield batch, result(future)
