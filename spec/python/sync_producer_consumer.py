# Queue(2): a producer, two consumers, join(), then the consumers are cancelled.
import asyncio
from sync_clock import start, t

async def main():
    start()
    q = asyncio.Queue(2)
    async def consumer(name):
        while True:
            item = await q.get()
            print(f'{t()} {name} got {item}')
            await asyncio.sleep(0.1)
            q.task_done()
    cs = [asyncio.create_task(consumer(f'c{i}')) for i in range(2)]
    for i in range(5):
        await q.put(i)
        print(f'{t()} put {i}')
    await q.join()
    print(f'{t()} joined')
    for c in cs:
        c.cancel()

asyncio.run(main())
