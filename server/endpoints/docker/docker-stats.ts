import type { StatsSample } from "@/lib/container-stats";

/**
 * Docker stats math, the same as the docker CLI (cli/command/container/stats_helpers.go), so Berth's figures agree
 * with `docker stats`. Pure: fed one raw `/containers/{id}/stats` payload at a time.
 */
export interface RawStats {
  read?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** cpu_delta / system_delta * online_cpus * 100, or 0 when either delta is not positive (first sample). */
export function cpuPercent(raw: RawStats): number {
  const cur = raw.cpu_stats;
  const pre = raw.precpu_stats;
  if (!cur || !pre) return 0;
  const cpuDelta = (cur.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  let online = cur.online_cpus ?? 0;
  if (!online) online = cur.cpu_usage?.percpu_usage?.length ?? 0;
  if (systemDelta <= 0 || cpuDelta <= 0 || !online) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/** Memory used minus the page cache the kernel may reclaim: total_inactive_file (cgroup v1) or inactive_file (v2). */
export function memoryUsed(raw: RawStats): number {
  const mem = raw.memory_stats;
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  if (stats.total_inactive_file !== undefined) {
    return stats.total_inactive_file < usage ? usage - stats.total_inactive_file : usage;
  }
  const inactive = stats.inactive_file ?? 0;
  return inactive < usage ? usage - inactive : usage;
}

export function networkTotals(raw: RawStats): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

export function blockIo(raw: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? "").toLowerCase();
    if (op === "read") read += e.value ?? 0;
    else if (op === "write") write += e.value ?? 0;
  }
  return { read, write };
}

export function toSample(raw: RawStats, fallbackTime = Date.now()): StatsSample {
  const limit = raw.memory_stats?.limit ?? 0;
  const used = memoryUsed(raw);
  const net = networkTotals(raw);
  const blk = blockIo(raw);
  const t = raw.read ? Date.parse(raw.read) : Number.NaN;
  return {
    t: Number.isFinite(t) && t > 0 ? t : fallbackTime,
    cpuPercent: cpuPercent(raw),
    memUsed: used,
    memLimit: limit,
    memPercent: limit > 0 ? (used / limit) * 100 : 0,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: blk.read,
    blockWrite: blk.write,
    pids: raw.pids_stats?.current ?? 0,
  };
}
