/** How often the readout changes, ms: often enough to follow, slow enough to read. */
const SHOW_MS = 500;

/**
 * Frames per second the page draws, counted over the last half second and
 * shown in an element. `frame` is called once per animation frame and only
 * counts; the text is written twice a second.
 */
export class FpsMeter {
  /** Latest measured rate (frames per second), 0 until the first half second has passed. */
  fps = 0;
  private frames = 0;
  private since = -1;

  constructor(private readonly el: HTMLElement | null) {}

  /** Counts one drawn frame at `now` (ms, performance.now()). */
  frame(now: number): void {
    // Frames drawn after `since`: the first one only starts the clock.
    if (this.since < 0) {
      this.since = now;
      return;
    }
    this.frames++;
    const span = now - this.since;
    if (span < SHOW_MS) return;
    this.fps = (this.frames * 1000) / span;
    this.frames = 0;
    this.since = now;
    if (this.el) this.el.textContent = `${Math.round(this.fps)} fps`;
  }
}
