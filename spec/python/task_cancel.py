# cancel(): True at once, done() false until the Task's next step, second cancel() True,
# done callbacks one turn after the Task is done, cancel() of a done Task False.
import asyncio

async def main():
    async def child():
        try:
            print('child start')
            await asyncio.sleep(10)
        finally:
            print('child finally')

    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: print(f'done callback cancelled={f.cancelled()}'))
    print(f'cancel -> {t.cancel("bye")}')
    print(f'done={t.done()}')
    print(f'cancel again -> {t.cancel("bye")}')
    await asyncio.sleep(0)
    print(f'next turn: done={t.done()} cancelled={t.cancelled()}')
    try:
        await t
    except asyncio.CancelledError as e:
        print(f'awaiter: CancelledError {e}')
    print(f'cancel done -> {t.cancel()}')

asyncio.run(main())
