/**
 * The outbound network: after picking, totes travel through nodes (conveyor
 * segments, sorters, AGV loops, docks). Every node that takes totes is a
 * ToteSink; a node hands a tote on only when the next one accepts it, which
 * is how back-pressure travels upstream.
 */
export interface ToteSink {
  /** Whether this node can take tote `tote` now (capacity, rate, and for diverts the tote's destination). */
  canAccept(tote: number): boolean;
  /** Hands `tote` over at `tick`. Callers check `canAccept` first. */
  accept(tote: number, tick: number): void;
}
