# demos/sleep-result.ts in CPython (delays in 0.01 s units).
import asyncio

async def main():
    print(await asyncio.sleep(0.01, result='coffee'))
    print(await asyncio.sleep(0.005))
    async def other():
        print('other task ran')
    asyncio.create_task(other())
    print(await asyncio.sleep(0, 'after a yield'))

asyncio.run(main())
