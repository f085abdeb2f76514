import type { ControlInput, StatusMessage } from '../../record/protocol.js';
import type { SourceKind } from '../sources/source.js';
import type { BuiltIn } from '../scenarios.js';
import { byId } from './dom.js';
import { clock } from './format.js';

export interface ToolbarActions {
  control(c: ControlInput): void;
  chooseScenario(name: string): void;
  openFile(file: File): void;
  fit(): void;
  seek(tick: number): void;
}

/** The controls along the top, and the replay scrubber under them. */
export class Toolbar {
  readonly heat = byId<HTMLInputElement>('ov-heat');
  readonly queues = byId<HTMLInputElement>('ov-queues');
  private readonly scenario = byId<HTMLSelectElement>('scenario');
  private readonly speed = byId<HTMLSelectElement>('speed');
  private readonly seed = byId<HTMLInputElement>('seed');
  private readonly clockEl = byId('clock');
  private readonly badge = byId('badge');
  private readonly scrubber = byId('scrubber');
  private readonly scrub = byId<HTMLInputElement>('scrub');
  private readonly scrubLabel = byId('scrub-label');
  private scrubbing = false;

  constructor(
    builtIns: BuiltIn[],
    private readonly act: ToolbarActions,
  ) {
    this.scenario.innerHTML = builtIns.map((b) => `<option value="${b.name}">${b.name}</option>`).join('');
    this.scenario.addEventListener('change', () => act.chooseScenario(this.scenario.value));
    byId('play').addEventListener('click', () => act.control({ type: 'play' }));
    byId('pause').addEventListener('click', () => act.control({ type: 'pause' }));
    byId('step').addEventListener('click', () => act.control({ type: 'step' }));
    this.speed.addEventListener('change', () => act.control({ type: 'speed', speed: this.speedValue() }));
    byId('restart').addEventListener('click', () => {
      const text = this.seed.value.trim();
      // A new seed when none is given: the model itself never draws one.
      const seed = text === '' ? Math.floor(Math.random() * 1e9) : /^-?\d+$/.test(text) ? Number(text) : text;
      act.control({ type: 'restart', seed });
    });
    byId('fit').addEventListener('click', () => act.fit());
    const file = byId<HTMLInputElement>('file');
    byId('open').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) act.openFile(f);
    });
    this.scrub.addEventListener('input', () => {
      this.scrubbing = true;
      act.seek(Number(this.scrub.value));
    });
    this.scrub.addEventListener('change', () => (this.scrubbing = false));
  }

  speedValue(): number | 'max' {
    return this.speed.value === 'max' ? 'max' : Number(this.speed.value);
  }

  /** Shows where the run comes from; a live or replayed run has no scenario choice of its own. */
  setSource(kind: SourceKind, name: string, range?: { first: number; last: number }): void {
    this.badge.textContent = kind;
    this.badge.className = `badge ${kind}`;
    if (!Array.from(this.scenario.options).some((o) => o.value === name)) {
      const o = document.createElement('option');
      o.value = name;
      o.textContent = name;
      o.dataset.extra = '1';
      this.scenario.appendChild(o);
    }
    for (const o of Array.from(this.scenario.options)) if (o.dataset.extra && o.value !== name) o.remove();
    this.scenario.value = name;
    this.seed.disabled = kind === 'replay';
    this.scrubber.hidden = !range;
    if (range) {
      this.scrub.min = String(range.first);
      this.scrub.max = String(range.last);
      this.scrub.value = String(range.first);
    }
  }

  status(s: StatusMessage): void {
    const v = String(s.speed);
    if (!Array.from(this.speed.options).some((o) => o.value === v)) {
      // A speed set elsewhere (wsim serve --speed 20): list it where it belongs.
      const o = document.createElement('option');
      o.value = v;
      o.textContent = `${v}x`;
      const after = Array.from(this.speed.options).find((x) => x.value === 'max' || Number(x.value) > Number(v));
      this.speed.insertBefore(o, after ?? null);
    }
    this.speed.value = v;
    byId<HTMLButtonElement>('play').disabled = s.playing || s.done;
    byId<HTMLButtonElement>('pause').disabled = !s.playing;
    this.seed.placeholder = `seed ${s.seed}`;
  }

  frame(tick: number, time: number, ticks: number, tickSeconds: number): void {
    this.clockEl.textContent = `${clock(time)} / ${clock(ticks * tickSeconds)} · tick ${tick}`;
    if (!this.scrubber.hidden && !this.scrubbing) this.scrub.value = String(tick);
    this.scrubLabel.textContent = `tick ${tick}`;
  }
}
