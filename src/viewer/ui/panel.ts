import type { DecodedFrame } from '../../record/frame-codec.js';
import type { RobotInfo } from '../../record/inspect.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { css, PERSON_COLORS, PERSON_LABELS, STATE_COLORS, STATE_LABELS } from '../render/palette.js';
import type { KpiSeries } from '../view/kpi.js';
import { LineChart } from './chart.js';
import { byId } from './dom.js';
import { clock, num, pct, rc } from './format.js';
import { StationsTable } from './stations-table.js';
import { StockFigure } from './stock.js';

/**
 * The side panel: KPI charts with their latest values, station queues, the
 * followed robot's details and the colour legend. Refreshed a few times a
 * second, not every frame: people read it at a glance.
 */
export class Panel {
  private readonly throughput = new LineChart(byId<HTMLCanvasElement>('chart-throughput'), (v) => `${num(v)}/h`);
  private readonly backlog = new LineChart(byId<HTMLCanvasElement>('chart-backlog'), (v) => num(v));
  private readonly util = new LineChart(byId<HTMLCanvasElement>('chart-util'), (v) => pct(v), 1);
  private readonly cycle = new LineChart(byId<HTMLCanvasElement>('chart-cycle'), (v) => clock(v));
  private readonly stations = new StationsTable(byId('stations').querySelector('tbody')!, byId('stations-count'));
  private readonly inspector = byId('inspector');
  private readonly inspId = byId('insp-id');
  private readonly inspBody = byId('insp-body');
  private readonly equipment = byId('equipment');
  private readonly equipmentBody = byId('equipment-body');
  private readonly stock = new StockFigure();
  private layout: LayoutInfo | null = null;

  constructor() {
    const legend = (labels: string[], colors: number[], shape: string) =>
      labels.map((l, k) => `<span><span class="swatch" style="background:${css(colors[k])};${shape};margin-left:0"></span>${l}</span>`).join('');
    byId('legend').innerHTML = legend(STATE_LABELS, STATE_COLORS, 'border-radius:50%');
    byId('people-legend').innerHTML = legend(PERSON_LABELS, PERSON_COLORS, 'transform:rotate(45deg) scale(0.8)');
  }

  setLayout(layout: LayoutInfo): void {
    this.layout = layout;
    this.stations.setLayout(layout);
    const eq = layout.equipment;
    this.equipment.hidden = !eq || eq.zones.length + eq.conveyors.length + eq.sorters.length + eq.agvs.length + eq.docks.length + (eq.packStations?.length ?? 0) === 0;
    byId('people-legend').hidden = !eq || eq.zones.length === 0;
    // Only what the site has: a person-to-goods floor has no robots or stations.
    byId('stations-section').hidden = layout.stations.length === 0;
    byId('robots-section').hidden = layout.robots === 0;
  }

  update(kpi: KpiSeries | null, frame: DecodedFrame | null): void {
    if (!kpi) return;
    const pts = kpi.points;
    const last = pts[pts.length - 1];
    byId('kpi-throughput').textContent = last ? `${num(last.throughput)} orders/h` : '–';
    byId('kpi-backlog').textContent = `${kpi.backlog} open`;
    byId('kpi-util').textContent = pct(kpi.utilisation);
    byId('kpi-cycle').textContent = last && Number.isFinite(last.p50) ? `${clock(last.p50)} / ${clock(last.p95)}` : '–';
    this.throughput.draw([{ label: 'orders/h', color: '#22c55e', values: pts.map((p) => p.throughput) }]);
    this.backlog.draw([{ label: 'open orders', color: '#facc15', values: pts.map((p) => p.backlog) }]);
    this.util.draw([{ label: 'busy', color: '#c084fc', values: pts.map((p) => p.utilisation) }]);
    this.cycle.draw([
      { label: 'p50', color: '#38bdf8', values: pts.map((p) => p.p50) },
      { label: 'p95', color: '#f97316', values: pts.map((p) => p.p95) },
    ]);
    if (frame && this.layout) {
      this.stations.update(frame);
      this.stock.update(frame);
      if (!this.equipment.hidden) this.flow(frame, this.layout);
    }
  }

  /** One line per kind of equipment: what it holds now. */
  private flow(f: DecodedFrame, layout: LayoutInfo): void {
    const fl = f.flow;
    const eq = layout.equipment;
    const rows: [string, string][] = [];
    if (fl.pickerState.length > 0) {
      const by = new Array<number>(PERSON_LABELS.length).fill(0);
      for (const s of fl.pickerState) by[s] = (by[s] ?? 0) + 1;
      rows.push(['pickers', PERSON_LABELS.map((l, k) => (by[k] ? `${by[k]} ${l}` : '')).filter(Boolean).join(', ')]);
    }
    if (fl.conveyorTotes.length > 0) {
      let totes = 0;
      let full = 0;
      fl.conveyorTotes.forEach((t, c) => ((totes += t), eq.conveyors[c] && t >= eq.conveyors[c].capacity && full++));
      rows.push(['conveyors', `${totes} totes on ${fl.conveyorTotes.length} belts${full ? `, ${full} full` : ''}`]);
    }
    if (fl.sorterQueue.length > 0) rows.push(['sorter queue', Array.from(fl.sorterQueue).join(', ')]);
    if (fl.chuteItems.length > 0) {
      const caps = eq.sorters.flatMap((s) => s.chutes.map((c) => c.capacity));
      let worst = 0;
      fl.chuteItems.forEach((n, k) => (worst = Math.max(worst, n / Math.max(1, caps[k] ?? 1))));
      rows.push(['chutes', `${fl.chuteItems.length}, fullest ${pct(worst)}`]);
    }
    if (fl.agvCell.length > 0) rows.push(['AGVs', `${Array.from(fl.agvLoad).filter((x) => x > 0).length} of ${fl.agvCell.length} loaded`]);
    if (fl.dockShipped.length > 0) {
      rows.push(['shipped', eq.docks.map((d, k) => `${d.name} ${fl.dockShipped[k] ?? 0}`).join(', ')]);
    }
    const packers = eq.packStations ?? [];
    if (packers.length > 0) rows.push(['pack stations', packers.map((p) => `${p.name} (${p.mode === 'auto' ? 'machine' : `bench, ${p.lanes} people`})`).join(', ')]);
    this.equipmentBody.innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  }

  /** Shows the followed robot (null hides the section). */
  robot(selected: number, info: (RobotInfo & { recorded?: boolean }) | null, frame: DecodedFrame | null): void {
    if (selected < 0 || !this.layout) {
      this.inspector.hidden = true;
      return;
    }
    this.inspector.hidden = false;
    this.inspId.textContent = `#${selected}`;
    const w = this.layout.width;
    const rows: [string, string][] = [];
    if (frame && selected < frame.robotCount) {
      rows.push(['state', STATE_LABELS[frame.state[selected]] ?? String(frame.state[selected])]);
      rows.push(['at', rc(frame.cell[selected], w)]);
      rows.push(['battery', `${pct(frame.battery[selected] / 65535)} of ${this.layout.batteryCapacityWh} Wh`]);
      rows.push(['carrying', frame.pod[selected] >= 0 ? `pod ${frame.pod[selected]}` : 'nothing']);
    }
    if (info && info.robot === selected) {
      if (info.recorded) rows.push(['task', 'not in recordings']);
      else {
        rows.push(['goal', info.goal >= 0 ? rc(info.goal, w) : 'none']);
        rows.push(['task pod', info.taskPod >= 0 ? `pod ${info.taskPod}` : '–']);
        rows.push(['station', info.station >= 0 ? `#${info.station}` : '–']);
        rows.push(['path', info.path.length > 1 ? `${info.path.length - 1} cell${info.path.length === 2 ? '' : 's'} to go` : info.goal >= 0 ? 'at its goal' : '–']);
      }
    }
    this.inspBody.innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  }
}
