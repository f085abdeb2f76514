import type { DecodedFrame } from '../../record/frame-codec.js';
import type { StatusMessage } from '../../live/protocol.js';
import type { SourceKind } from '../sources/source.js';
import type { RunSummary } from '../view/run-summary.js';
import { clock, num } from './format.js';

const int = (x: number) => Math.round(x).toLocaleString('en');

/**
 * Says that a run has ended: an "ended" badge in the toolbar and a card over
 * the floor with the run's final figures and how to run it again. Without
 * it a finished run looks like a frozen one.
 */
export class RunEnd {
  private shownTick = -1;

  constructor(
    private readonly badge: HTMLElement,
    private readonly card: HTMLElement,
  ) {
    card.querySelector('button')?.addEventListener('click', () => (card.hidden = true));
  }

  /** Hides both (a new run, or the run restarted). */
  hide(): void {
    this.badge.hidden = true;
    this.card.hidden = true;
    this.shownTick = -1;
  }

  /**
   * Shows or hides the end for the latest status and frame. Called a few
   * times a second; rewrites the card only when the last tick changes.
   */
  update(status: StatusMessage | null, frame: DecodedFrame | null, summary: RunSummary, kind: SourceKind): void {
    const ended = !!status && status.done && !!frame && frame.tick >= status.ticks;
    if (!ended) {
      if (this.shownTick >= 0) this.hide();
      return;
    }
    if (frame.tick === this.shownTick) return;
    const first = this.shownTick < 0;
    this.shownTick = frame.tick;
    this.badge.hidden = false;
    const k = summary.final(frame);
    const again = kind === 'replay' ? 'plays the recording again from the start' : `runs it again with seed ${status.seed}`;
    const seen = k.partial ? ' <small>(of the part this page saw)</small>' : '';
    const rows: [string, string][] = [
      ['Orders completed', int(k.completed)],
      ['Orders per hour', num(k.ordersPerHour)],
      ['Orders open at the end', int(k.open)],
      ['Cycle time p50 / p95', Number.isFinite(k.p50) ? `${clock(k.p50)} / ${clock(k.p95)}${seen}` : '–'],
    ];
    this.card.querySelector('.run-end-title')!.textContent = `Run ended after ${clock(k.seconds)} simulated · seed ${status.seed}`;
    this.card.querySelector('dl')!.innerHTML = rows.map(([a, b]) => `<dt>${a}</dt><dd>${b}</dd>`).join('');
    this.card.querySelector('.hint')!.textContent = `Play (or Space) ${again}.`;
    if (first) this.card.hidden = false;
  }
}
