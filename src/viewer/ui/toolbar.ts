import type { ControlInput, StatusMessage } from '../../live/protocol.js';
import type { SourceKind } from '../sources/source.js';
import type { BuiltIn } from '../scenarios.js';
import { byId } from './dom.js';
import { runLine, siteTime } from './format.js';

export interface ToolbarActions {
  control(c: ControlInput): void;
  chooseScenario(name: string): void;
  /** Watch the server's run again (the page came from `wsim serve`). */
  chooseLive(): void;
  /** Open the files picked together (a LoRR output takes its problem and the problem's files with it). */
  openFiles(files: File[]): void;
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
  private readonly siteEl = byId('clock-site');
  private readonly runEl = byId('clock-run');
  private readonly badge = byId('badge');
  private readonly scrubber = byId('scrubber');
  private readonly scrub = byId<HTMLInputElement>('scrub');
  private readonly scrubLabel = byId('scrub-label');
  private scrubbing = false;
  private kind: SourceKind = 'local';
  private last: StatusMessage | null = null;
  private clockTick = -1;
  private clockSeed: number | string | null = null;

  constructor(
    builtIns: BuiltIn[],
    private readonly act: ToolbarActions,
  ) {
    this.scenario.innerHTML = builtIns.map((b) => `<option value="${b.name}">${b.name}</option>`).join('');
    this.scenario.addEventListener('change', () => {
      if (this.scenario.selectedOptions[0]?.dataset.live) act.chooseLive();
      else act.chooseScenario(this.scenario.value);
    });
    byId('play').addEventListener('click', () => this.play());
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
      const picked = Array.from(file.files ?? []);
      file.value = '';
      if (picked.length > 0) act.openFiles(picked);
    });
    this.scrub.addEventListener('input', () => {
      this.scrubbing = true;
      act.seek(Number(this.scrub.value));
    });
    this.scrub.addEventListener('change', () => (this.scrubbing = false));
  }

  /** Play; at the end of a run, run it again with the same seed (a recording plays again from its start by itself). */
  private play(): void {
    const s = this.last;
    if (s?.done && this.kind !== 'replay') this.act.control({ type: 'restart', seed: s.seed });
    else this.act.control({ type: 'play' });
  }

  /** Space: pause a playing run, else play (or run again once it has ended). */
  togglePlay(): void {
    if (this.last?.playing) this.act.control({ type: 'pause' });
    else this.play();
  }

  /** Arrow keys: forward any run by `ticks`; back only in a recording (a run cannot go back). */
  stepBy(ticks: number): void {
    if (ticks > 0) this.act.control({ type: 'step', count: ticks });
    else if (this.kind === 'replay') this.act.seek(Math.max(0, Number(this.scrub.value) + ticks));
  }

  /** + and -: the next speed up or down the menu. */
  nudgeSpeed(dir: 1 | -1): void {
    const k = this.speed.selectedIndex + dir;
    if (k < 0 || k >= this.speed.options.length) return;
    this.speed.selectedIndex = k;
    this.act.control({ type: 'speed', speed: this.speedValue() });
  }

  speedValue(): number | 'max' {
    return this.speed.value === 'max' ? 'max' : Number(this.speed.value);
  }

  /**
   * Shows where the run comes from; a live or replayed run has no scenario
   * choice of its own. The server's run keeps its entry in the menu while a
   * local run plays, so the page can go back to it.
   */
  setSource(kind: SourceKind, name: string, range?: { first: number; last: number }): void {
    this.kind = kind;
    this.last = null;
    this.badge.textContent = kind;
    this.badge.className = `badge ${kind}`;
    if (!Array.from(this.scenario.options).some((o) => o.value === name)) {
      const o = document.createElement('option');
      o.value = name;
      o.textContent = name;
      if (kind === 'live') o.dataset.live = '1';
      else o.dataset.extra = '1';
      this.scenario.appendChild(o);
    }
    for (const o of Array.from(this.scenario.options)) {
      if (o.value === name) continue;
      // One entry for the server's run: its name changes once it says which scenario it runs.
      if (o.dataset.extra || (kind === 'live' && o.dataset.live)) o.remove();
    }
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
    this.last = s;
    // Play stays on at the end: it runs the scenario again.
    byId<HTMLButtonElement>('play').disabled = s.playing;
    byId('play').title = s.done ? (this.kind === 'replay' ? 'Play again from the start' : `Run again with seed ${s.seed}`) : 'Play';
    byId<HTMLButtonElement>('pause').disabled = !s.playing;
    this.seed.placeholder = `seed ${s.seed}`;
  }

  /** The clock for the frame on screen: rewritten only when the tick or the seed changes (this runs every animation frame). */
  frame(tick: number, time: number, ticks: number, tickSeconds: number, startOfDay = 0): void {
    const seed = this.last?.seed ?? null;
    if (tick !== this.clockTick || seed !== this.clockSeed) {
      this.clockTick = tick;
      this.clockSeed = seed;
      this.siteEl.textContent = siteTime(startOfDay, time);
      this.runEl.textContent = runLine(time, ticks * tickSeconds, tick, seed);
      this.scrubLabel.textContent = `tick ${tick}`;
    }
    // Written only when it differs: called every animation frame, and a write invalidates the page's paint.
    if (!this.scrubber.hidden && !this.scrubbing && Number(this.scrub.value) !== tick) this.scrub.value = String(tick);
  }
}
