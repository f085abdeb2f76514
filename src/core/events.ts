import { grown } from './grow.js';

/** Discrete events, kept as (kind, a, b) triples in typed arrays for the tick they happened in. */
export const enum EventKind {
  OrderCreated = 0,
  /** a = order id, b = cycle time in ticks */
  OrderDone = 1,
  /** a = robot, b = pod */
  TaskAssigned = 2,
  /** a = robot, b = station */
  PickStarted = 3,
  /** a = robot, b = charger cell */
  RobotCharging = 4,
  /** a = robot */
  RobotDepleted = 5,
  /** a = robot, b = its cell */
  RobotBroken = 6,
  /** a = robot, b = its cell */
  RobotRepaired = 7,
  /** A fault window opened: a = FaultKind, b = index of the fault in its list (faults.closures, ...) */
  FaultStarted = 8,
  /** A fault window closed: a = FaultKind, b = index */
  FaultEnded = 9,
  /** The alert detector raised an alert: a = AlertRule, b = subject (station, robot, chute; -1 = the site) */
  AlertRaised = 10,
  /** An alert's condition cleared: a = AlertRule, b = subject */
  AlertCleared = 11,
}

export const EVENT_NAMES = [
  'order-created',
  'order-done',
  'task-assigned',
  'pick-started',
  'robot-charging',
  'robot-depleted',
  'robot-broken',
  'robot-repaired',
  'fault-started',
  'fault-ended',
  'alert-raised',
  'alert-cleared',
];

/** The events of one tick. Cleared at the start of every tick; grows (rarely) when a tick has many. */
export class EventBuffer {
  count = 0;
  kind = new Uint8Array(256);
  a = new Int32Array(256);
  b = new Int32Array(256);

  clear(): void {
    this.count = 0;
  }

  push(kind: EventKind, a: number, b: number): void {
    if (this.count === this.kind.length) {
      const size = this.count * 2;
      this.kind = grown(this.kind, size);
      this.a = grown(this.a, size);
      this.b = grown(this.b, size);
    }
    const i = this.count++;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }
}
