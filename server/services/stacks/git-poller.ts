import { listPolledStackSources } from "@/db/stack-source-queries";
import { runtime } from "@/server/runtime";
import { deployFromSource } from "./git-source";

// Polling of Git-backed stacks that asked for it: every 15 s, each source whose interval has passed is checked, and
// deployed when its branch moved. One check at a time per process; a failure is audited by the deploy and retried at
// the next interval. With several Berth replicas every replica polls (a moved branch may then be deployed by two;
// the deploy lock refuses the second while the first runs): a lease belongs here once the replica work lands.

const TICK_MS = 15_000;

export function startGitPoller(log: { warn: (o: object, m: string) => void }): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = Date.now();
      for (const s of await listPolledStackSources(runtime().db)) {
        if ((s.lastCheckedAt ?? 0) + s.pollSeconds * 1000 > now) continue;
        await deployFromSource(s.id, "poll", true).catch((err: Error) =>
          log.warn({ stack: s.project, endpointId: s.endpointId, err: err.message }, "git poll failed"),
        );
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
