import { Application, Container } from 'pixi.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { Camera } from './camera.js';
import { LAYERS } from './layers/index.js';
import type { Layer, LayerContext, ViewInput } from './layers/layer.js';
import { BACKGROUND, CELL } from './palette.js';

/**
 * The pixi stage: a camera-controlled world container holding the layers.
 * The viewer drives it: `update` (layers) then `render`, once per animation
 * frame, so it can time each part.
 */
export class Scene {
  readonly camera: Camera;
  private readonly world = new Container();
  private layers: Layer[] = [];
  private ctx: LayerContext | null = null;

  private constructor(readonly app: Application) {
    app.stage.addChild(this.world);
    this.camera = new Camera(app.canvas, this.world);
  }

  static async create(host: HTMLElement): Promise<Scene> {
    const app = new Application();
    await app.init({
      resizeTo: host,
      background: BACKGROUND,
      antialias: false,
      autoStart: false,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
      preference: 'webgl',
    });
    app.ticker.stop();
    host.appendChild(app.canvas);
    return new Scene(app);
  }

  /** Rebuilds every layer for a new layout and fits it into view. */
  setLayout(layout: LayoutInfo): void {
    for (const l of this.layers) l.destroy();
    this.world.removeChildren();
    this.ctx = { layout, robotX: new Float32Array(layout.robots), robotY: new Float32Array(layout.robots), screen: { x: 0, y: 0, scale: 1, width: 1, height: 1, resolution: 1 }, renderer: this.app.renderer };
    this.layers = LAYERS.map((make) => make(this.ctx!));
    for (const l of this.layers) this.world.addChild(l.container);
    this.fit();
  }

  fit(): void {
    if (this.ctx) this.camera.fit(this.ctx.layout.width * CELL, this.ctx.layout.height * CELL);
  }

  /** Screen pixels per world unit. */
  get zoom(): number {
    return this.camera.scale;
  }

  update(v: ViewInput): void {
    if (this.ctx) {
      // Written in place: read by layers every frame, allocated once.
      const s = this.ctx.screen;
      s.x = this.world.x;
      s.y = this.world.y;
      s.scale = this.world.scale.x;
      s.width = this.app.screen.width;
      s.height = this.app.screen.height;
      s.resolution = this.app.renderer.resolution;
    }
    for (const l of this.layers) l.update(v);
    if (this.camera.following && v.selected >= 0 && this.ctx && v.selected < this.ctx.robotX.length) {
      this.camera.centreOn(this.ctx.robotX[v.selected], this.ctx.robotY[v.selected]);
    }
  }

  render(): void {
    this.app.render();
  }

  /** The robot drawn nearest to a world point, within about a cell; -1 if none. */
  robotAt(wx: number, wy: number, count: number): number {
    if (!this.ctx) return -1;
    const { robotX, robotY } = this.ctx;
    let best = -1;
    let bestD = (CELL * 0.8) ** 2;
    for (let i = 0; i < count && i < robotX.length; i++) {
      const dx = robotX[i] - wx;
      const dy = robotY[i] - wy;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Where robot i was last drawn, in CSS pixels on the canvas. */
  robotOnScreen(i: number): [number, number] | null {
    if (!this.ctx || i < 0 || i >= this.ctx.robotX.length) return null;
    const s = this.world.scale.x;
    return [this.world.x + this.ctx.robotX[i] * s, this.world.y + this.ctx.robotY[i] * s];
  }

  /** Reads back the canvas as a data URL (tests compare two of them). */
  snapshot(): string {
    this.render();
    return this.app.canvas.toDataURL('image/png');
  }
}
