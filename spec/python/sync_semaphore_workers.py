# Semaphore(2) bounds five workers of different lengths.
import asyncio
from sync_clock import start, t

async def main():
    start()
    sem = asyncio.Semaphore(2)
    async def w(i):
        async with sem:
            print(f'{t()} start {i}')
            await asyncio.sleep(0.1 * (i + 1))
            print(f'{t()} end {i}')
    await asyncio.gather(*(w(i) for i in range(5)))

asyncio.run(main())
