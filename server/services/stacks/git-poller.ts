import { listPolledStackSources } from "@/db/stack-source-queries";
import { startLease } from "@/server/jobs/lease";
import { type Runtime, runtime } from "@/server/runtime";
import { deployFromSource } from "./git-source";

// Polling of Git-backed stacks that asked for it: every 15 s, each source whose interval has passed is checked, and
// deployed when its branch moved. One check at a time per process; a failure is audited by the deploy and retried at
// the next interval. Under the "git-poll" lease: with several Berth replicas one polls (and the deploy lock still
// refuses a second deploy of a stack while one runs).

const TICK_MS = 15_000;

export function startGitPoller(rt: Runtime): () => Promise<void> {
  const lease = startLease(rt, "git-poll");
  const log = rt.log;
  let running = false;
  const tick = async () => {
    if (running || !lease.held()) return;
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
  return async () => {
    clearInterval(timer);
    await lease.stop();
  };
}
