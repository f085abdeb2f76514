import type { StallCause } from '../../stalls/stall-chain.js';
import type { DecodedFrame } from '../../record/frame-codec.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { FrameStallsReader } from '../../record/stall-sections.js';
import { currentStalls, layoutCellKinds, type CurrentStall } from '../view/stalls.js';
import { clock, rc } from './format.js';

/** Stalls listed. */
const LISTED = 8;

/** What holds a chain up, in words (the report's `cause`). */
const CAUSE_LABELS: Record<StallCause, string> = {
  robot: 'robot in the way',
  cycle: 'deadlock cycle',
  closure: 'closed cell',
  queue: 'station queue',
  charger: 'charger',
};

/**
 * The side panel's current stalls (docs/stalls.md): the longest stall
 * episodes going on in the frame on screen, each with how long it has
 * lasted, its cause and its wait-for chain. Clicking one selects the robot at
 * the tail of its chain (so the chain is drawn) and moves the camera there.
 * Hidden for a run whose frames carry no wait-for links.
 */
export class StallsPanel {
  private readonly section: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private kinds: Uint8Array = new Uint8Array(0);
  private width = 1;
  private tickSeconds = 1;
  private shown: CurrentStall[] = [];
  private lastKey = '';
  private readonly reader = new FrameStallsReader();

  constructor(
    panel: HTMLElement,
    /** Called with the robot of a clicked stall. */
    private readonly onPick: (robot: number) => void,
  ) {
    this.section = document.createElement('section');
    this.section.id = 'stalls';
    this.section.hidden = true;
    this.section.innerHTML = '<h2>Stalls <span id="stalls-count" class="value"></span></h2><ol id="stalls-list" class="alerts"></ol><p class="hint">Longest going on now. Click one to follow its chain.</p>';
    // Under the charts (and the alerts), above the stations.
    panel.insertBefore(this.section, panel.children[1] ?? null);
    this.list = this.section.querySelector('ol')!;
    this.count = this.section.querySelector('span')!;
    this.list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      const k = li ? Number(li.dataset.k) : -1;
      const s = this.shown[k];
      if (s) this.onPick(s.robot);
    });
  }

  /** A new run or layout. */
  setLayout(l: LayoutInfo): void {
    this.kinds = layoutCellKinds(l);
    this.width = l.width;
    this.tickSeconds = l.tickSeconds;
    this.shown = [];
    this.lastKey = '';
    this.section.hidden = true;
  }

  /** Lists the frame's stalls (called at the panel's refresh rate). */
  update(f: DecodedFrame): void {
    const fs = this.reader.read(f, this.kinds);
    this.section.hidden = fs === null;
    if (fs === null) return;
    const list = currentStalls(fs, LISTED);
    const stalled = fs.stalled;
    this.count.textContent = `${stalled} robot${stalled === 1 ? '' : 's'} waiting`;
    const rows = list.map((s, k) => {
      const chain = s.chain.join(' → ');
      const secs = (f.tick - s.startTick) * this.tickSeconds;
      return `<li data-k="${k}" class="${s.cause === 'cycle' || s.cause === 'closure' ? 'critical' : ''}" title="robot ${s.robot} at ${rc(s.cells[0] ?? -1, this.width)}: each robot waits for the next"><span class="mono">${clock(secs)}</span> <b>${CAUSE_LABELS[s.cause]}</b>: ${chain}</li>`;
    });
    const key = rows.join('');
    this.shown = list;
    if (key === this.lastKey) return;
    this.lastKey = key;
    // Nothing stalled: an empty list under the count ("0 robots waiting"), not a row that looks like an alert.
    this.list.innerHTML = key;
    this.list.style.cursor = 'pointer';
  }
}
