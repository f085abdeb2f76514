/** Typed arrays the engine's struct-of-arrays stores grow. */
type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/**
 * A copy of `a` with room for `size` entries (same element type), the new
 * entries set to `fill`. Stores double their arrays when full, so this runs
 * rarely and never per tick once a run has warmed up.
 */
export function grown<T extends Growable>(a: T, size: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
