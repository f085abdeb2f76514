import { grown } from '../core/grow.js';
import { rngStream, type Rng } from '../core/rng.js';
import type { World } from '../core/world.js';
import { IntHistogram } from '../metrics/histogram.js';
import type { ReleaseConfig, ServiceClassConfig } from './config.js';
import { HeldOrders, nextTimeOfDay } from './release.js';

/**
 * Service classes of orders: each arriving order's class is drawn by the
 * classes' shares from its own seeded stream (`service-class`), so turning
 * classes on does not change the orders themselves. The class sets the
 * order's due tick (a time after arrival or the next carrier cut-off) and
 * its rank: lower ranks are released first, assigned to stations by the
 * open lines of their rank and above, and their pods are fetched first.
 * Also keeps each class's figures for the report.
 */
export class ClassBook {
  /** The one class of every order when the scenario releases in waves without service classes (due as without classes). */
  static readonly ALL: ServiceClassConfig = { name: '', share: 1, dueTicks: -1, cutoffTicks: [], priority: 0, rank: 0 };
  readonly ranks: number;
  /** Whether the classes are the scenario's (false: the one class of a wave release without classes). */
  readonly declared: boolean;
  /** Class per order slot (of the order book), set when the order opens. */
  private orderClass = new Int32Array(1024);
  private readonly cdf: Float64Array;
  private readonly rng: Rng;
  /** Open pod lines per station and rank (station * ranks + rank). */
  private readonly openLines: Int32Array;
  readonly held: HeldOrders;
  /** Next wave, or -1 for continuous release. */
  private nextWave: number;
  // Figures per class.
  readonly created: Float64Array;
  readonly completed: Float64Array;
  readonly onTime: Float64Array;
  readonly cycle: IntHistogram[];
  // Scratch for ordering pod requests by rank.
  private requestRank = new Int32Array(64);
  private ordered = new Int32Array(64);
  private readonly rankCount: Int32Array;

  constructor(
    readonly classes: readonly ServiceClassConfig[],
    private readonly release: ReleaseConfig | null,
    stations: number,
    seed: number | string,
    private readonly dayTicks: number,
    private readonly startOfDayTick: number,
  ) {
    this.ranks = Math.max(...classes.map((c) => c.rank)) + 1;
    this.declared = classes[0] !== ClassBook.ALL;
    this.cdf = new Float64Array(classes.length);
    let sum = 0;
    classes.forEach((c, k) => (this.cdf[k] = sum += c.share));
    this.rng = rngStream(seed, 'service-class');
    this.openLines = new Int32Array(Math.max(1, stations) * this.ranks);
    this.held = new HeldOrders(this.ranks);
    this.nextWave = release === null ? -1 : nextTimeOfDay(0, release.waveTicks, dayTicks, startOfDayTick);
    const n = classes.length;
    this.created = new Float64Array(n);
    this.completed = new Float64Array(n);
    this.onTime = new Float64Array(n);
    this.cycle = classes.map(() => new IntHistogram());
    this.rankCount = new Int32Array(this.ranks + 1);
  }

  /** Draws the class of an arriving order (one draw of the class stream per order). */
  draw(): number {
    if (this.classes.length === 1) return 0;
    const u = this.rng.next() * this.cdf[this.cdf.length - 1];
    for (let k = 0; k < this.cdf.length; k++) if (u < this.cdf[k]) return k;
    return this.cdf.length - 1;
  }

  /** An order of class `k` arrived at `tick`: held until it is released. */
  arrive(k: number, tick: number): void {
    this.held.hold(this.classes[k].rank, tick, k);
  }

  /** Whether held orders go to picking at `tick`: every tick when release is continuous, else at each wave. */
  releasing(tick: number): boolean {
    if (this.nextWave < 0) return true;
    if (tick < this.nextWave) return false;
    this.nextWave = nextTimeOfDay(tick + 1, this.release!.waveTicks, this.dayTicks, this.startOfDayTick);
    return true;
  }

  /** Due tick of an order of class `k` arriving at `arrival`, or -1 when the classes are not the scenario's (the order is due as without classes). */
  dueFor(k: number, arrival: number): number {
    if (!this.declared) return -1;
    const c = this.classes[k];
    return c.dueTicks >= 0 ? arrival + c.dueTicks : nextTimeOfDay(arrival, c.cutoffTicks, this.dayTicks, this.startOfDayTick);
  }

  /** Order slot `o` opened in class `k`. */
  orderOpened(o: number, k: number): void {
    if (o >= this.orderClass.length) this.orderClass = grown(this.orderClass, Math.max(o + 1, this.orderClass.length * 2));
    this.orderClass[o] = k;
    this.created[k]++;
  }

  /** The class of open order slot `o`. */
  classOf(o: number): number {
    return this.orderClass[o];
  }

  /** The rank of open order slot `o`. */
  rankOf(o: number): number {
    return this.classes[this.orderClass[o]].rank;
  }

  /** Order slot `o` completed after `cycleTicks`. */
  orderDone(o: number, cycleTicks: number, onTime: boolean): void {
    const k = this.orderClass[o];
    this.completed[k]++;
    if (onTime) this.onTime[k]++;
    this.cycle[k].add(cycleTicks);
  }

  /** `n` pod lines of order slot `o` were routed to station `s`. */
  linesOpened(s: number, o: number, n: number): void {
    this.openLines[s * this.ranks + this.rankOf(o)] += n;
  }

  /** A pod line of order slot `o` at station `s` was picked, or cancelled unpicked (src/inventory/cancel.ts). */
  lineClosed(s: number, o: number): void {
    this.openLines[s * this.ranks + this.rankOf(o)]--;
  }

  /** Open pod lines at station `s` that an order of `rank` waits behind: those of its rank and above. */
  loadAhead(s: number, rank: number): number {
    let n = 0;
    for (let r = 0; r <= rank; r++) n += this.openLines[s * this.ranks + r];
    return n;
  }

  /**
   * The pod requests in the order they are served: by the best rank of the
   * lines each pod is fetched for (those bound for its first pending line's
   * station), oldest first within a rank.
   */
  orderRequests(w: World): Int32Array {
    const { pods, books, requests } = w;
    const n = requests.length;
    if (this.ordered.length < n) {
      this.ordered = new Int32Array(n * 2);
      this.requestRank = new Int32Array(n * 2);
    }
    const count = this.rankCount;
    count.fill(0);
    for (let k = 0; k < n; k++) {
      const p = requests.items[k];
      const head = pods.pendHead[p];
      const s = books.lineStation[head];
      let best = this.ranks - 1;
      for (let l = head; l >= 0; l = books.lineNext[l]) if (books.lineStation[l] === s) best = Math.min(best, this.rankOf(books.lineOrder[l]));
      this.requestRank[k] = best;
      count[best + 1]++;
    }
    for (let r = 1; r <= this.ranks; r++) count[r] += count[r - 1];
    for (let k = 0; k < n; k++) this.ordered[count[this.requestRank[k]]++] = requests.items[k];
    return this.ordered;
  }
}
