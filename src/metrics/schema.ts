import { z } from 'zod';

/** The scenario's `energy` section: what the report's energy figures are computed with. */
export const Energy = z.strictObject({
  gridGramsPerKWh: z.number().nonnegative().finite().default(250).describe('Grid carbon intensity, g CO2e per kWh'),
  chargerEfficiency: z.number().gt(0).max(1).default(0.9),
});
