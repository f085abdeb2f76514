import type { DecodedFrame } from '../../record/frame-codec.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { rc } from './format.js';

/**
 * The stations table: every station, in station order (the numbers on the
 * floor), in a box that scrolls when there are many. Rows are made once
 * per layout and only their figures change, so the order never jumps and
 * a row someone is reading stays where it is.
 */
export class StationsTable {
  private queue: HTMLTableCellElement[] = [];
  private pods: HTMLTableCellElement[] = [];
  private rows: HTMLTableRowElement[] = [];
  private last = new Int32Array(0);

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly count: HTMLElement,
  ) {}

  setLayout(layout: LayoutInfo): void {
    const n = layout.stations.length;
    this.rows = [];
    this.queue = [];
    this.pods = [];
    for (let s = 0; s < n; s++) {
      const tr = document.createElement('tr');
      // Arm stations say so beside their cell; people's stations (the usual case) say nothing.
      const by = layout.stationPickers?.[s];
      const arm = by !== undefined && by.startsWith('arm') ? ` · ${by}` : '';
      for (const text of [String(s), `${rc(layout.stations[s], layout.width)}${arm}`, '0', '0']) tr.appendChild(document.createElement('td')).textContent = text;
      this.rows.push(tr);
      this.queue.push(tr.cells[2]);
      this.pods.push(tr.cells[3]);
    }
    this.body.replaceChildren(...this.rows);
    this.count.textContent = n > 1 ? `${n}, in station order` : '';
    this.last = new Int32Array(n * 2).fill(-1);
  }

  /** Writes the queues and pod counts of frame `f`, touching only the cells whose figure changed. */
  update(f: DecodedFrame): void {
    for (let s = 0; s < this.rows.length; s++) {
      const q = f.stationQueue[s] ?? 0;
      const p = f.stationLoad[s] ?? 0;
      if (q !== this.last[2 * s]) {
        this.last[2 * s] = q;
        this.queue[s].textContent = String(q);
        this.rows[s].classList.toggle('queued', q > 0);
      }
      if (p !== this.last[2 * s + 1]) {
        this.last[2 * s + 1] = p;
        this.pods[s].textContent = String(p);
      }
    }
  }
}
