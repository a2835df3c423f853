# A cancelled get loses nothing: the item goes to the next getter.
import asyncio

async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(q.get())
    g2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    g1.cancel()
    await asyncio.sleep(0)
    q.put_nowait('a')
    print(f'g2 {await g2} g1 cancelled {g1.cancelled()} qsize {q.qsize()}')

asyncio.run(main())
