/** A binary min-heap: the poller finds the next due instance in O(log n), however many there are. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly priority: (item: T) => number) {}

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.priority(items[parent] as T) <= this.priority(item)) break;
      items[index] = items[parent] as T;
      index = parent;
    }
    items[index] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let index = 0;
    const lastPriority = this.priority(last);
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && this.priority(items[right] as T) < this.priority(items[left] as T)
          ? right
          : left;
      if (this.priority(items[child] as T) >= lastPriority) break;
      items[index] = items[child] as T;
      index = child;
    }
    items[index] = last;
    return top;
  }

  /** Empties the heap and returns what it held, e.g. to re-insert with new priorities. */
  drain(): T[] {
    return this.items.splice(0, this.items.length);
  }
}
