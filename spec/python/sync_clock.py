# Shared by the sync_*.py twins of spec/sync-traces.spec.ts: elapsed loop time in ms,
# rounded to the 100 ms unit the scenarios sleep in.
import asyncio

_t0 = None

def start():
    global _t0
    _t0 = asyncio.get_running_loop().time()

def t():
    return round((asyncio.get_running_loop().time() - _t0) * 10) * 100
