import type { DecodedFrame } from '../../record/frame-codec.js';
import { EventKind } from '../../core/events.js';
import { ALERT_RULE_NAMES, ALERT_SEVERITY, subjectLabel } from '../../alerts/rules.js';
import { runClock } from '../../alerts/report.js';

/** Alerts listed; older ones drop off the bottom. */
const MAX_ALERTS = 50;

interface Row {
  tick: number;
  rule: number;
  subject: number;
  cleared: boolean;
}

/**
 * The side panel's alerts: one row per alert raised (run clock, rule,
 * subject), newest first, capped, greyed once its condition clears. Built
 * from the AlertRaised / AlertCleared events in the frames, so it works the
 * same for a run in the worker, a server's run and a recording. The section
 * stays hidden until the first alert: a run without the detector shows none.
 */
export class AlertsPanel {
  private readonly section: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private rows: Row[] = [];
  private raised = 0;
  private tickSeconds = 1;
  private dirty = false;

  constructor(panel: HTMLElement) {
    this.section = document.createElement('section');
    this.section.id = 'alerts';
    this.section.hidden = true;
    this.section.innerHTML = '<h2>Alerts <span id="alerts-count" class="value"></span></h2><ol id="alerts-list" class="alerts"></ol>';
    // Under the charts, above the stations: what needs a look comes first.
    panel.insertBefore(this.section, panel.children[1] ?? null);
    this.list = this.section.querySelector('ol')!;
    this.count = this.section.querySelector('span')!;
  }

  /** A new run: forget the old one's alerts. */
  reset(tickSeconds: number): void {
    this.tickSeconds = tickSeconds;
    this.rows = [];
    this.raised = 0;
    this.dirty = true;
    this.render();
  }

  /** Takes the alert events of a frame (cheap when it has none). */
  add(f: DecodedFrame): void {
    const e = f.events;
    for (let k = 0; k < e.count; k++) {
      const kind = e.kind[k];
      if (kind === EventKind.AlertRaised) {
        this.raised++;
        this.rows.unshift({ tick: e.tick[k], rule: e.a[k], subject: e.b[k], cleared: false });
        if (this.rows.length > MAX_ALERTS) this.rows.length = MAX_ALERTS;
        this.dirty = true;
      } else if (kind === EventKind.AlertCleared) {
        const row = this.rows.find((r) => !r.cleared && r.rule === e.a[k] && r.subject === e.b[k]);
        if (row) row.cleared = true;
        this.dirty = true;
      }
    }
  }

  /** Redraws when something changed (called at the panel's refresh rate). */
  render(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.section.hidden = this.raised === 0;
    const active = this.rows.filter((r) => !r.cleared).length;
    this.count.textContent = this.raised ? `${active} active, ${this.raised} raised` : '';
    this.list.innerHTML = this.rows
      .map((r) => {
        const rule = ALERT_RULE_NAMES[r.rule] ?? `rule ${r.rule}`;
        const sev = ALERT_SEVERITY[r.rule] ?? 'warning';
        return `<li class="${sev}${r.cleared ? ' cleared' : ''}"><span class="mono">${runClock(r.tick * this.tickSeconds)}</span> <b>${rule}</b> ${subjectLabel(r.rule, r.subject)}</li>`;
      })
      .join('');
  }
}
