/**
 * The documents that contain one term in one field, as two parallel typed arrays (document
 * slot, term frequency) that grow by doubling. Slots are appended in increasing order, so the
 * list stays sorted and a removal can find its entry by binary search.
 */
export class Postings {
  slots: Uint32Array<ArrayBufferLike>;
  freqs: Uint32Array<ArrayBufferLike>;
  length: number;

  /** Empty, or over given arrays (views into a bulk-built or loaded index: growing copies them). */
  constructor(
    slots: Uint32Array<ArrayBufferLike> = new Uint32Array(4),
    freqs: Uint32Array<ArrayBufferLike> = new Uint32Array(4),
    length = 0,
  ) {
    this.slots = slots;
    this.freqs = freqs;
    this.length = length;
  }

  add(slot: number, freq: number): void {
    if (this.length === this.slots.length) this.grow();
    this.slots[this.length] = slot;
    this.freqs[this.length] = freq;
    this.length++;
  }

  remove(slot: number): boolean {
    const at = this.find(slot);
    if (at < 0) return false;
    this.slots.copyWithin(at, at + 1, this.length);
    this.freqs.copyWithin(at, at + 1, this.length);
    this.length--;
    return true;
  }

  private find(slot: number): number {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = this.slots[mid] as number;
      if (value === slot) return mid;
      if (value < slot) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  private grow(): void {
    const slots = new Uint32Array(Math.max(4, this.slots.length * 2));
    const freqs = new Uint32Array(Math.max(4, this.freqs.length * 2));
    slots.set(this.slots);
    freqs.set(this.freqs);
    this.slots = slots;
    this.freqs = freqs;
  }
}
