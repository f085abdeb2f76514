import type { Frame } from '../../core/frame.js';
import type { Grid } from '../../layout/grid.js';
import { writeAtomic } from '../../output/output.js';

/**
 * Records every robot's cell at every tick (tick 0 = start) and writes the
 * plain trace format: `{ width, height, grid, robots: [{ id, cells }] }`.
 * Kept in chunks of one Int32Array per tick: tracing is opt-in and costs
 * memory in proportion to robots x ticks.
 */
export class TraceRecorder {
  private readonly ticks: Int32Array[] = [];
  constructor(initial: Int32Array) {
    this.ticks.push(initial.slice());
  }

  onFrame = (f: Frame): void => {
    this.ticks.push(f.cell.slice(0, f.robotCount));
  };

  write(file: string, grid: Grid): void {
    const n = this.ticks[0].length;
    writeAtomic(file, (put) => {
      put(`{"width":${grid.width},"height":${grid.height},"grid":${JSON.stringify(grid.rows)},"robots":[`);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        parts.length = 0;
        for (const t of this.ticks) parts.push(String(t[i]));
        put(`${i > 0 ? ',' : ''}\n{"id":${i},"cells":[${parts.join(',')}]}`);
      }
      put('\n]}\n');
    });
  }
}
