import type { Container } from 'pixi.js';

/** Pointer travel (px) below which a press and release is a click, not a drag. */
const CLICK_SLOP = 5;
const MIN_SCALE = 0.02;
const MAX_SCALE = 12;

/**
 * Pan and zoom of the world container: wheel zooms about the pointer, drag
 * pans, a click (no drag) reports the world point under the pointer.
 * Following a robot recentres on it every frame until the user drags.
 */
export class Camera {
  onClick: (wx: number, wy: number) => void = () => {};
  /** Set while the camera keeps a point centred. */
  private followSince = -1;
  private drag: { id: number; x: number; y: number; moved: number } | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly world: Container,
  ) {
    el.addEventListener('wheel', this.onWheel, { passive: false });
    el.addEventListener('pointerdown', this.onDown);
    el.addEventListener('pointermove', this.onMove);
    el.addEventListener('pointerup', this.onUp);
    el.addEventListener('pointercancel', () => (this.drag = null));
  }

  get following(): boolean {
    return this.followSince >= 0;
  }

  /** Starts (or stops) keeping a point centred: eased in at first, then locked, so fast robots stay in the middle. */
  set following(on: boolean) {
    if (on && this.followSince < 0) this.followSince = performance.now();
    if (!on) this.followSince = -1;
  }

  get scale(): number {
    return this.world.scale.x;
  }

  /** Shows the whole `w` x `h` (world units) area, centred. */
  fit(w: number, h: number): void {
    const vw = this.el.clientWidth || 800;
    const vh = this.el.clientHeight || 600;
    const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(vw / w, vh / h) * 0.96));
    this.world.scale.set(s);
    this.world.position.set((vw - w * s) / 2, (vh - h * s) / 2);
  }

  toWorld(sx: number, sy: number): [number, number] {
    const s = this.scale;
    return [(sx - this.world.x) / s, (sy - this.world.y) / s];
  }

  zoomAt(sx: number, sy: number, factor: number): void {
    const s0 = this.scale;
    const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, s0 * factor));
    const [wx, wy] = this.toWorld(sx, sy);
    this.world.scale.set(s);
    this.world.position.set(sx - wx * s, sy - wy * s);
  }

  /** Centres (wx, wy): part of the way just after following starts, exactly after that. */
  centreOn(wx: number, wy: number): void {
    const ease = performance.now() - this.followSince < 500 ? 0.25 : 1;
    const s = this.scale;
    const tx = this.el.clientWidth / 2 - wx * s;
    const ty = this.el.clientHeight / 2 - wy * s;
    this.world.position.set(this.world.x + (tx - this.world.x) * ease, this.world.y + (ty - this.world.y) * ease);
  }

  private readonly onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const r = this.el.getBoundingClientRect();
    const dy = e.deltaMode === 1 ? e.deltaY * 30 : e.deltaY;
    this.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.pow(1.0015, -dy));
  };

  private readonly onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    this.el.setPointerCapture(e.pointerId);
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: 0 };
  };

  private readonly onMove = (e: PointerEvent) => {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    d.moved += Math.abs(dx) + Math.abs(dy);
    d.x = e.clientX;
    d.y = e.clientY;
    if (d.moved > CLICK_SLOP) {
      this.following = false;
      this.world.position.set(this.world.x + dx, this.world.y + dy);
    }
  };

  private readonly onUp = (e: PointerEvent) => {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = null;
    if (d.moved <= CLICK_SLOP) {
      const r = this.el.getBoundingClientRect();
      const [wx, wy] = this.toWorld(e.clientX - r.left, e.clientY - r.top);
      this.onClick(wx, wy);
    }
  };
}
