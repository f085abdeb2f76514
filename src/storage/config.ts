/** Storage locations: the `storage` section of the resolved scenario. */
export interface StorageConfig {
  /** Rule picking where a pod goes after a station visit (a name in POD_RETURN). */
  podReturn: string;
  /** Share of storage locations holding a pod at the start (1 = all). */
  podFill: number;
}
