// A container's resource sample, whatever the kind that measured it (Docker: server/endpoints/docker/docker-stats.ts).

/** One sample as Berth stores and sends it. Byte figures are cumulative counters, as the engine reports them. */
export interface StatsSample {
  /** Epoch ms of the engine's reading. */
  t: number;
  cpuPercent: number;
  memUsed: number;
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}
