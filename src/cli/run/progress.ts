import { formatDuration } from '../../core/duration.js';

/**
 * Progress on stderr: redrawn in place on a terminal (at most ~10 times a
 * second), one line per 10% otherwise (CI logs).
 */
export class Progress {
  private lastDraw = 0;
  private nextDecile = 1;
  private readonly tty: boolean;
  private readonly started = performance.now();

  constructor(
    private readonly totalTicks: number,
    private readonly tickSeconds: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(tick: number, ordersDone: number): void {
    if (this.tty) {
      const now = performance.now();
      if (now - this.lastDraw < 100 && tick < this.totalTicks) return;
      this.lastDraw = now;
      this.stream.write(`\r\x1b[K${this.line(tick, ordersDone)}`);
    } else if (tick * 10 >= this.nextDecile * this.totalTicks) {
      while (tick * 10 >= this.nextDecile * this.totalTicks) this.nextDecile++;
      this.stream.write(`${this.line(tick, ordersDone)}\n`);
    }
  }

  finish(): void {
    if (this.tty) this.stream.write('\r\x1b[K');
  }

  private line(tick: number, ordersDone: number): string {
    const pct = Math.floor((100 * tick) / this.totalTicks);
    const wall = (performance.now() - this.started) / 1000;
    return `[${String(pct).padStart(3)}%] simulated ${formatDuration(tick * this.tickSeconds)} of ${formatDuration(
      this.totalTicks * this.tickSeconds,
    )}, ${ordersDone} orders done, ${wall.toFixed(1)}s wall`;
  }
}
