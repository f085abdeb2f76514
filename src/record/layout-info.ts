import type { SimConfig } from '../core/config.js';
import type { FrameSection } from '../core/frame.js';
import type { LorrInfo } from './lorr-info.js';

/**
 * The static part of a run, sent once before its frames (on the ws stream, by
 * the viewer's worker, at the start of a recording): what a viewer needs to
 * draw the floor and to read the frames that follow. Plain JSON.
 */
export interface LayoutInfo {
  /** Scenario name. */
  scenario: string;
  seed: number | string;
  /** Layout rows in the scenario legend (`.`, `@`, `R`, `P`, `C`, ...): the grid is rebuilt from them. */
  rows: string[];
  width: number;
  height: number;
  /** Simulated seconds per tick. */
  tickSeconds: number;
  /** Ticks in the whole run. */
  ticks: number;
  robots: number;
  batteryCapacityWh: number;
  /** Station cells, in station order (the order of the per-station frame sections). */
  stations: number[];
  /** Who picks at each station, in station order: 'people', or 'arm' and the arm's model name (absent in older recordings: people). */
  stationPickers?: string[];
  chargers: number[];
  /** Pod homes, in pod order (pod ids in frames index this). */
  podHomes: number[];
  /** Tick a new run starts at (0). */
  startTick: number;
  /** Person-to-goods zones and outbound equipment, in the order of the frame's flow sections. */
  equipment: EquipmentInfo;
  /** Time of day the run starts, in seconds after midnight: the scenario's `startTime` (absent in older recordings: midnight). */
  startOfDaySeconds?: number;
  /** A League of Robot Runners run (`wsim lorr --record`, `wsim view OUT.json`): its agents' timelines. */
  lorr?: LorrInfo;
  /**
   * The named sections the run's features add to every frame, in frame
   * order (absent when they add none): a recording's reader sizes its frames
   * with them.
   */
  frameSections?: FrameSectionInfo[];
}

/** A named frame section as a recording's header declares it. */
export interface FrameSectionInfo {
  name: string;
  type: FrameSectionType;
  /** Elements in every frame. */
  length: number;
}

/** Element types of named frame sections, as a header names them. */
export const FRAME_SECTION_TYPES = ['i32', 'u32', 'u16', 'u8', 'f32'] as const;
export type FrameSectionType = (typeof FRAME_SECTION_TYPES)[number];

/** Bytes per element of each type. */
export const FRAME_SECTION_WIDTH: Record<FrameSectionType, number> = { i32: 4, u32: 4, u16: 2, u8: 1, f32: 4 };

/** The header's declaration of a run's named frame sections. */
export function frameSectionsInfo(sections: readonly FrameSection[]): FrameSectionInfo[] {
  return sections.map(({ name, array: a }) => ({
    name,
    type: a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : a instanceof Float32Array ? 'f32' : 'u8',
    length: a.length,
  }));
}

/** Where the equipment is, for drawing; the frame's flow sections carry its state. */
export interface EquipmentInfo {
  zones: { name: string; depot: number; pickers: number; cartTotes: number }[];
  conveyors: { name: string; capacity: number; cells: number[] }[];
  sorters: { name: string; cell: number; queueCapacity: number; chutes: { dock: number; capacity: number }[] }[];
  agvs: { name: string; loop: number[]; vehicles: number; capacity: number }[];
  docks: { name: string; cell: number }[];
  /** Pack stations (absent in older recordings: none). They have no cell: they stand in front of the outfeeds. */
  packStations?: { name: string; mode: 'auto' | 'manual'; lanes: number }[];
}

function equipmentInfo(config: SimConfig): EquipmentInfo {
  const out = config.outbound;
  return {
    zones: (config.zones ?? []).map((z) => ({ name: z.name, depot: z.depot, pickers: z.pickers, cartTotes: z.cartTotes })),
    conveyors: (out?.conveyors ?? []).map((c) => ({ name: c.name, capacity: c.capacity, cells: Array.from(c.cells) })),
    sorters: (out?.sorters ?? []).map((s) => ({ name: s.name, cell: s.cell, queueCapacity: s.queueCapacity, chutes: s.chutes.map((c) => ({ ...c })) })),
    agvs: (out?.agvs ?? []).map((a) => ({ name: a.name, loop: Array.from(a.loop), vehicles: a.vehicles, capacity: a.capacity })),
    docks: (out?.docks ?? []).map((d) => ({ name: d.name, cell: d.cell })),
    packStations: (config.packing?.stations ?? []).map((p) => ({ name: p.name, mode: p.mode, lanes: p.lanes })),
  };
}

/** The layout info of a run about to start from `config`. */
export function layoutInfo(config: SimConfig): LayoutInfo {
  const g = config.grid;
  return {
    scenario: config.name,
    seed: config.seed,
    rows: [...g.rows],
    width: g.width,
    height: g.height,
    tickSeconds: config.tickSeconds,
    ticks: config.ticks,
    robots: config.robots.count,
    batteryCapacityWh: config.robots.battery.capacityWh,
    stations: Array.from(g.stations),
    stationPickers: stationPickers(config),
    chargers: Array.from(g.chargers),
    // One pod per storage cell, in the grid's storage order (as createWorld makes them).
    podHomes: Array.from(g.storage),
    startTick: 0,
    equipment: equipmentInfo(config),
    startOfDaySeconds: config.startOfDayTick * config.tickSeconds,
  };
}

/** 'people' at every station but those of an arm model, which read 'arm MODEL'. */
function stationPickers(config: SimConfig): string[] {
  const out = new Array<string>(config.grid.stations.length).fill('people');
  for (const arm of config.arms ?? []) for (const s of arm.stations) if (s < out.length) out[s] = `arm ${arm.name}`;
  return out;
}
