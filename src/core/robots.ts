import type { DistanceField, LazyField } from '../layout/distance.js';

/** What a robot is doing. Stored as one byte per robot. */
export const enum RobotState {
  Idle = 0,
  ToPod = 1,
  ToStation = 2,
  Picking = 3,
  ToStorage = 4,
  ToCharger = 5,
  Charging = 6,
  Depleted = 7,
  /** Broken down (a fault): holds its cell until repaired, then resumes what it was doing. */
  Broken = 8,
}

export const ROBOT_STATE_NAMES = ['idle', 'to-pod', 'to-station', 'picking', 'to-storage', 'to-charger', 'charging', 'depleted', 'broken'];

/** No direction wanted (for `wantDir`). */
export const NO_DIR = 255;

/**
 * Per-robot state as struct-of-arrays, indexed by robot id. The tick loop reads
 * and writes these in place; nothing here is reallocated during a run.
 */
export interface Robots {
  readonly n: number;
  cell: Int32Array;
  /** Cell at the start of the current tick (before movement). */
  prevCell: Int32Array;
  /** 0=E, 1=S, 2=W, 3=N. */
  heading: Uint8Array;
  /** Direction the robot is turning toward, or NO_DIR. */
  wantDir: Uint8Array;
  turnProgress: Uint16Array;
  state: Uint8Array;
  /** Goal cell, or -1 when the robot has nowhere to be. */
  goal: Int32Array;
  /** Tick the current goal was set: planners raise priority with waiting. */
  goalSince: Int32Array;
  /** Distance field toward `goal` (null when no goal). */
  field: (DistanceField | null)[];
  /** The search behind `field`, grown each tick as far as the robot needs. */
  lazy: (LazyField | null)[];
  /** Pod carried, or -1. */
  pod: Int32Array;
  /** Pod the current task is about, or -1. */
  taskPod: Int32Array;
  /** Station of the current task, or -1. */
  station: Int32Array;
  /** Charger reserved, or -1. */
  charger: Int32Array;
  /** Tick when the current service (picking) ends. */
  busyUntil: Int32Array;
  batteryWh: Float64Array;
  /** Planned next cell, written by the planner each tick. */
  next: Int32Array;
  /** Counts goal changes, so watchers can tell a new goal from a new priority. */
  goalEpoch: Uint32Array;
  /** The task's own goal while the robot takes a detour out of a jam, else -1 (arrivals do not count meanwhile). */
  detourFrom: Int32Array;
  /** Counts the times the robot's field was replaced (same goal) because a fault blocked or opened cells it had reached. */
  replans: Uint32Array;
  /** 1 = on duty and takes tasks; 0 = off duty (operations policy): finishes its task, then parks switched off. */
  onDuty: Uint8Array;
  // Counters for metrics.
  moves: Float64Array;
  waitTicks: Float64Array;
  busyTicks: Float64Array;
  chargingTicks: Float64Array;
  energyWh: Float64Array;
}

export function createRobots(n: number, capacityWh: number, initial: number): Robots {
  const field: (DistanceField | null)[] = new Array(n).fill(null);
  return {
    n,
    cell: new Int32Array(n),
    prevCell: new Int32Array(n),
    heading: new Uint8Array(n),
    wantDir: new Uint8Array(n).fill(NO_DIR),
    turnProgress: new Uint16Array(n),
    state: new Uint8Array(n),
    goal: new Int32Array(n).fill(-1),
    goalSince: new Int32Array(n),
    field,
    lazy: new Array(n).fill(null),
    pod: new Int32Array(n).fill(-1),
    taskPod: new Int32Array(n).fill(-1),
    station: new Int32Array(n).fill(-1),
    charger: new Int32Array(n).fill(-1),
    busyUntil: new Int32Array(n),
    batteryWh: new Float64Array(n).fill(capacityWh * initial),
    next: new Int32Array(n),
    goalEpoch: new Uint32Array(n),
    detourFrom: new Int32Array(n).fill(-1),
    replans: new Uint32Array(n),
    onDuty: new Uint8Array(n).fill(1),
    moves: new Float64Array(n),
    waitTicks: new Float64Array(n),
    busyTicks: new Float64Array(n),
    chargingTicks: new Float64Array(n),
    energyWh: new Float64Array(n),
  };
}

/** True while the robot must hold its cell whatever others want (serving, charging, flat battery, broken down). */
export function isFixed(state: number): boolean {
  return state === RobotState.Picking || state === RobotState.Charging || state === RobotState.Depleted || state === RobotState.Broken;
}
