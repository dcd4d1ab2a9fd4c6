/**
 * A bounded FIFO: keeps at most `maxItems` items and, when a size function is given, at most `maxSize` total size;
 * the oldest go first. Pure; O(1) push and eviction.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;
  private size = 0;

  constructor(
    private readonly maxItems: number,
    private readonly sizeOf: (item: T) => number = () => 0,
    private readonly maxSize = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(maxItems) || maxItems < 1) throw new Error("RingBuffer needs a positive capacity");
    this.items = new Array(maxItems);
  }

  push(item: T): void {
    if (this.count === this.maxItems) this.shift();
    this.items[(this.head + this.count) % this.maxItems] = item;
    this.count++;
    this.size += this.sizeOf(item);
    while (this.size > this.maxSize && this.count > 1) this.shift();
  }

  private shift(): void {
    const old = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.maxItems;
    this.count--;
    this.size -= this.sizeOf(old);
  }

  get length(): number {
    return this.count;
  }

  get totalSize(): number {
    return this.size;
  }

  /** The newest item, without copying the rest. */
  last(): T | undefined {
    return this.count ? this.items[(this.head + this.count - 1) % this.maxItems] : undefined;
  }

  toArray(): T[] {
    const out: T[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.head + i) % this.maxItems] as T;
    return out;
  }

  clear(): void {
    this.items = new Array(this.maxItems);
    this.head = 0;
    this.count = 0;
    this.size = 0;
  }
}
