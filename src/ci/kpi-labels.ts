/**
 * Human labels and units for report figures in the HTML report: "Orders per
 * hour", "Cycle time p95 (s)". Shares (utilisation, SLA hit rate) are shown
 * in percent, everywhere in the report, so `scale` turns a share into one.
 */
export interface KpiLabel {
  /** What people read: "Robot utilisation (%)". */
  label: string;
  /** Multiplies the report's value for display (100 for shares). */
  scale: number;
}

/** Figures whose report paths people meet most, by path. */
const KNOWN: Record<string, string> = {
  'throughput.ordersPerHour': 'Orders per hour',
  'throughput.linesPerHour': 'Order lines per hour',
  'cycleTimeSeconds.mean': 'Cycle time mean (s)',
  'cycleTimeSeconds.p50': 'Cycle time p50 (s)',
  'cycleTimeSeconds.p95': 'Cycle time p95 (s)',
  'cycleTimeSeconds.p99': 'Cycle time p99 (s)',
  'cycleTimeSeconds.max': 'Cycle time max (s)',
  'sla.hitRate': 'Orders on time (%)',
  'sla.onTime': 'Orders on time',
  'orders.created': 'Orders created',
  'orders.completed': 'Orders completed',
  'orders.open': 'Orders open at the end',
  'lines.picked': 'Order lines picked',
  'lines.open': 'Order lines open at the end',
  'robots.utilization': 'Robot utilisation (%)',
  'robots.chargingShare': 'Robot time charging (%)',
  'robots.distanceCells': 'Robot distance (cells)',
  'robots.waitTicks': 'Robot waiting (ticks)',
  'robots.conflicts': 'Robot conflicts',
  'robots.depleted': 'Robots with a flat battery',
  'robots.energyKWh': 'Robot energy (kWh)',
  'robots.stalls.count': 'Stalls',
  'robots.stalls.longestSeconds': 'Longest stall (s)',
  'robots.stalls.robotSeconds': 'Robot time stalled (s)',
  'congestion.totalWaitTicks': 'Robot waiting in congestion (ticks)',
  'energy.gridKWh': 'Energy from the grid (kWh)',
  'energy.whPerOrder': 'Energy per order (Wh)',
  'energy.co2eGramsPerOrder': 'CO2e per order (g)',
  'inventory.fillRate': 'Lines filled from stock at once (%)',
  'inventory.stockoutLines': 'Stock-outs (lines)',
  'inventory.cancelledLines': 'Lines cancelled for want of stock',
  'inventory.turnsPerYear': 'Stock turns per year',
  'inventory.onHandUnits': 'Units on hand at the end',
  'inventory.daysOfCover': 'Days of cover at the end',
  'inbound.unitsStowed': 'Units stowed at put stations',
  'inbound.putVisits': 'Put-away visits',
  'inbound.putAwayRobotHours': 'Robot-hours on put-away',
  'inbound.peakBufferUnits': 'Receiving buffer peak (units)',
  'quality.misShipmentRate': 'Orders shipped wrong (%)',
  'quality.pickErrors': 'Pick errors (lines)',
  'quality.caughtAtPack': 'Pick errors caught at pack',
  'shipments.parcels': 'Parcels shipped',
  'shipments.splitOrders': 'Orders shipped split',
};

/** Units read off the end of a figure's name, for paths not listed above. */
const SUFFIX_UNITS: [RegExp, string][] = [
  [/Seconds$/, 's'],
  [/KWh$/, 'kWh'],
  [/Wh$/, 'Wh'],
  [/Grams$/, 'g'],
  [/Ticks$/, 'ticks'],
  [/Cells$/, 'cells'],
  [/PerHour$/, 'per hour'],
];

/** A share in [0, 1] in the report: shown in percent. */
export function isShare(path: string): boolean {
  const last = path.split('.').pop() ?? path;
  return /utili[sz]ation$|Share$|[Rr]ate$/.test(last);
}

/** "stations[2].queueMaxSeconds" -> "stations[2] queue max". */
function words(path: string): string {
  const parts = path.split('.');
  const last = parts.pop() ?? path;
  let name = last;
  for (const [re] of SUFFIX_UNITS) name = name.replace(re, '');
  name = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\butilization\b/, 'utilisation');
  const where = parts.length > 0 ? `${parts.join(' ')} ` : '';
  const text = `${where}${name}`.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The label and display scale of the figure at `path`. `given` is the
 * experiment's own label for it, kept as written (with " (%)" added to a
 * share, whose values the report shows in percent).
 */
export function kpiLabel(path: string, given?: string): KpiLabel {
  const share = isShare(path);
  const scale = share ? 100 : 1;
  if (given !== undefined && given !== path) return { label: share && !given.includes('%') ? `${given} (%)` : given, scale };
  const known = KNOWN[path];
  if (known) return { label: known, scale };
  const last = path.split('.').pop() ?? path;
  const unit = share ? '%' : SUFFIX_UNITS.find(([re]) => re.test(last))?.[1];
  return { label: unit ? `${words(path)} (${unit})` : words(path), scale };
}
