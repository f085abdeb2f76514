/** One line of a chart. */
export interface ChartSeries {
  label: string;
  color: string;
  values: number[];
}

/**
 * A small line chart on a canvas: a few series over the same points, the y
 * axis from 0 (or the data's minimum when asked) to a rounded maximum, with
 * the range written in the corner. Drawn in one pass; no library.
 */
export class LineChart {
  private readonly g: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly format: (v: number) => string,
    private readonly fixedMax?: number,
  ) {
    this.g = canvas.getContext('2d')!;
  }

  draw(series: ChartSeries[]): void {
    const c = this.canvas;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = c.clientWidth || 260;
    const h = c.clientHeight || 64;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = this.g;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    let max = this.fixedMax ?? 0;
    let points = 0;
    for (const s of series) {
      points = Math.max(points, s.values.length);
      if (this.fixedMax === undefined) for (const v of s.values) if (Number.isFinite(v) && v > max) max = v;
    }
    max = max > 0 ? niceCeil(max) : 1;
    const top = 4;
    const bottom = h - 4;
    const left = 2;
    const right = w - 2;
    g.strokeStyle = 'rgba(148,163,184,0.18)';
    g.lineWidth = 1;
    g.beginPath();
    for (const f of [0, 0.5, 1]) {
      const y = Math.round(top + (bottom - top) * f) + 0.5;
      g.moveTo(left, y);
      g.lineTo(right, y);
    }
    g.stroke();
    if (points >= 2) {
      const dx = (right - left) / (points - 1);
      for (const s of series) {
        g.strokeStyle = s.color;
        g.lineWidth = 1.6;
        g.beginPath();
        let pen = false;
        const off = points - s.values.length;
        s.values.forEach((v, k) => {
          if (!Number.isFinite(v)) {
            pen = false;
            return;
          }
          const x = left + (k + off) * dx;
          const y = bottom - (Math.min(v, max) / max) * (bottom - top);
          if (pen) g.lineTo(x, y);
          else g.moveTo(x, y);
          pen = true;
        });
        g.stroke();
      }
    }
    g.fillStyle = 'rgba(203,213,225,0.75)';
    g.font = '10px system-ui, sans-serif';
    g.textAlign = 'right';
    g.textBaseline = 'top';
    g.fillText(this.format(max), right - 2, top);
    if (points < 2) {
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText('collecting…', w / 2, h / 2);
    }
  }
}

/** 1, 2 or 5 times a power of ten, at or above x. */
export function niceCeil(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
