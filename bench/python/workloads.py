"""The CPython asyncio twins of bench/cases/*.ts, one coroutine per case.

Each returns (ms, bytes_per_item or None) for one run at size n; what is timed matches
the JavaScript case of the same workload.
"""
import asyncio
import gc
import time
import tracemalloc

W3_LIMIT = 100
W3_JOB_S = 0.001
W4_MAXSIZE = 100
HOUR = 3600


def check(ok, what):
    if not ok:
        raise AssertionError(f"wrong result: {what}")


async def job(i):
    await asyncio.sleep(0)
    return i


async def w1_gather(n):
    start = time.perf_counter()
    results = await asyncio.gather(*[job(i) for i in range(n)])
    ms = (time.perf_counter() - start) * 1000
    check(results == list(range(n)), "gather results")
    return ms, None


async def w1_taskgroup(n):
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(job(i)) for i in range(n)]
    results = [t.result() for t in tasks]
    ms = (time.perf_counter() - start) * 1000
    check(results == list(range(n)), "task group results")
    return ms, None


async def value(i):
    return i


async def w2_create_task(n):
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += await asyncio.create_task(value(i))
    ms = (time.perf_counter() - start) * 1000
    check(total == n * (n - 1) // 2, "sum")
    return ms, None


async def w3_semaphore(n):
    semaphore = asyncio.Semaphore(W3_LIMIT)

    async def bounded(i):
        async with semaphore:
            await asyncio.sleep(W3_JOB_S)
            return i

    start = time.perf_counter()
    results = await asyncio.gather(*[bounded(i) for i in range(n)])
    ms = (time.perf_counter() - start) * 1000
    check(sum(results) == n * (n - 1) // 2, "sum")
    return ms, None


async def w4_queue(n):
    start = time.perf_counter()
    queue = asyncio.Queue(W4_MAXSIZE)

    async def producer():
        for i in range(n):
            await queue.put(i)

    feeding = asyncio.create_task(producer())
    total = 0
    for _ in range(n):
        total += await queue.get()
    await feeding
    ms = (time.perf_counter() - start) * 1000
    check(total == n * (n - 1) // 2, "sum")
    return ms, None


async def w5_cancel(n):
    gc.collect()
    tracemalloc.start()
    tasks = [asyncio.create_task(asyncio.sleep(HOUR)) for _ in range(n)]
    await asyncio.sleep(0)  # every task has started: its sleep is pending
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    ms = (time.perf_counter() - start) * 1000
    check(all(t.cancelled() for t in tasks), "all cancelled")
    return ms, current / n


CASES = {
    "W1/cpython/gather": w1_gather,
    "W1/cpython/TaskGroup": w1_taskgroup,
    "W2/cpython/create_task": w2_create_task,
    "W3/cpython/Semaphore": w3_semaphore,
    "W4/cpython/Queue(100)": w4_queue,
    "W5/cpython/cancel+gather": w5_cancel,
}
