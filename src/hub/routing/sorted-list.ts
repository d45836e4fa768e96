/**
 * An array kept in order by binary-search insertion. Reads of the best few entries are O(1);
 * inserts and removals move memory but never compare more than log n times, which at routing
 * sizes (thousands of agents, tens of thousands of contacts) beats a tree's allocations.
 */
export class SortedList<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  private lowerBound(item: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    this.items.splice(this.lowerBound(item), 0, item);
  }

  /** Removes the entry equal to `item` under the comparator (the comparator must end in a unique id). */
  remove(item: T): boolean {
    const at = this.lowerBound(item);
    if (at < this.items.length && this.compare(this.items[at] as T, item) === 0) {
      this.items.splice(at, 1);
      return true;
    }
    return false;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.items.length; i++) yield this.items[i] as T;
  }
}
