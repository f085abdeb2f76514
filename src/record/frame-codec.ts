/**
 * The binary frame format shared by the ws stream, recordings and the
 * browser viewer: one frame is the state of the whole floor after a tick plus
 * the discrete events since the previous frame its reader received.
 *
 * Layout (little-endian), version 1:
 *
 * ```
 * header, 40 bytes
 *   0  u32  magic 'WSFR' (0x52465357)
 *   4  u16  format version (1)
 *   6  u16  number of sections that follow
 *   8  u32  tick (ticks completed)
 *  12  u32  ticks covered: ticks since the previous frame sent to this reader (the events span them)
 *  16  f64  simulated seconds
 *  24  u32  robots
 *  28  u32  open orders (the backlog)
 *  32  u32  completed orders (cumulative)
 *  36  u32  reserved (0)
 * sections, each
 *   u16 id, u8 element type (1 i32, 2 u32, 3 u16, 4 u8, 5 f32), u8 0, u32 element count,
 *   then the elements, zero-padded to a multiple of 4 bytes
 * ```
 *
 * Per-robot, per-station and equipment sections (see Section) come first and
 * have a fixed size for a given run, the variable-length event sections last: recordings XOR each frame with the one
 * before, and this order keeps unchanged bytes aligned. Readers skip section
 * ids they do not know, so new equipment adds a section without a new version.
 *
 * A feature's own parts of the frame (core/frame.ts, FrameSection) travel as
 * named sections, after the equipment and before the variable-length ones,
 * one per part, each under the one id Section.Named:
 *
 * ```
 *   u16 id 48, u8 element type 4 (u8), u8 0, u32 payload bytes P, then P bytes:
 *     u8 element type of the part, u8 name length L, u16 0, u32 element count,
 *     L bytes of name (ASCII) zero-padded to a multiple of 4, the elements
 * ```
 *
 * so a reader that does not know them skips them as any unknown section (P
 * bytes of u8), and the elements sit on a 4-byte boundary for a typed-array
 * view. A frame with no such parts has no such section: its bytes are those
 * of a frame before named sections existed.
 */
import type { FrameSection, FrameSectionArray } from '../core/frame.js';


/** 'WSFR' read as a little-endian u32. */
export const FRAME_MAGIC = 0x52465357;
export const FRAME_VERSION = 1;
export const FRAME_HEADER_BYTES = 40;

/** Section ids. New equipment takes the next free id. */
export const enum Section {
  /** i32 per robot: cell (row * width + col). */
  Cell = 1,
  /** i32 per robot: pod carried, or -1. */
  Pod = 2,
  /** u16 per robot: state of charge, 0..65535 of capacity. */
  Battery = 3,
  /** u8 per robot: heading 0=E 1=S 2=W 3=N. */
  Heading = 4,
  /** u8 per robot: RobotState. */
  State = 5,
  /** u16 per station: loaded robots queued near it. */
  StationQueue = 6,
  /** u16 per station: pods assigned to it (inbound plus being picked). */
  StationLoad = 7,
  /** i32 per event: tick the event happened in. */
  EventTick = 8,
  /** i32 per event: first operand (see EventKind). */
  EventA = 9,
  /** i32 per event: second operand. */
  EventB = 10,
  /** u8 per event: EventKind. */
  EventKind = 11,
  /** u32 per event kind: events of that kind left out because the reader fell behind (counts only). */
  EventsDropped = 12,
  // Material flow (sizes fixed per run, given by LayoutInfo.equipment). i32 unless noted.
  /** Cell per person, all zones in order. */
  PickerCell = 13,
  /** u8 PickerState per person (0 off duty, 1 idle, 2 walking, 3 picking, 4 dropping). */
  PickerState = 14,
  /** Totes on each person's cart. */
  PickerCart = 15,
  /** Totes on each conveyor segment. */
  ConveyorTotes = 16,
  /** Totes waiting at each sorter's induction. */
  SorterQueue = 17,
  /** Items in each chute, all sorters' chutes in order. */
  ChuteItems = 18,
  /** Cell per AGV, all loops in order. */
  AgvCell = 19,
  /** Totes aboard each AGV. */
  AgvLoad = 20,
  /** Orders shipped so far per dock. */
  DockShipped = 21,
  /** A named part of the frame a feature owns (see above); one section per part. */
  Named = 48,
}

/** The equipment and people part of a frame (empty arrays where the site has none). */
export interface FlowSections {
  pickerCell: Int32Array;
  pickerState: Uint8Array;
  pickerCart: Int32Array;
  conveyorTotes: Int32Array;
  sorterQueue: Int32Array;
  chuteItems: Int32Array;
  agvCell: Int32Array;
  agvLoad: Int32Array;
  dockShipped: Int32Array;
}

/** The element types a section can have (the same as a feature's frame section's). */
export type SectionArray = FrameSectionArray;

const enum Elem {
  I32 = 1,
  U32 = 2,
  U16 = 3,
  U8 = 4,
  F32 = 5,
}

function elemOf(a: SectionArray): Elem {
  if (a instanceof Int32Array) return Elem.I32;
  if (a instanceof Uint32Array) return Elem.U32;
  if (a instanceof Uint16Array) return Elem.U16;
  if (a instanceof Float32Array) return Elem.F32;
  return Elem.U8;
}

function view(buf: ArrayBuffer, offset: number, type: number, count: number): SectionArray {
  switch (type) {
    case Elem.I32:
      return new Int32Array(buf, offset, count);
    case Elem.U32:
      return new Uint32Array(buf, offset, count);
    case Elem.U16:
      return new Uint16Array(buf, offset, count);
    case Elem.U8:
      return new Uint8Array(buf, offset, count);
    case Elem.F32:
      return new Float32Array(buf, offset, count);
    default:
      throw new FrameFormatError(`unknown element type ${type}`);
  }
}

const pad4 = (n: number) => (n + 3) & ~3;

/** A frame that cannot be read: wrong magic, version or truncated. */
export class FrameFormatError extends Error {}

/** Events since a reader's previous frame, as parallel arrays. */
export interface FrameEvents {
  count: number;
  tick: Int32Array;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  /** Per event kind, events left out (only counted) because the reader fell behind; may be empty. */
  dropped: Uint32Array;
}

/** The fields every frame has, whether about to be written or just read. */
export interface FrameFields {
  tick: number;
  ticksCovered: number;
  time: number;
  robotCount: number;
  ordersOpen: number;
  ordersCompleted: number;
  cell: Int32Array;
  pod: Int32Array;
  battery: Uint16Array;
  heading: Uint8Array;
  state: Uint8Array;
  stationQueue: Uint16Array;
  stationLoad: Uint16Array;
  events: FrameEvents;
}

/** What goes into a frame. Arrays may be longer than needed: only the first robotCount (or event count) items are written. */
export interface FrameParts extends FrameFields {
  /** Equipment and people, when the site has any. */
  flow?: FlowSections;
  /** The features' named parts of the frame (Frame.sections), written after the flow ones; none, no section at all. */
  featureSections?: readonly FrameSection[];
  /** More sections, written after the per-station, flow and named ones. */
  extra?: readonly (readonly [number, SectionArray])[];
}

/** A decoded frame: typed-array views into the received buffer, no copies. */
export interface DecodedFrame extends FrameFields {
  flow: FlowSections;
  /** Every section by id, including ones this reader does not interpret (the named ones are in `named`). */
  sections: Map<number, SectionArray>;
  /** The features' named parts of the frame, by name (empty when the run's features add none). */
  named: Map<string, SectionArray>;
  /** Size of the encoded frame in bytes. */
  bytes: number;
}

/** Encodes a frame into a new buffer (one allocation; the buffer can be transferred). */
export function encodeFrame(p: FrameParts): Uint8Array {
  const n = p.robotCount;
  const e = p.events;
  let droppedLen = e.dropped.length;
  while (droppedLen > 0 && e.dropped[droppedLen - 1] === 0) droppedLen--;
  const sections: [number, SectionArray][] = [
    [Section.Cell, p.cell.subarray(0, n)],
    [Section.Pod, p.pod.subarray(0, n)],
    [Section.Battery, p.battery.subarray(0, n)],
    [Section.Heading, p.heading.subarray(0, n)],
    [Section.State, p.state.subarray(0, n)],
    [Section.StationQueue, p.stationQueue],
    [Section.StationLoad, p.stationLoad],
  ];
  const fl = p.flow;
  if (fl) {
    const flow: [number, SectionArray][] = [
      [Section.PickerCell, fl.pickerCell],
      [Section.PickerState, fl.pickerState],
      [Section.PickerCart, fl.pickerCart],
      [Section.ConveyorTotes, fl.conveyorTotes],
      [Section.SorterQueue, fl.sorterQueue],
      [Section.ChuteItems, fl.chuteItems],
      [Section.AgvCell, fl.agvCell],
      [Section.AgvLoad, fl.agvLoad],
      [Section.DockShipped, fl.dockShipped],
    ];
    // A site without equipment or people carries no flow sections at all.
    for (const [id, arr] of flow) if (arr.length > 0) sections.push([id, arr]);
  }
  const named = p.featureSections ?? [];
  for (const s of named) sections.push([Section.Named, s.array]);
  for (const [id, arr] of p.extra ?? []) sections.push([id, arr]);
  sections.push(
    [Section.EventTick, e.tick.subarray(0, e.count)],
    [Section.EventA, e.a.subarray(0, e.count)],
    [Section.EventB, e.b.subarray(0, e.count)],
    [Section.EventKind, e.kind.subarray(0, e.count)],
  );
  if (droppedLen > 0) sections.push([Section.EventsDropped, e.dropped.subarray(0, droppedLen)]);

  let size = FRAME_HEADER_BYTES;
  for (const [, arr] of sections) size += 8 + pad4(arr.byteLength);
  for (const s of named) size += namedHead(s.name);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, FRAME_MAGIC, true);
  dv.setUint16(4, FRAME_VERSION, true);
  dv.setUint16(6, sections.length, true);
  dv.setUint32(8, p.tick, true);
  dv.setUint32(12, p.ticksCovered, true);
  dv.setFloat64(16, p.time, true);
  dv.setUint32(24, n, true);
  dv.setUint32(28, p.ordersOpen, true);
  dv.setUint32(32, p.ordersCompleted, true);
  let at = FRAME_HEADER_BYTES;
  let k = 0;
  for (const [id, arr] of sections) {
    dv.setUint16(at, id, true);
    if (id === Section.Named) {
      // Payload: the part's own header and name, then its elements (see the layout above).
      const name = named[k++].name;
      const head = namedHead(name);
      dv.setUint8(at + 2, Elem.U8);
      dv.setUint32(at + 4, head + arr.byteLength, true);
      at += 8;
      dv.setUint8(at, elemOf(arr));
      dv.setUint8(at + 1, name.length);
      dv.setUint32(at + 4, arr.length, true);
      for (let c = 0; c < name.length; c++) out[at + 8 + c] = name.charCodeAt(c);
      at += head;
    } else {
      dv.setUint8(at + 2, elemOf(arr));
      dv.setUint32(at + 4, arr.length, true);
      at += 8;
    }
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
    at += pad4(arr.byteLength);
  }
  return out;
}

/** Bytes of a named section's payload before its elements: its own header and its name, padded. Throws on a name the format cannot carry. */
function namedHead(name: string): number {
  if (name.length === 0 || name.length > 255 || !/^[\x21-\x7e]+$/.test(name)) throw new FrameFormatError(`a frame section's name must be 1 to 255 printable ASCII characters; got '${name}'`);
  return 8 + pad4(name.length);
}

const widthOf = (type: number) => (type === Elem.U8 ? 1 : type === Elem.U16 ? 2 : 4);

/** Reads the named section whose payload (`len` bytes) starts at `at` into `named`. */
function readNamed(buf: ArrayBuffer, base: number, dv: DataView, at: number, len: number, named: Map<string, SectionArray>): void {
  if (len < 8) throw new FrameFormatError(`a named section of ${len} bytes is shorter than its header`);
  const type = dv.getUint8(at);
  const nameLen = dv.getUint8(at + 1);
  const count = dv.getUint32(at + 4, true);
  const head = 8 + pad4(nameLen);
  if (nameLen === 0 || head + count * widthOf(type) > len) throw new FrameFormatError(`a named section's name and ${count} elements do not fit its ${len} bytes`);
  let name = '';
  for (let c = 0; c < nameLen; c++) name += String.fromCharCode(dv.getUint8(at + 8 + c));
  if (named.has(name)) throw new FrameFormatError(`the frame has two sections named '${name}'`);
  named.set(name, view(buf, base + at + head, type, count));
}

/** True when the bytes start like a frame (cheap check before decoding). */
export function isFrame(bytes: Uint8Array): boolean {
  return bytes.byteLength >= FRAME_HEADER_BYTES && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === FRAME_MAGIC;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_U16 = new Uint16Array(0);
const EMPTY_U32 = new Uint32Array(0);

/**
 * Decodes a frame. The result's arrays view `bytes`' buffer; when `bytes`
 * does not start on a 4-byte boundary the frame is copied first so the views
 * are aligned.
 */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  if (bytes.byteLength < FRAME_HEADER_BYTES) throw new FrameFormatError(`a frame is at least ${FRAME_HEADER_BYTES} bytes; got ${bytes.byteLength}`);
  const buf = bytes.buffer as ArrayBuffer;
  const base = bytes.byteOffset;
  const dv = new DataView(buf, base, bytes.byteLength);
  if (dv.getUint32(0, true) !== FRAME_MAGIC) throw new FrameFormatError('not a wsim frame (bad magic)');
  const version = dv.getUint16(4, true);
  if (version !== FRAME_VERSION) throw new FrameFormatError(`frame format version ${version} is not supported (expected ${FRAME_VERSION})`);
  const count = dv.getUint16(6, true);
  const sections = new Map<number, SectionArray>();
  const named = new Map<string, SectionArray>();
  let at = FRAME_HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    if (at + 8 > bytes.byteLength) throw new FrameFormatError('frame truncated in a section header');
    const id = dv.getUint16(at, true);
    const type = dv.getUint8(at + 2);
    const len = dv.getUint32(at + 4, true);
    at += 8;
    const width = widthOf(type);
    if (at + len * width > bytes.byteLength) throw new FrameFormatError(`frame truncated in section ${id}`);
    if (id === Section.Named && type === Elem.U8) readNamed(buf, base, dv, at, len, named);
    else sections.set(id, view(buf, base + at, type, len));
    at += pad4(len * width);
  }
  const get = <T extends SectionArray>(id: Section, empty: T): T => (sections.get(id) as T | undefined) ?? empty;
  const kind = get(Section.EventKind, EMPTY_U8);
  return {
    tick: dv.getUint32(8, true),
    ticksCovered: dv.getUint32(12, true),
    time: dv.getFloat64(16, true),
    robotCount: dv.getUint32(24, true),
    ordersOpen: dv.getUint32(28, true),
    ordersCompleted: dv.getUint32(32, true),
    cell: get(Section.Cell, EMPTY_I32),
    pod: get(Section.Pod, EMPTY_I32),
    battery: get(Section.Battery, EMPTY_U16),
    heading: get(Section.Heading, EMPTY_U8),
    state: get(Section.State, EMPTY_U8),
    stationQueue: get(Section.StationQueue, EMPTY_U16),
    stationLoad: get(Section.StationLoad, EMPTY_U16),
    events: {
      count: kind.length,
      tick: get(Section.EventTick, EMPTY_I32),
      kind,
      a: get(Section.EventA, EMPTY_I32),
      b: get(Section.EventB, EMPTY_I32),
      dropped: get(Section.EventsDropped, EMPTY_U32),
    },
    flow: {
      pickerCell: get(Section.PickerCell, EMPTY_I32),
      pickerState: get(Section.PickerState, EMPTY_U8),
      pickerCart: get(Section.PickerCart, EMPTY_I32),
      conveyorTotes: get(Section.ConveyorTotes, EMPTY_I32),
      sorterQueue: get(Section.SorterQueue, EMPTY_I32),
      chuteItems: get(Section.ChuteItems, EMPTY_I32),
      agvCell: get(Section.AgvCell, EMPTY_I32),
      agvLoad: get(Section.AgvLoad, EMPTY_I32),
      dockShipped: get(Section.DockShipped, EMPTY_I32),
    },
    sections,
    named,
    bytes: bytes.byteLength,
  };
}

/**
 * What is wrong with a decoded frame that decodeFrame cannot see, or null:
 * every per-robot section holds one element per robot and every event
 * section one per event, so a reader indexing them stays inside them.
 */
export function frameProblem(f: DecodedFrame): string | null {
  const perRobot: [string, SectionArray][] = [
    ['cell', f.cell],
    ['pod', f.pod],
    ['battery', f.battery],
    ['heading', f.heading],
    ['state', f.state],
  ];
  for (const [name, arr] of perRobot) {
    if (arr.length !== f.robotCount) return `the frame's ${name} section has ${arr.length} entries for ${f.robotCount} robots`;
  }
  const e = f.events;
  const perEvent: [string, SectionArray][] = [
    ['event tick', e.tick],
    ['event a', e.a],
    ['event b', e.b],
  ];
  for (const [name, arr] of perEvent) {
    if (arr.length !== e.count) return `the frame's ${name} section has ${arr.length} entries for ${e.count} events`;
  }
  return null;
}

/** Battery charge as the u16 the format carries (0..65535 of capacity). */
export function quantizeBattery(wh: number, capacityWh: number): number {
  const f = wh / capacityWh;
  return f <= 0 ? 0 : f >= 1 ? 65535 : Math.round(f * 65535);
}

/** Typed arrays use the platform's byte order; the format is little-endian, as every supported platform is. */
export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('wsim frames need a little-endian platform');
}
