# Cancelling a task that awaits another task cancels the awaited one too (our "a subscriber
# that unsubscribes before the Task is done cancels it"). Awaiting a done task does not.
import asyncio

async def main():
    inner = asyncio.create_task(asyncio.sleep(10))
    async def waiter():
        await inner
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    print(f'cancel waiter -> {w.cancel()}')
    for _ in range(3):
        await asyncio.sleep(0)
    print(f'waiter cancelled={w.cancelled()} inner cancelled={inner.cancelled()}')

    done = asyncio.create_task(asyncio.sleep(0, 'r'))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async def late():
        await done
        await asyncio.sleep(10)
    l = asyncio.create_task(late())
    await asyncio.sleep(0)
    l.cancel()
    for _ in range(3):
        await asyncio.sleep(0)
    print(f'late cancelled={l.cancelled()} done result={done.result()}')

asyncio.run(main())
