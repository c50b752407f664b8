/** A fixed-capacity ring: memory stays flat however long the monitor runs. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  push(item: T): void {
    const end = (this.start + this.size) % this.capacity;
    this.items[end] = item;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  get length(): number {
    return this.size;
  }

  /** The newest `count` items (all by default), oldest first. */
  last(count = this.size): T[] {
    const taken = Math.min(count, this.size);
    const result: T[] = new Array(taken);
    for (let index = 0; index < taken; index++) {
      result[index] = this.items[(this.start + this.size - taken + index) % this.capacity] as T;
    }
    return result;
  }
}
