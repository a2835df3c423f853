# Event: three waiters wake together when it is set.
import asyncio
from sync_clock import start, t

async def main():
    start()
    ev = asyncio.Event()
    async def w(i):
        print(f'{t()} waiting {i}')
        r = await ev.wait()
        print(f'{t()} woken {i} {r}')
    tasks = [asyncio.create_task(w(i)) for i in range(3)]
    await asyncio.sleep(0.1)
    print(f'{t()} set')
    ev.set()
    await asyncio.gather(*tasks)

asyncio.run(main())
