# create_task starts its coroutine soon, not synchronously; sleep(0) yields one turn.
import asyncio

async def main():
    async def child():
        print('child start')
        await asyncio.sleep(0)
        print('child end')
        return 1

    t = asyncio.create_task(child())
    print('after create')
    await asyncio.sleep(0)
    print('main after sleep(0)')
    print(f'result {await t}')

asyncio.run(main())
