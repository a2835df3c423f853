# A Task cancelled before it started never runs its coroutine.
import asyncio

async def main():
    async def child():
        print('child start')

    t = asyncio.create_task(child())
    print(f'cancel -> {t.cancel()}')
    print(f'done={t.done()}')
    await asyncio.sleep(0)
    print(f'next turn: done={t.done()} cancelled={t.cancelled()}')

asyncio.run(main())
