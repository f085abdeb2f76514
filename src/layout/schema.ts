import { z } from 'zod';

/**
 * The `layout` section of the scenario file: inline grid rows, a MovingAI
 * map file or a generated warehouse. Built from zod alone, so the base layer
 * keeps importing only itself; reading the map file and the size limits are
 * the scenario loader's.
 */

/** The generator's options (`generateWarehouse`), as a scenario writes them. */
export const GeneratedLayout = z.strictObject({
  kind: z.literal('warehouse'),
  width: z.number().int().min(10).max(2000),
  height: z.number().int().min(8).max(2000),
  stations: z.number().int().min(1).max(10_000),
  chargers: z.number().int().min(0).max(10_000),
  blockWidth: z.number().int().min(1).optional(),
  blockDepth: z.number().int().min(1).max(2).optional(),
  aisle: z.number().int().min(1).optional(),
  buffer: z.number().int().min(1).optional(),
  stationSide: z.enum(['west', 'east', 'both']).optional(),
});

export const Layout = z
  .union([
    z.strictObject({
      grid: z.array(z.string().min(1)).min(1).describe('Rows of . @ T R P C # m = + U'),
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
    z.strictObject({
      map: z.string().min(1).describe('MovingAI .map file, relative to the scenario file'),
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
    z.strictObject({
      generate: GeneratedLayout,
      cellSize: z.number().min(0.01).max(100).optional(),
    }),
  ])
  .describe('Inline grid rows, a MovingAI map file, or a generated warehouse. cellSize in metres (default 1).');
