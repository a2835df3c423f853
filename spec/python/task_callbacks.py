# Done callbacks: FIFO, once per registration, soon after done; remove counts registrations.
import asyncio

async def main():
    async def child():
        print('child')
        return 7

    def cb1(f): print(f'cb1 {f.result()}')
    def cb2(f): print(f'cb2 {f.result()}')
    t = asyncio.create_task(child())
    t.add_done_callback(cb1)
    t.add_done_callback(cb2)
    t.add_done_callback(cb1)
    t.add_done_callback(cb2)
    print(f'removed {t.remove_done_callback(cb1)}')
    print(f'await -> {await t}')
    await asyncio.sleep(0)
    t.add_done_callback(cb1)
    print('added on done task')
    await asyncio.sleep(0)
    print(f'removed after done {t.remove_done_callback(cb2)}')

asyncio.run(main())
