/**
 * Keeps the k best (slot, score) pairs seen so far in a min-heap: O(n log k) over n
 * candidates instead of sorting them all. Ties go to the lower slot (earlier document), so
 * results are deterministic.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.slots = new Int32Array(Math.max(k, 0));
    this.scores = new Float64Array(Math.max(k, 0));
  }

  offer(slot: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      this.slots[this.size] = slot;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (this.isWorse(0, slot, score)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  drain(): Array<{ slot: number; score: number }> {
    const out: Array<{ slot: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) {
      out.push({ slot: this.slots[i] as number, score: this.scores[i] as number });
    }
    this.size = 0;
    return out.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /** Is the entry at heap index i worse than (slot, score)? */
  private isWorse(i: number, slot: number, score: number): boolean {
    const s = this.scores[i] as number;
    return s < score || (s === score && (this.slots[i] as number) > slot);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isWorse(i, this.slots[parent] as number, this.scores[parent] as number)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (
        left < this.size &&
        this.isWorse(left, this.slots[worst] as number, this.scores[worst] as number)
      )
        worst = left;
      if (
        right < this.size &&
        this.isWorse(right, this.slots[worst] as number, this.scores[worst] as number)
      )
        worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    const slot = this.slots[a] as number;
    const score = this.scores[a] as number;
    this.slots[a] = this.slots[b] as number;
    this.scores[a] = this.scores[b] as number;
    this.slots[b] = slot;
    this.scores[b] = score;
  }
}
