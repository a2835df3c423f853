# Future: callbacks run soon after set_result; setting twice raises InvalidStateError.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f'callback {f.result()}'))
    fut.set_result('noodles')
    print(f'set, done={fut.done()}')
    try:
        fut.set_result('again')
    except asyncio.InvalidStateError:
        print('InvalidStateError')
    print(f'await -> {await fut}')
    await asyncio.sleep(0)
    print('after one turn')

asyncio.run(main())
