/**
 * Wall time that viewers' expensive commands (restart, step) may take, shared
 * by every viewer of one server. Each viewer's own message limit does not
 * bound the total: fifty viewers each within it can keep the event loop busy
 * for seconds, and no frame goes out meanwhile. This is a token bucket of
 * milliseconds: it refills at `msPerSecond` up to `burstMs`; a command may
 * start while the balance is above zero and is charged what it really took,
 * so a costly one leaves a debt that later commands wait out. Wall time is
 * fine here: the budget decides which commands run, never how the run steps.
 */
export class WorkBudget {
  private balance: number;
  private at: number;

  constructor(
    /** Refill rate; Infinity: no limit. */
    readonly msPerSecond: number,
    /** Most that may be spent in one go after a quiet spell. */
    readonly burstMs: number,
    now: number,
  ) {
    this.balance = burstMs;
    this.at = now;
  }

  get unlimited(): boolean {
    return this.msPerSecond === Number.POSITIVE_INFINITY;
  }

  /** Ms until a command may start: 0 when it may start now. */
  waitMs(now: number): number {
    if (this.unlimited) return 0;
    this.refill(now);
    return this.balance > 0 ? 0 : ((-this.balance + 1) * 1000) / this.msPerSecond;
  }

  /** Takes what a command cost. */
  charge(ms: number, now: number): void {
    if (this.unlimited) return;
    this.refill(now);
    this.balance -= ms;
  }

  private refill(now: number): void {
    this.balance = Math.min(this.burstMs, this.balance + ((now - this.at) / 1000) * this.msPerSecond);
    this.at = now;
  }
}
