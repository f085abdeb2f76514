/**
 * One-way lanes: even rows run east and odd rows west, even columns south and
 * odd columns north. True when moving from `cell` in `dir` (0=E,1=S,2=W,3=N)
 * goes against them. Planners use it to steer crowds into one-way flows.
 */
export function againstLane(cell: number, dir: number, width: number): boolean {
  const row = (cell / width) | 0;
  const col = cell - row * width;
  switch (dir) {
    case 0:
      return (row & 1) === 1;
    case 2:
      return (row & 1) === 0;
    case 1:
      return (col & 1) === 1;
    default:
      return (col & 1) === 0;
  }
}
