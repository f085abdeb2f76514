/**
 * A first-in first-out queue of fixed-width integer records in one ring
 * buffer (struct-in-array): equipment queues (totes on a conveyor, items in a
 * chute) without an allocation per entry. Grows by doubling when full, so a
 * bounded queue allocates only while it first fills.
 */
export class Fifo {
  private buf: Int32Array;
  private head = 0;
  length = 0;

  /** `width` integers per record. */
  constructor(
    readonly width: number,
    initial = 16,
  ) {
    this.buf = new Int32Array(Math.max(1, initial) * width);
  }

  private get capacity(): number {
    return this.buf.length / this.width;
  }

  private grow(): void {
    const cap = this.capacity;
    const next = new Int32Array(cap * 2 * this.width);
    for (let k = 0; k < this.length; k++) {
      const from = ((this.head + k) % cap) * this.width;
      next.set(this.buf.subarray(from, from + this.width), k * this.width);
    }
    this.buf = next;
    this.head = 0;
  }

  /** Appends a record (missing fields are 0). */
  push(a: number, b = 0, c = 0, d = 0): void {
    if (this.length === this.capacity) this.grow();
    const at = ((this.head + this.length) % this.capacity) * this.width;
    const w = this.width;
    this.buf[at] = a;
    if (w > 1) this.buf[at + 1] = b;
    if (w > 2) this.buf[at + 2] = c;
    if (w > 3) this.buf[at + 3] = d;
    this.length++;
  }

  /** Field `f` of the k-th record from the front. */
  at(k: number, f = 0): number {
    return this.buf[((this.head + k) % this.capacity) * this.width + f];
  }

  /** Field `f` of the front record. */
  peek(f = 0): number {
    return this.buf[this.head * this.width + f];
  }

  /** Drops the front record. */
  shift(): void {
    if (this.length === 0) throw new Error('shift on an empty queue');
    this.head = (this.head + 1) % this.capacity;
    this.length--;
  }
}
