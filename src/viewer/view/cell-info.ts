import type { DecodedFrame } from '../../record/frame-codec.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { PERSON_LABELS, STATE_LABELS } from '../render/palette.js';

/** Names of the layout's cell kinds by legend character, as the scenario legend describes them. */
export const CELL_KINDS: Record<string, string> = {
  '.': 'floor',
  G: 'floor',
  S: 'floor',
  E: 'floor',
  '@': 'wall',
  T: 'wall',
  O: 'wall',
  W: 'wall',
  R: 'storage location',
  P: 'pick station',
  C: 'charger',
  '#': 'shelf',
  m: 'walkway (people only)',
  '=': 'conveyor or sorter',
  '+': 'AGV guide lane',
  U: 'put station',
};

/** The name of a layout character's cell kind. */
export function cellKind(ch: string): string {
  return CELL_KINDS[ch] ?? `'${ch}'`;
}

/** Per-cell lookups built once per layout, so a hover costs a few reads and one scan of the robots. */
export interface CellIndex {
  layout: LayoutInfo;
  /** Station index per cell, or -1. */
  station: Int32Array;
  /** Pod whose home the cell is, or -1. */
  podHome: Int32Array;
  /** Equipment standing on a cell (a dock, a sorter, a belt, a zone's depot), by name. */
  equipment: Map<number, string>;
}

export function cellIndex(layout: LayoutInfo): CellIndex {
  const n = layout.width * layout.height;
  const station = new Int32Array(n).fill(-1);
  layout.stations.forEach((c, s) => c >= 0 && c < n && (station[c] = s));
  const podHome = new Int32Array(n).fill(-1);
  layout.podHomes.forEach((c, p) => c >= 0 && c < n && (podHome[c] = p));
  const equipment = new Map<number, string>();
  const eq = layout.equipment;
  for (const z of eq?.zones ?? []) equipment.set(z.depot, `depot of zone ${z.name}`);
  for (const c of eq?.conveyors ?? []) for (const cell of c.cells) equipment.set(cell, `conveyor ${c.name}`);
  for (const s of eq?.sorters ?? []) equipment.set(s.cell, `sorter ${s.name}`);
  for (const d of eq?.docks ?? []) equipment.set(d.cell, `dock ${d.name}`);
  return { layout, station, podHome, equipment };
}

/**
 * What the hover readout says about a cell: its row and column and kind
 * (with the station's number), then whatever stands there in frame `f`:
 * robots (state, pod carried), a pod at home, people and AGVs. Null off the
 * floor.
 */
export function describeCell(ix: CellIndex, f: DecodedFrame | null, cell: number): string[] | null {
  const { layout } = ix;
  if (cell < 0 || cell >= layout.width * layout.height) return null;
  const row = Math.floor(cell / layout.width);
  const col = cell % layout.width;
  const s = ix.station[cell];
  const kind = s >= 0 ? `pick station #${s}${layout.stationPickers?.[s]?.startsWith('arm') ? ` (${layout.stationPickers[s]})` : ''}` : cellKind(layout.rows[row]?.[col] ?? '');
  const lines = [`row ${row}, column ${col} · ${kind}`];
  const eq = ix.equipment.get(cell);
  if (eq) lines.push(eq);
  let carried = false;
  if (f) {
    for (let i = 0; i < f.robotCount; i++) {
      if (f.cell[i] !== cell) continue;
      const pod = f.pod[i];
      if (pod >= 0 && pod === ix.podHome[cell]) carried = true;
      lines.push(`robot ${i} · ${STATE_LABELS[f.state[i]] ?? `state ${f.state[i]}`}${pod >= 0 ? ` · carrying pod ${pod}` : ''}`);
    }
    const fl = f.flow;
    for (let k = 0; k < fl.pickerCell.length; k++) if (fl.pickerCell[k] === cell) lines.push(`picker ${k} · ${PERSON_LABELS[fl.pickerState[k]] ?? 'person'}`);
    for (let k = 0; k < fl.agvCell.length; k++) if (fl.agvCell[k] === cell) lines.push(`AGV ${k} · ${fl.agvLoad[k] > 0 ? `${fl.agvLoad[k]} loaded` : 'empty'}`);
  }
  const home = ix.podHome[cell];
  if (home >= 0 && !carried && !(f && podAway(f, home))) lines.push(`pod ${home} at home`);
  else if (home >= 0 && !carried) lines.push(`home of pod ${home} (away)`);
  return lines;
}

/** True when a robot carries pod `p` in frame `f`. */
function podAway(f: DecodedFrame, p: number): boolean {
  for (let i = 0; i < f.robotCount; i++) if (f.pod[i] === p) return true;
  return false;
}
