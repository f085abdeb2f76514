import type { Container, Renderer } from 'pixi.js';
import type { DecodedFrame } from '../../../record/frame-codec.js';
import type { RobotInfo } from '../../../record/inspect.js';
import type { LayoutInfo } from '../../../record/layout-info.js';
import { Text } from 'pixi.js';
import { CELL } from '../palette.js';

/** What every layer is built from: the static layout and positions shared between layers. */
export interface LayerContext {
  layout: LayoutInfo;
  /** Robot centres in world units as drawn this animation frame (written by the robot layer, read by later layers). */
  robotX: Float32Array;
  robotY: Float32Array;
  /** Where the world is on the canvas this animation frame (the scene sets it before the layers update). */
  screen: ScreenTransform;
  /** For a layer that draws into a texture of its own (the floor caches its picture at the current zoom). */
  renderer: Renderer;
}

/** The camera as layers see it: screen = world * scale + (x, y), in CSS pixels; the canvas' size; device pixels per CSS pixel. */
export interface ScreenTransform {
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
  resolution: number;
}

/** What layers draw each animation frame. */
export interface ViewInput {
  /** Latest frame, and the one before it for interpolation (null at the start or after a jump). */
  cur: DecodedFrame | null;
  prev: DecodedFrame | null;
  /** 0..1 from prev to cur. */
  alpha: number;
  heat: { version: number; wait: Float32Array; max: number } | null;
  overlays: { heat: boolean; queues: boolean };
  /** Camera scale: screen pixels per world unit. */
  zoom: number;
  /** Followed robot, or -1; its latest details. */
  selected: number;
  info: RobotInfo | null;
}

/**
 * One drawing layer. Each kind of thing on the floor is its own layer (one
 * file each in this folder), stacked in the order of `layers/index.ts`; new
 * equipment adds a file and a line there.
 */
export interface Layer {
  readonly container: Container;
  update(v: ViewInput): void;
  destroy(): void;
}

export type LayerFactory = (ctx: LayerContext) => Layer;

/** Cell centre in world units. */
export function cellX(ctx: LayerContext, cell: number): number {
  return ((cell % ctx.layout.width) + 0.5) * CELL;
}

export function cellY(ctx: LayerContext, cell: number): number {
  return (Math.floor(cell / ctx.layout.width) + 0.5) * CELL;
}

/**
 * Where something moving cell to cell is drawn this animation frame: part
 * way from its cell in the previous frame to its cell now. Writes (x, y) in
 * world units into `out`.
 */
export function between(width: number, c0: number, c1: number, a: number, out: Float32Array): void {
  const r1 = (c1 / width) | 0;
  let x = c1 - r1 * width;
  let y = r1;
  if (c0 !== c1 && c0 >= 0 && a < 1) {
    const r0 = (c0 / width) | 0;
    x = c0 - r0 * width + (x - (c0 - r0 * width)) * a;
    y = r0 + (y - r0) * a;
  }
  out[0] = (x + 0.5) * CELL;
  out[1] = (y + 0.5) * CELL;
}

/** A small label in world units (white on a dark outline), anchored at its bottom centre. */
export function label(x: number, y: number): Text {
  const t = new Text({ text: '', style: { fontFamily: 'system-ui, sans-serif', fontSize: 22, fill: 0xffffff, fontWeight: '700', stroke: { color: 0x000000, width: 4 } } });
  t.scale.set(CELL / 36);
  t.anchor.set(0.5, 1);
  t.x = x;
  t.y = y;
  return t;
}
