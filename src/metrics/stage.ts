import { RobotState } from '../core/robots.js';
import type { World } from '../core/world.js';
import { UNREACHABLE } from '../layout/distance.js';
import { seriesIntervalTicks } from './collector.js';

/** Robots this close (in cells) to their station while waiting for it count as queued. */
const QUEUE_RADIUS = 3;

/** Metrics stage: per-tick utilisation and station queues. */
export function metricsStage(w: World): void {
  const { robots: r, stations: st } = w;
  for (let s = 0; s < st.n; s++) if (st.robot[s] >= 0) st.busyTicks[s]++;
  for (let i = 0; i < r.n; i++) {
    const state = r.state[i];
    if (state >= RobotState.ToPod && state <= RobotState.ToStorage) r.busyTicks[i]++;
  }
  // Queue per station: loaded robots inbound within QUEUE_RADIUS cells.
  for (let s = 0; s < st.n; s++) st.queueNow[s] = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.state[i] !== RobotState.ToStation) continue;
    const f = r.field[i];
    const d = f === null ? UNREACHABLE : f[r.cell[i]];
    if (d <= QUEUE_RADIUS) st.queueNow[r.station[i]]++;
  }
  for (let s = 0; s < st.n; s++) {
    st.queueSum[s] += st.queueNow[s];
    if (st.queueNow[s] > st.queueMax[s]) st.queueMax[s] = st.queueNow[s];
  }
  sampleSeries(w);
}

/** At the end of every series interval: open orders (the backlog) and orders completed since the last sample. */
function sampleSeries(w: World): void {
  const m = w.metrics;
  if (m.seriesEveryTicks === 0) m.seriesEveryTicks = seriesIntervalTicks(w.config.ticks, w.config.tickSeconds);
  if ((w.tick + 1) % m.seriesEveryTicks !== 0) return;
  const done = w.books.ordersCompleted;
  m.openSeries.push(w.books.openOrders);
  m.doneSeries.push(done - m.doneAtSample);
  m.doneAtSample = done;
}
