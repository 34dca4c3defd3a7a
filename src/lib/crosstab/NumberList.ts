/** A growing list of numbers in a typed array: 8 bytes each, outside the JS heap, no boxed element per number. */
export class NumberList {
  private items: Float64Array;
  length = 0;

  /** `capacity`: room for that many numbers up front (when the caller knows a bound). */
  constructor(capacity = 0) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  /** Append a number. */
  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  /** The numbers so far (a view: valid until the next push). */
  view(): Float64Array {
    return this.items.subarray(0, this.length);
  }
}
