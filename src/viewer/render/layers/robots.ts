import { BufferImageSource, Container, Particle, ParticleContainer, Texture } from 'pixi.js';
import { packedColor } from '../colors.js';
import { DotBuffer, makeStamps, tintStamps, type SourcePixels } from '../dots.js';
import { CELL, POD_COLOR, STATE_COLORS } from '../palette.js';
import { Quad } from '../quad.js';
import { pixelsOf, podCanvas, robotCanvas, TEX } from '../textures.js';
import type { DecodedFrame } from '../../../record/frame-codec.js';
import type { Layer, LayerContext, ScreenTransform } from './layer.js';

const QUARTER = Math.PI / 2;
/** Smallest robot drawn, in screen pixels: zoomed far out, a fleet still shows where it is. */
const MIN_PIXELS = 3;
/** Robots drawn smaller than this (CSS pixels across) are stamped into one image (../dots.ts) rather than drawn as particles. */
const DOTS_BELOW = 4;
/** Robot and carried pod sizes, in cells. */
const ROBOT_SIZE = 0.74;
const POD_SIZE = 0.98;
const UNKNOWN_COLOR = 0xff00ff;
const POD_ALPHA = 0.95;

/**
 * Robots, and the pods they carry. Positions are interpolated between the
 * last two frames; colour shows the state, the nose the heading. Writes the
 * drawn positions to the context for the layers above.
 *
 * Close up, robots are particles sharing one texture each: one draw call
 * per kind whatever the fleet size. Zoomed out, where a robot is a few
 * pixels across, they are stamped into a pixel buffer the size of the
 * floor on screen and drawn as one quad (../dots.ts): a whole warehouse
 * of 10,000 robots then costs software GL one textured rectangle, not
 * 20,000 tiny triangles.
 */
export function robotsLayer(ctx: LayerContext): Layer {
  const n = ctx.layout.robots;
  const width = ctx.layout.width;
  const robotCv = robotCanvas();
  const podCv = podCanvas();
  const robotTex = Texture.from(robotCv);
  const podTex = Texture.from(podCv);
  const pods = new ParticleContainer({ texture: podTex, dynamicProperties: { position: true, color: true, rotation: false, vertex: false, uvs: false } });
  const robots = new ParticleContainer({ texture: robotTex, dynamicProperties: { position: true, rotation: true, color: true, vertex: false, uvs: false } });
  const stateColor = STATE_COLORS.map((c) => packedColor(c));
  const unknownColor = packedColor(UNKNOWN_COLOR);
  const podShown = packedColor(POD_COLOR, POD_ALPHA);
  const rs = (CELL * ROBOT_SIZE) / TEX;
  const ps = (CELL * POD_SIZE) / TEX;
  // Pools of particles made once. Each frame the robots on the canvas take the first of them in robot order
  // (and the pods they carry the first pod particles), and the containers draw only those: zoomed in, the
  // robots off the canvas cost nothing, and no pod square is drawn for a robot carrying none.
  const robotP: Particle[] = [];
  const podP: Particle[] = [];
  for (let i = 0; i < n; i++) {
    robotP.push(new Particle({ texture: robotTex, anchorX: 0.5, anchorY: 0.5, scaleX: rs, scaleY: rs }));
    const p = new Particle({ texture: podTex, anchorX: 0.5, anchorY: 0.5, scaleX: ps, scaleY: ps });
    p.color = podShown;
    podP.push(p);
  }
  /** How many particles each container has had static data (scale, anchor) uploaded for. */
  const uploaded = new Map<ParticleContainer, number>([
    [robots, 0],
    [pods, 0],
  ]);
  /** Has `c` draw the first `m` particles of `pool`: its own list is cut or refilled, with no particle made. */
  const drawFirst = (c: ParticleContainer, pool: Particle[], m: number) => {
    const list = c.particleChildren;
    if (list.length > m) list.length = m;
    while (list.length < m) list.push(pool[list.length]);
    // Static properties go up only when asked; particles drawn for the first time need theirs.
    if (m > uploaded.get(c)!) {
      uploaded.set(c, m);
      c.update();
    }
  };
  const container = new Container();
  container.addChild(pods, robots);
  const { robotX, robotY, screen } = ctx;
  const dots = new Dots(robotCv, podCv, container);

  return {
    container,
    update(v) {
      const f = v.cur;
      const useDots = CELL * ROBOT_SIZE * v.zoom < DOTS_BELOW;
      robots.visible = pods.visible = !useDots;
      dots.visible(useDots);
      if (!f) return;
      const prev = v.prev;
      const a = v.alpha;
      const count = Math.min(n, f.robotCount);
      // The canvas in world units, a pod's size wider all round.
      const margin = CELL;
      const left = -screen.x / screen.scale - margin;
      const top = -screen.y / screen.scale - margin;
      const right = (screen.width - screen.x) / screen.scale + margin;
      const bottom = (screen.height - screen.y) / screen.scale + margin;
      let shown = 0;
      let carried = 0;
      for (let i = 0; i < count; i++) {
        const c1 = f.cell[i];
        const r1 = (c1 / width) | 0;
        const col1 = c1 - r1 * width;
        let x = col1;
        let y = r1;
        if (prev !== null && a < 1) {
          const c0 = prev.cell[i];
          if (c0 !== c1) {
            const r0 = (c0 / width) | 0;
            x = c0 - r0 * width + (col1 - (c0 - r0 * width)) * a;
            y = r0 + (r1 - r0) * a;
          }
        }
        x = (x + 0.5) * CELL;
        y = (y + 0.5) * CELL;
        robotX[i] = x;
        robotY[i] = y;
        if (useDots || x < left || x > right || y < top || y > bottom) continue;
        const rp = robotP[shown++];
        rp.x = x;
        rp.y = y;
        rp.rotation = f.heading[i] * QUARTER;
        rp.color = stateColor[f.state[i]] ?? unknownColor;
        if (f.pod[i] >= 0) {
          const pp = podP[carried++];
          pp.x = x;
          pp.y = y;
        }
      }
      if (useDots) {
        dots.draw(f, count, v.zoom, ctx.layout.width * CELL, ctx.layout.height * CELL, robotX, robotY, screen);
        return;
      }
      drawFirst(robots, robotP, shown);
      drawFirst(pods, podP, carried);
      pods.visible = carried > 0;
    },
    destroy() {
      container.destroy({ children: true });
      dots.destroy();
      robotTex.destroy(true);
      podTex.destroy(true);
    },
  };
}

/**
 * The zoomed-out drawing: a buffer the size of the canvas (device pixels),
 * of which the part covering the floor is filled each frame and uploaded.
 */
class Dots {
  private readonly robotPx: SourcePixels;
  private readonly podPx: SourcePixels;
  private buffer: DotBuffer | null = null;
  private source: BufferImageSource | null = null;
  private texture: Texture | null = null;
  private quad: Quad | null = null;
  /** Robot diameter (device pixels) the stamps were made for. */
  private size = 0;
  private robotSide = 0;
  private podSide = 0;
  /** Per robot state, then one for an unknown state. */
  private robotStamps: Uint32Array[] = [];
  private podStamps: Uint32Array = new Uint32Array(0);

  constructor(
    robotCv: HTMLCanvasElement,
    podCv: HTMLCanvasElement,
    private readonly parent: Container,
  ) {
    this.robotPx = pixelsOf(robotCv);
    this.podPx = pixelsOf(podCv);
  }

  visible(on: boolean): void {
    if (this.quad) this.quad.mesh.visible = on;
  }

  /** Remakes the stamps when the drawn size changes by more than 5% (zooming). */
  private stamps(size: number): void {
    if (Math.abs(size - this.size) <= this.size * 0.05) return;
    this.size = size;
    const robot = makeStamps(this.robotPx, size, 4);
    const pod = makeStamps(this.podPx, (size * POD_SIZE) / ROBOT_SIZE, 1);
    this.robotSide = robot.side;
    this.podSide = pod.side;
    this.robotStamps = [...STATE_COLORS, UNKNOWN_COLOR].map((c) => tintStamps(robot, c, 1));
    this.podStamps = tintStamps(pod, POD_COLOR, POD_ALPHA);
  }

  /** A buffer and texture as large as the canvas, made again only when the canvas changes size. */
  private ensure(w: number, h: number): void {
    if (!this.buffer || this.buffer.width !== w || this.buffer.height !== h) {
      this.texture?.destroy(true);
      this.buffer = new DotBuffer(w, h);
      this.source = new BufferImageSource({ resource: this.buffer.bytes, width: w, height: h, format: 'rgba8unorm', alphaMode: 'premultiplied-alpha', scaleMode: 'nearest' });
      this.texture = new Texture({ source: this.source });
      if (this.quad) this.quad.mesh.texture = this.texture;
      else {
        this.quad = new Quad(this.texture);
        this.parent.addChild(this.quad.mesh);
      }
    }
  }

  /** Stamps the first `count` robots of `f`, drawn at (robotX, robotY) in world units, and uploads the floor's part of the buffer. */
  draw(f: DecodedFrame, count: number, zoom: number, floorW: number, floorH: number, robotX: Float32Array, robotY: Float32Array, s: ScreenTransform): void {
    const res = s.resolution;
    this.ensure(Math.max(1, Math.ceil(s.width * res)), Math.max(1, Math.ceil(s.height * res)));
    const buffer = this.buffer!;
    const source = this.source!;
    const quad = this.quad!;
    this.stamps(Math.max(MIN_PIXELS, CELL * ROBOT_SIZE * zoom) * res);
    // The floor's rectangle on the canvas (device pixels), a stamp wider all round, cut to the canvas.
    const k = s.scale * res;
    const pad = this.podSide + 1;
    const x0 = Math.max(0, Math.floor(s.x * res) - pad);
    const y0 = Math.max(0, Math.floor(s.y * res) - pad);
    const x1 = Math.min(buffer.width, Math.ceil((s.x + floorW * s.scale) * res) + pad);
    const y1 = Math.min(buffer.height, Math.ceil((s.y + floorH * s.scale) * res) + pad);
    if (x1 <= x0 || y1 <= y0) {
      quad.mesh.visible = false;
      return;
    }
    quad.mesh.visible = true;
    buffer.begin(x1 - x0, y1 - y0);
    const ox = s.x * res - x0;
    const oy = s.y * res - y0;
    // Carried pods first, robots over them (as the particle containers stack).
    const podStamps = this.podStamps;
    const podSide = this.podSide;
    for (let i = 0; i < count; i++) {
      if (f.pod[i] >= 0) buffer.stamp(podStamps, podSide, 0, robotX[i] * k + ox, robotY[i] * k + oy);
    }
    const robotStamps = this.robotStamps;
    const unknown = robotStamps[robotStamps.length - 1];
    const side = this.robotSide;
    for (let i = 0; i < count; i++) {
      buffer.stamp(robotStamps[f.state[i]] ?? unknown, side, f.heading[i] & 3, robotX[i] * k + ox, robotY[i] * k + oy);
    }
    // Only the rows in use go up.
    source.update(0, buffer.width * buffer.usedH);
    quad.setUv(0, 0, buffer.usedW / buffer.width, buffer.usedH / buffer.height);
    // Placed in world units so that one texel lands on one device pixel.
    quad.mesh.position.set((x0 / res - s.x) / s.scale, (y0 / res - s.y) / s.scale);
    quad.mesh.scale.set(buffer.usedW / k, buffer.usedH / k);
  }

  destroy(): void {
    this.texture?.destroy(true);
  }
}
