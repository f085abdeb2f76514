import type { RobotInfo } from '../record/inspect.js';
import type { LayoutInfo } from '../record/layout-info.js';
import type { ControlInput, StatusMessage } from '../live/protocol.js';
import type { ViewInput } from './render/layers/layer.js';
import type { Scene } from './render/scene.js';
import type { Source, SourceEvent } from './sources/source.js';
import { hookFrame, type TestHook } from './test-hook.js';
import { AgentTimelinePanel } from './ui/agent-timeline.js';
import { AlertsPanel } from './ui/alerts-panel.js';
import { FpsMeter } from './ui/fps.js';
import { HoverReadout } from './ui/hover.js';
import { Legend } from './ui/legend.js';
import { RunEnd } from './ui/run-end.js';
import { StallsPanel } from './ui/stalls-panel.js';
import type { Messages } from './ui/messages.js';
import type { Panel } from './ui/panel.js';
import type { Toolbar } from './ui/toolbar.js';
import { FrameTrack } from './view/frame-track.js';
import { KpiSeries } from './view/kpi.js';
import { RunSummary } from './view/run-summary.js';

/** Panel refresh period, ms. */
const PANEL_MS = 250;
/** Followed robot's details (task, path) are asked for this often, ms. */
const INSPECT_MS = 200;
const TIMINGS_KEPT = 600;

function sameFloor(a: LayoutInfo | null, b: LayoutInfo): boolean {
  return !!a && a.width === b.width && a.height === b.height && a.robots === b.robots && a.rows.join('\n') === b.rows.join('\n');
}

/**
 * Ties a run (a Source) to what is on screen: frames go to the track and the
 * KPI series as they arrive; once per animation frame the layers update from
 * the latest frames and pixi renders; the panel refreshes a few times a
 * second. Only the newest frame matters for drawing, so a run faster than
 * the display is sampled, not queued.
 */
export class Viewer {
  private source: Source | null = null;
  private pending: Source | null = null;
  private layout: LayoutInfo | null = null;
  private readonly track = new FrameTrack();
  private kpi: KpiSeries | null = null;
  /** The source sends its KPI series (replays, whose keyframes carry it): frames are not added here. */
  private kpiFromSource = false;
  private heat: ViewInput['heat'] = null;
  private heatVersion = 0;
  private selected = -1;
  private info: (RobotInfo & { recorded?: boolean }) | null = null;
  private status: StatusMessage | null = null;
  private lastPanel = 0;
  private lastInspect = 0;
  private readonly alerts = new AlertsPanel(document.getElementById('panel')!);
  /** Picking a stall selects its robot and brings the camera to it. */
  private readonly stalls = new StallsPanel(document.getElementById('panel')!, (robot) => {
    this.select(robot);
    this.scene.camera.following = true;
  });
  private readonly timeline = new AgentTimelinePanel(document.getElementById('panel')!);
  private readonly fps = new FpsMeter(document.getElementById('fps'));
  private readonly runEnd = new RunEnd(document.getElementById('ended')!, document.getElementById('run-end')!);
  private summary = new RunSummary(1);
  private readonly legend: Legend;
  private readonly hover: HoverReadout;
  /** What the layers draw from, refilled every animation frame. */
  private readonly view: ViewInput = { cur: null, prev: null, alpha: 1, heat: null, overlays: { heat: false, queues: false }, zoom: 1, selected: -1, info: null };

  constructor(
    private readonly scene: Scene,
    private readonly toolbar: Toolbar,
    private readonly panel: Panel,
    private readonly messages: Messages,
    private readonly hook: TestHook,
  ) {
    scene.camera.onClick = (wx, wy) => this.select(scene.robotAt(wx, wy, this.track.cur?.robotCount ?? 0));
    this.legend = new Legend(document.getElementById('cell-legend')!, document.getElementById('heat-scale')!, toolbar.heat);
    this.hover = new HoverReadout(document.getElementById('stage')!, document.getElementById('hover')!, (x, y) => scene.camera.toWorld(x, y), () => this.track.cur);
    hook.cells = () => Array.from(this.track.cur?.cell ?? []);
    hook.errors = () => messages.text();
    hook.snapshot = () => scene.snapshot();
    hook.robotOnScreen = (i) => scene.robotOnScreen(i);
    hook.selected = () => this.selected;
    hook.control = (c) => this.control(c);
    requestAnimationFrame(this.loop);
  }

  /**
   * Switches to `source` once it has said hello (sent its layout). If it
   * fails first (a bad scenario), its error is shown and the current run
   * stays on screen.
   */
  adopt(source: Source, name: string): void {
    this.pending?.dispose();
    this.pending = source;
    const early: SourceEvent[] = [];
    source.onEvent = (e) => {
      if (this.pending !== source) return;
      if (e.type === 'error') {
        this.pending = null;
        source.dispose();
        this.messages.error(`Could not load ${name}`, e.message, e.problems);
        return;
      }
      early.push(e);
      if (e.type === 'hello') {
        this.pending = null;
        this.use(source, name);
        for (const q of early) this.onEvent(q);
      }
    };
  }

  /** Shows a problem that is not the run's (a file that could not be read). */
  error(title: string, message: string): void {
    this.messages.error(title, message);
  }

  /** Watches `source` instead of the current one. */
  use(source: Source, name: string): void {
    this.source?.dispose();
    this.source = source;
    this.hook.source = source.kind;
    this.hook.scenario = name;
    this.status = null;
    this.select(-1);
    this.toolbar.setSource(source.kind, name, source.range);
    this.messages.clear();
    source.onEvent = (e) => {
      if (this.source === source) this.onEvent(e);
    };
  }

  control(c: ControlInput): void {
    this.source?.send(c);
  }

  seek(tick: number): void {
    this.source?.seek?.(tick);
  }

  fit(): void {
    this.scene.camera.following = false;
    this.scene.fit();
  }

  select(robot: number): void {
    this.selected = robot;
    this.info = null;
    this.scene.camera.following = false;
    this.scene.camera.following = robot >= 0 && (document.getElementById('insp-follow') as HTMLInputElement | null)?.checked !== false;
    if (robot >= 0) this.inspect();
    this.panel.robot(robot, null, this.track.cur);
  }

  /** Follow the selected robot again (or stop). */
  follow(on: boolean): void {
    this.scene.camera.following = on && this.selected >= 0;
  }

  private inspect(): void {
    this.lastInspect = performance.now();
    if (this.selected >= 0) this.source?.send({ type: 'inspect', robot: this.selected });
  }

  private onEvent(e: SourceEvent): void {
    switch (e.type) {
      case 'hello': {
        const l = e.layout;
        if (!sameFloor(this.layout, l)) {
          this.scene.setLayout(l);
          this.select(-1);
        }
        this.layout = l;
        if (this.source?.kind === 'live') this.toolbar.setSource('live', `${l.scenario} (server)`);
        this.panel.setLayout(l);
        this.track.clear();
        this.kpi = new KpiSeries(l.tickSeconds, l.ticks);
        this.kpiFromSource = false;
        this.alerts.reset(l.tickSeconds);
        this.stalls.setLayout(l);
        this.summary = new RunSummary(l.tickSeconds);
        this.runEnd.hide();
        this.legend.setLayout(l);
        this.hover.setLayout(l);
        this.heat = null;
        this.messages.clear('error');
        this.messages.clear('connection');
        const damaged = this.timeline.setLayout(l);
        if (damaged) this.messages.error('Problem', damaged);
        return;
      }
      case 'frame': {
        const f = e.frame;
        this.track.push(f, performance.now(), !(this.status?.playing ?? true));
        if (!this.kpiFromSource) this.kpi?.add(f);
        this.alerts.add(f);
        this.summary.add(f);
        hookFrame(this.hook, f);
        return;
      }
      case 'heat':
        this.heat = { version: ++this.heatVersion, wait: e.wait, max: e.max };
        this.legend.heat(e.max, this.layout?.tickSeconds ?? 1);
        return;
      case 'kpi':
        this.kpiFromSource = true;
        this.kpi?.restore(e.snapshot);
        return;
      case 'status':
        this.status = e.status;
        this.toolbar.status(e.status);
        return;
      case 'robot':
        if (e.info.robot === this.selected) this.info = e.info;
        return;
      case 'error':
        this.messages.error(this.layout ? 'Problem' : 'Could not load the scenario', e.message, e.problems);
        return;
      case 'disconnected':
        this.messages.notice(e.message, 'connection');
        return;
    }
  }

  private readonly loop = (): void => {
    requestAnimationFrame(this.loop);
    const t0 = performance.now();
    const cur = this.track.cur;
    // One object, filled in place each animation frame.
    const v = this.view;
    v.cur = cur;
    v.prev = this.track.prev;
    v.alpha = this.track.alpha(t0);
    v.heat = this.heat;
    v.overlays.heat = this.toolbar.heat.checked;
    v.overlays.queues = this.toolbar.queues.checked;
    v.zoom = this.scene.zoom;
    v.selected = this.selected;
    v.info = this.info;
    if (this.layout) this.scene.update(v);
    const t1 = performance.now();
    this.scene.render();
    const t2 = performance.now();
    this.hook.animationFrames++;
    this.fps.frame(t2);
    const timings = this.hook.timings;
    timings.push({ update: t1 - t0, render: t2 - t1 });
    if (timings.length > TIMINGS_KEPT) timings.splice(0, timings.length - TIMINGS_KEPT);
    if (this.track.fresh > 0) {
      this.track.fresh = 0;
      this.hook.framesDrawn++;
      this.source?.frameDrawn();
    }
    if (cur && this.layout) {
      this.toolbar.frame(cur.tick, cur.time, this.status?.ticks ?? this.layout.ticks, this.layout.tickSeconds, this.layout.startOfDaySeconds);
      if (t2 - this.lastPanel > PANEL_MS) {
        this.lastPanel = t2;
        this.panel.update(this.kpi, cur);
        this.alerts.render();
        this.stalls.update(cur);
        this.runEnd.update(this.status, cur, this.summary, this.source?.kind ?? 'local');
        this.panel.robot(this.selected, this.info, cur);
        this.timeline.update(this.selected, cur);
      }
      if (this.selected >= 0 && t2 - this.lastInspect > INSPECT_MS) this.inspect();
    }
  };
}
