# Condition: three consumers wait_for items; each notify() wakes the oldest waiter.
import asyncio
from sync_clock import start, t

async def main():
    start()
    cond = asyncio.Condition()
    items = []
    async def consumer(i):
        async with cond:
            print(f'{t()} consumer {i} waits')
            await cond.wait_for(lambda: items)
            print(f'{t()} consumer {i} got {items.pop(0)}')
    cs = [asyncio.create_task(consumer(i)) for i in range(3)]
    await asyncio.sleep(0.1)
    for k in range(3):
        async with cond:
            items.append(k)
            cond.notify()
            print(f'{t()} produced {k}')
        await asyncio.sleep(0.1)
    await asyncio.gather(*cs)
    print(f'{t()} locked {cond.locked()}')

asyncio.run(main())
