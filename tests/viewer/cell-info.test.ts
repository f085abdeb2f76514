import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/record/event-log.js';
import { decodeFrame, encodeFrame } from '../../src/record/frame-codec.js';
import type { LayoutInfo } from '../../src/record/layout-info.js';
import { heatAt, heatLabels, heatValue } from '../../src/viewer/view/heat-scale.js';
import { cellIndex, cellKind, describeCell } from '../../src/viewer/view/cell-info.js';

const rows = ['@@@@@@', '@P.RR@', '@C.RR@', '@@@@@@'];
const layout: LayoutInfo = {
  scenario: 't',
  seed: 1,
  rows,
  width: 6,
  height: 4,
  tickSeconds: 1,
  ticks: 100,
  robots: 2,
  batteryCapacityWh: 100,
  stations: [7],
  stationPickers: ['arm gripper'],
  chargers: [13],
  podHomes: [9, 10, 15, 16],
  startTick: 0,
  equipment: { zones: [], conveyors: [], sorters: [], agvs: [], docks: [{ name: 'A', cell: 8 }] },
};

function frame(cells: number[], pods: number[], states: number[]) {
  const n = cells.length;
  return decodeFrame(
    encodeFrame({
      tick: 5,
      ticksCovered: 1,
      time: 5,
      robotCount: n,
      ordersOpen: 0,
      ordersCompleted: 0,
      cell: Int32Array.from(cells),
      pod: Int32Array.from(pods),
      battery: new Uint16Array(n),
      heading: new Uint8Array(n),
      state: Uint8Array.from(states),
      stationQueue: new Uint16Array(1),
      stationLoad: new Uint16Array(1),
      events: new EventLog(),
    }),
  );
}

describe('the hover readout', () => {
  const ix = cellIndex(layout);

  it('names the cell kind of every legend character', () => {
    expect(cellKind('@')).toBe('wall');
    expect(cellKind('R')).toBe('storage location');
    expect(cellKind('+')).toBe('AGV guide lane');
    expect(cellKind('Z')).toBe("'Z'");
  });

  it('gives row, column, kind and station number, and the robot there with its state and pod', () => {
    // Pod 0 (home: cell 9) is on robot 0 at the station.
    const f = frame([7, 10], [0, -1], [3, 1]);
    expect(describeCell(ix, f, 7)).toEqual(['row 1, column 1 · pick station #0 (arm gripper)', 'robot 0 · picking · carrying pod 0']);
    expect(describeCell(ix, f, 9)).toEqual(['row 1, column 3 · storage location', 'home of pod 0 (away)']);
    // An empty robot under a pod at home.
    expect(describeCell(ix, f, 10)).toEqual(['row 1, column 4 · storage location', 'robot 1 · to pod', 'pod 1 at home']);
    expect(describeCell(ix, f, 8)).toEqual(['row 1, column 2 · floor', 'dock A']);
    expect(describeCell(ix, f, 13)).toEqual(['row 2, column 1 · charger']);
    expect(describeCell(ix, null, 0)).toEqual(['row 0, column 0 · wall']);
    expect(describeCell(ix, f, 24)).toBeNull();
    expect(describeCell(ix, f, -1)).toBeNull();
  });
});

describe('the congestion colour scale', () => {
  it('inverts the overlay’s log scale and labels it in seconds', () => {
    expect(heatAt(0, 100)).toBe(0);
    expect(heatAt(100, 100)).toBeCloseTo(1);
    expect(heatValue(heatAt(37, 100), 100)).toBeCloseTo(37);
    // 2 s ticks: a cell that held robots 99 ticks tops the scale at 198 s; the middle is sqrt(100) - 1 ticks.
    expect(heatLabels(99, 2)).toEqual(['0', '18', '198']);
    expect(heatLabels(3, 0.5)).toEqual(['0', '0.5', '1.5']);
  });
});
