import { z } from 'zod';

/** The `shipping` section of the scenario file: how each service class ships. */

export const ShippingRule = z.enum(['ship-complete', 'split']).describe('ship-complete: one parcel once every line is there; split: at the cut-off, what is there ships as one parcel, the rest later as a second');

export const Shipping = z.strictObject({
  rules: z.record(z.string().min(1).max(60), ShippingRule).describe('Shipping rule by service class name; classes not named ship complete'),
});

export type ShippingFile = z.output<typeof Shipping>;

/** The resolved shipping rules: per service class (scenario order), whether it ships split. */
export interface ShippingConfig {
  split: boolean[];
}

/**
 * Resolves the rules against the service classes, noting (by `fail`, with the
 * path into the document) a rule for a class that does not exist or a
 * section with no classes to apply to.
 */
export function buildShipping(shipping: ShippingFile | undefined, classes: readonly { name: string }[] | undefined, fail: (path: string, message: string) => void): ShippingConfig | null {
  if (shipping === undefined) return null;
  if (classes === undefined) {
    fail('shipping', 'needs serviceClasses: shipping rules are given per service class');
    return null;
  }
  const names = classes.map((c) => c.name);
  for (const name of Object.keys(shipping.rules)) {
    if (!names.includes(name)) fail(`shipping.rules.${name}`, `'${name}' is not a service class (serviceClasses: ${names.map((n) => `'${n}'`).join(', ')})`);
  }
  return { split: names.map((n) => shipping.rules[n] === 'split') };
}
