import type { DownloadProgress } from './downloadTypes';

/**
 * A download's progress reports: at most one per `intervalMs` (unless forced), with the
 * speed of the stored bytes as an exponential moving average over about two seconds. A report
 * held back is made when its interval is up: on a slow network the next bytes may be seconds away.
 */
export class ProgressMeter {
  private lastReport = -Infinity;
  private held: Parameters<ProgressMeter['report']> | null = null;
  private heldTimer: ReturnType<typeof setTimeout> | null = null;
  private sampleAt?: number;
  private sampleDone = 0;
  private speed = 0;

  constructor(
    private readonly now: () => number,
    private readonly intervalMs: number,
    private readonly onProgress?: (progress: DownloadProgress) => void,
  ) {}

  /** A new body starts with `stored` bytes already kept: the speed is measured from here. */
  restart(stored: number) {
    this.sampleAt = this.now();
    this.sampleDone = stored;
  }

  /** `done` may run ahead of `stored` (bytes gathered, not yet written); the speed follows `stored`. */
  report(phase: DownloadProgress['phase'], done: number, total: number | undefined, stored: number, force = false) {
    const now = this.now();
    if (!force && now - this.lastReport < this.intervalMs) {
      this.held = [phase, done, total, stored];
      this.heldTimer ??= setTimeout(() => {
        this.heldTimer = null;
        if (this.held) this.report(...this.held);
      }, this.intervalMs - (now - this.lastReport));
      return;
    }
    this.stop();
    this.lastReport = now;
    if (phase === 'downloading') {
      if (this.sampleAt !== undefined && now > this.sampleAt) {
        const seconds = (now - this.sampleAt) / 1000;
        const rate = Math.max(0, stored - this.sampleDone) / seconds;
        this.speed = this.speed === 0 ? rate : this.speed + (1 - Math.exp(-seconds / 2)) * (rate - this.speed);
      }
      this.sampleAt = now;
      this.sampleDone = stored;
    }
    this.onProgress?.({ phase, done, total, bytesPerSecond: phase === 'downloading' ? Math.round(this.speed) : 0 });
  }

  /** Drops a report held back: the download ended. */
  stop() {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.held = null;
  }
}
