import type { BooksTally } from '../core/feature.js';

/** The features' parts of the books, summed by entity and place. */
export class BooksTallies implements BooksTally {
  private readonly holdings = new Map<string, number>();
  private readonly rooms = new Map<string, number>();

  /** `report` gets every problem a feature notes, with its entity. */
  constructor(private readonly report: (entity: string, message: string) => void) {}

  hold(entity: string, place: string, n: number): void {
    const k = `${entity}/${place}`;
    this.holdings.set(k, (this.holdings.get(k) ?? 0) + n);
  }

  room(entity: string, place: string, n: number): void {
    const k = `${entity}/${place}`;
    this.rooms.set(k, (this.rooms.get(k) ?? 0) + n);
  }

  problem(entity: string, message: string): void {
    this.report(entity, message);
  }

  /** What the features hold of `entity` at `place` (0 when none told). */
  held(entity: string, place: string): number {
    return this.holdings.get(`${entity}/${place}`) ?? 0;
  }

  /** Whether a feature told a holding of `entity` at `place` (even of 0). */
  told(entity: string, place: string): boolean {
    return this.holdings.has(`${entity}/${place}`);
  }

  /** The room the features have for `entity` at `place` (0 when none told). */
  roomAt(entity: string, place: string): number {
    return this.rooms.get(`${entity}/${place}`) ?? 0;
  }
}
