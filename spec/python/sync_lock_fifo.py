# Lock: FIFO, one holder at a time.
import asyncio
from sync_clock import start, t

async def main():
    start()
    lock = asyncio.Lock()
    async def w(i):
        async with lock:
            print(f'{t()} acquired {i}')
            await asyncio.sleep(0.1)
            print(f'{t()} released {i}')
    await asyncio.gather(*(w(i) for i in range(3)))

asyncio.run(main())
