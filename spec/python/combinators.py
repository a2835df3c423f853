# The CPython 3.11 twins of the combinators' trace specs (spec/gather.spec.ts,
# task-group, shield, timeout, wait-for, as-completed, wait): `python3 spec/python/combinators.py`.
# Each line is '<virtual ms> <event>'; 10 virtual ms run as U seconds of real time.
import asyncio
U = 0.02
def now(): return round((asyncio.get_running_loop().time() - T0) / U) * 10
def p(*a): print(f"{now()} " + " ".join(str(x) for x in a))

async def val(ms, v, name=None):
    try:
        await asyncio.sleep(ms / 10 * U); p(name or v, 'done'); return v
    except asyncio.CancelledError:
        p(name or v, 'cancelled'); raise
    finally:
        pass
async def boom(ms, msg):
    await asyncio.sleep(ms / 10 * U); p('raise', msg); raise ValueError(msg)

async def scenario(name, coro):
    global T0
    T0 = asyncio.get_running_loop().time()
    print(f"--- {name}")
    try:
        r = await coro()
        p('result', r)
    except BaseException as e:
        p('error', type(e).__name__, getattr(e, 'exceptions', str(e)))

async def gather_order():
    return await asyncio.gather(val(30,'a'), val(10,'b'), val(20,'c'))
async def gather_retexc():
    return await asyncio.gather(val(10,'a'), boom(20,'x'), val(30,'c'), return_exceptions=True)
async def gather_sibling():
    t = asyncio.create_task(val(30, 'sib'))
    try:
        await asyncio.gather(boom(10,'x'), t)
    except ValueError as e:
        p('gather failed', e)
    p('sib result', await t)
async def gather_cancel():
    g = asyncio.gather(val(10,'a'), val(30,'b'))
    async def canc():
        await asyncio.sleep(2*U); p('cancel'); g.cancel()
    asyncio.create_task(canc())
    try:
        await g
    except asyncio.CancelledError:
        p('gather cancelled')
async def tg_one():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(val(30,'a')); tg.create_task(boom(10,'x'))
        await val(50, 'body')
async def tg_two():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(boom(10,'x')); tg.create_task(boom(10,'y')); tg.create_task(val(30,'a'))
async def tg_add():
    async with asyncio.TaskGroup() as tg:
        async def spawner():
            await asyncio.sleep(1*U); p('spawn'); tg.create_task(val(20,'late')); return 's'
        tg.create_task(spawner())
        p('body end')
    p('group end')
    return 'ok'
async def tg_after():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(val(10,'a'))
    coro = val(10,'b')
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        coro.close()
        p('RuntimeError', e)
async def tg_nested():
    async with asyncio.TaskGroup() as outer:
        async def inner():
            async with asyncio.TaskGroup() as tg:
                tg.create_task(val(20,'i1')); tg.create_task(boom(10,'inner'))
        outer.create_task(inner()); outer.create_task(val(30,'o1'))
async def tg_outside():
    async def grp():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(val(20,'a')); tg.create_task(val(30,'b'))
    t = asyncio.create_task(grp())
    await asyncio.sleep(1*U); p('cancel'); t.cancel()
    try: await t
    except asyncio.CancelledError: p('group task cancelled')
async def shield_outer_cancel():
    inner = asyncio.create_task(val(30,'inner'))
    async def caller(): return await asyncio.shield(inner)
    c = asyncio.create_task(caller())
    await asyncio.sleep(1*U); p('cancel caller'); c.cancel()
    try: await c
    except asyncio.CancelledError: p('caller cancelled')
    p('inner', await inner)
async def shield_normal():
    inner = asyncio.create_task(val(20,'inner'))
    return await asyncio.shield(inner)
async def shield_inner_cancel():
    inner = asyncio.create_task(val(30,'inner'))
    async def canc():
        await asyncio.sleep(1*U); p('cancel inner'); inner.cancel()
    asyncio.create_task(canc())
    return await asyncio.shield(inner)
async def timeout_in_time():
    async with asyncio.timeout(3*U) as cm:
        r = await val(10,'work')
    p('expired', cm.expired()); return r
async def timeout_expired():
    try:
        async with asyncio.timeout(2*U) as cm:
            await val(50,'work')
    except TimeoutError:
        p('TimeoutError', cm.expired())
async def timeout_resched():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            p('when', cm.when())
            cm.reschedule(loop.time() + 2*U)
            await val(50,'work')
    except TimeoutError:
        p('TimeoutError', cm.expired())
async def timeout_past():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(5*U) as cm:
            async def r():
                await asyncio.sleep(1*U); p('reschedule past'); cm.reschedule(loop.time() - 1)
            asyncio.create_task(r())
            await val(50,'work')
    except TimeoutError:
        p('TimeoutError', cm.expired())
async def wait_for_():
    async def slow():
        try: await asyncio.sleep(36000)
        finally: p('slow finally')
    try:
        await asyncio.wait_for(slow(), timeout=1*U)
    except TimeoutError:
        p('timeout!')
async def as_completed_():
    for f in asyncio.as_completed([val(30,'a'), val(10,'b'), val(20,'c')]):
        p('got', await f)
async def as_completed_to():
    try:
        for f in asyncio.as_completed([val(30,'a'), val(10,'b')], timeout=2*U):
            p('got', await f)
    except TimeoutError:
        p('TimeoutError')
    await asyncio.sleep(2*U)
async def wait_mode(mode):
    ts = [asyncio.create_task(val(10,'a')), asyncio.create_task(boom(20,'x')), asyncio.create_task(val(30,'c'))]
    done, pending = await asyncio.wait(ts, return_when=mode)
    p('done', sorted(ts.index(t) for t in done), 'pending', sorted(ts.index(t) for t in pending))
    await asyncio.sleep(2*U)
    for t in ts: t.done() and not t.cancelled() and t.exception()
async def wait_to():
    ts = [asyncio.create_task(val(10,'a')), asyncio.create_task(val(30,'c'))]
    done, pending = await asyncio.wait(ts, timeout=2*U)
    p('done', sorted(ts.index(t) for t in done), 'pending', sorted(ts.index(t) for t in pending))
    await asyncio.sleep(2*U)

async def main():
    await asyncio.sleep(0.05)  # warm up, so the first trace's times are exact
    for name, c in [('gather order', gather_order), ('gather returnExceptions', gather_retexc), ('gather sibling', gather_sibling),
                    ('gather cancel', gather_cancel), ('tg one failing', tg_one), ('tg two failing', tg_two), ('tg add', tg_add),
                    ('tg after', tg_after), ('tg nested', tg_nested), ('tg outside', tg_outside),
                    ('shield outer cancel', shield_outer_cancel), ('shield normal', shield_normal), ('shield inner cancel', shield_inner_cancel),
                    ('timeout in time', timeout_in_time), ('timeout expired', timeout_expired), ('timeout None resched', timeout_resched), ('timeout past', timeout_past),
                    ('wait_for', wait_for_), ('as_completed', as_completed_), ('as_completed timeout', as_completed_to),
                    ('wait FIRST_COMPLETED', lambda: wait_mode(asyncio.FIRST_COMPLETED)), ('wait FIRST_EXCEPTION', lambda: wait_mode(asyncio.FIRST_EXCEPTION)),
                    ('wait ALL_COMPLETED', lambda: wait_mode(asyncio.ALL_COMPLETED)), ('wait timeout', wait_to)]:
        await scenario(name, c)
asyncio.run(main())
