/**
 * A growable ring buffer: O(1) push and pop at the back, O(1) shift at the front (a head
 * index, never `Array.prototype.shift`). Queue and LifoQueue store their items here.
 */
export class Deque<T> {
  private buf: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  /** How many items it holds. */
  length = 0;

  push(item: T): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = item;
    this.length++;
  }

  /** Removes and returns the oldest item (the caller checks `length` first). */
  shift(): T {
    const item = this.buf[this.head] as T;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return item;
  }

  /** Removes and returns the newest item (the caller checks `length` first). */
  pop(): T {
    const i = (this.head + this.length - 1) & (this.buf.length - 1);
    const item = this.buf[i] as T;
    this.buf[i] = undefined;
    this.length--;
    return item;
  }

  private grow(): void {
    const old = this.buf;
    const buf = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.length; i++) buf[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = buf;
    this.head = 0;
  }
}
