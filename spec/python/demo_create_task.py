# demos/create-task.ts in CPython (delays in 0.01 s units).
import asyncio

async def other_function():
    print('1')
    await asyncio.sleep(0.02)
    print('2')

async def main():
    print('A')
    task = asyncio.create_task(other_function(), name='other_function')
    await asyncio.sleep(0.01)
    print('B')
    await task

asyncio.run(main())
