/** A snapshot of a download, for progress bars. */
export interface DownloadProgress {
  /** Bytes on disk so far, including bytes kept from an earlier, interrupted attempt. */
  downloadedBytes: number;
  /** The whole file's size, when the server or the caller says. */
  totalBytes: number | undefined;
  /** Recent transfer rate (over the last few seconds). */
  bytesPerSecond: number;
  /** Seconds left at the recent rate, when the total is known and bytes are flowing. */
  etaSeconds: number | undefined;
}

const windowMs = 3000;

/** Measures speed over a sliding window and reports at most every `intervalMs`. */
export class ProgressMeter {
  #downloaded = 0;
  #total: number | undefined;
  #samples: { time: number; bytes: number }[] = [];
  #lastReport = 0;

  constructor(
    private readonly report: ((progress: DownloadProgress) => void) | undefined,
    private readonly intervalMs = 100,
  ) {}

  /** Start (or restart after a resume) at `downloaded` of `total` bytes. */
  reset(downloaded: number, total: number | undefined): void {
    this.#downloaded = downloaded;
    this.#total = total;
    this.#samples = [{ time: performance.now(), bytes: downloaded }];
  }

  add(bytes: number): void {
    this.#downloaded += bytes;
    const now = performance.now();
    this.#samples.push({ time: now, bytes: this.#downloaded });
    while (this.#samples.length > 2 && now - this.#samples[0]!.time > windowMs)
      this.#samples.shift();
    if (now - this.#lastReport >= this.intervalMs) this.emit(now);
  }

  /** Always reports, e.g. once at the end. */
  emit(now = performance.now()): void {
    this.#lastReport = now;
    if (!this.report) return;
    const first = this.#samples[0];
    const elapsed = first ? (now - first.time) / 1000 : 0;
    const rate = first && elapsed > 0 ? (this.#downloaded - first.bytes) / elapsed : 0;
    const remaining = this.#total === undefined ? undefined : this.#total - this.#downloaded;
    try {
      this.report({
        downloadedBytes: this.#downloaded,
        totalBytes: this.#total,
        bytesPerSecond: rate,
        etaSeconds: remaining !== undefined && rate > 0 ? remaining / rate : undefined,
      });
    } catch {
      // A broken progress bar must not break the download.
    }
  }
}
