import { Container, Graphics, type Text } from 'pixi.js';
import { ARM_COLOR, CELL, QUEUE_COLOR } from '../palette.js';
import { cellX, cellY, label, type Layer, type LayerContext } from './layer.js';

/** Stations with more than this many get bars but no number labels (labels are textures). */
const MAX_LABELS = 64;
/** Bar length per queued robot, in cells; a bar is capped at QUEUE_CAP robots. */
const PER_ROBOT = 0.5;
const QUEUE_CAP = 12;

/**
 * Stations: a ring round those a robotic arm picks at (drawn once), and the
 * queues overlay: at each station a bar growing with the loaded robots queued
 * near it, and the count, redrawn only when a queue changes.
 */
export function stationsLayer(ctx: LayerContext): Layer {
  const stations = ctx.layout.stations;
  const container = new Container();
  const bars = new Graphics();
  container.addChild(bars);
  // Stations picked by an arm: a ring round the cell, drawn once (always shown: it is part of the site, not an overlay).
  const arms = new Graphics();
  const pickers = ctx.layout.stationPickers ?? [];
  for (let s = 0; s < stations.length; s++) {
    if (!pickers[s]?.startsWith('arm')) continue;
    arms.circle(cellX(ctx, stations[s]), cellY(ctx, stations[s]), CELL * 0.62).stroke({ color: ARM_COLOR, width: 2, alpha: 0.95 });
  }
  container.addChild(arms);
  const labels: Text[] = [];
  if (stations.length <= MAX_LABELS) {
    for (const s of stations) labels.push(container.addChild(label(cellX(ctx, s), cellY(ctx, s) - CELL * 0.55)));
  }
  const last = new Int32Array(stations.length).fill(-1);
  return {
    container,
    update(v) {
      bars.visible = v.overlays.queues;
      for (const l of labels) l.visible = v.overlays.queues;
      const f = v.cur;
      if (!f || !v.overlays.queues) return;
      let changed = false;
      for (let s = 0; s < stations.length; s++) {
        const q = f.stationQueue[s] ?? 0;
        if (q !== last[s]) {
          last[s] = q;
          changed = true;
          if (labels[s]) labels[s].text = q > 0 ? String(q) : '';
        }
      }
      if (!changed) return;
      bars.clear();
      for (let s = 0; s < stations.length; s++) {
        const q = Math.min(QUEUE_CAP, last[s]);
        if (q <= 0) continue;
        const x = cellX(ctx, stations[s]) - CELL * 0.5;
        const y = cellY(ctx, stations[s]) + CELL * 0.5;
        bars.rect(x, y, CELL, q * PER_ROBOT * CELL).fill({ color: QUEUE_COLOR, alpha: 0.85 });
      }
    },
    destroy() {
      container.destroy({ children: true });
    },
  };
}
