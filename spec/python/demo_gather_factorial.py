# demos/gather-factorial.ts in CPython (1 s as 0.1 s): the article's lines, then the return_exceptions variant.
import asyncio
async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: Compute factorial({number}), currently i={i}...")
        await asyncio.sleep(0.1)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")
    return f
async def failing(name):
    print(f"Task {name}: working...")
    await asyncio.sleep(0.1)
    print(f"Task {name}: raising ValueError")
    raise ValueError(f"{name} failed")
async def main():
    L = await asyncio.gather(factorial("A", 2), factorial("B", 3), factorial("C", 4))
    print(f"asynco gather output: {L}")
    print('-- with returnExceptions: true --')
    L = await asyncio.gather(factorial("A", 2), failing("B"), factorial("C", 3), return_exceptions=True)
    print(f"asynco gather output: {L}")
asyncio.run(main())
