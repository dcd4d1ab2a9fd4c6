/**
 * The Overview tab's facts about one container, whatever its kind (Docker's inspect is mapped in
 * server/endpoints/docker/container-overview.ts).
 */
export interface ContainerOverview {
  id: string;
  name: string;
  state: string;
  running: boolean;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  health?: { status: string; failingStreak: number; lastOutput?: string };
  restartCount: number;
  image: string;
  imageId: string;
  command: string;
  tty: boolean;
  mounts: { type: string; source: string; destination: string; mode: string; rw: boolean }[];
  networks: { name: string; ip: string; gateway: string; mac: string }[];
  ports: { container: string; host: string }[];
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}
