# demos/future.ts in CPython (delays in 0.01 s units).
import asyncio

async def kitchen(token):
    print('kitchen: started cooking')
    await asyncio.sleep(0.03)
    token.set_result('ramen')
    print('kitchen: ramen is ready')

async def main():
    token = asyncio.get_running_loop().create_future()
    token.add_done_callback(lambda t: print(f'buzzer: your {t.result()} is ready'))
    print(f'ordered, got a token; done: {str(token.done()).lower()}')
    cook = asyncio.create_task(kitchen(token), name='cook')
    await asyncio.sleep(0.01)
    print(f'looked at the token; done: {str(token.done()).lower()}')
    food = await token
    print(f'eating {food}; done: {str(token.done()).lower()}, cook done: {str(cook.done()).lower()}')

asyncio.run(main())
