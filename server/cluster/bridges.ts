import { liveLeases } from "@/db/lease-queries";
import type { Diff } from "@/lib/domain";
import type { PullJob } from "@/lib/pull-progress";
import type { DeployJob } from "@/lib/stack-deploy";
import { sessionEvents } from "@/server/auth/session-revocation";
import { pullJobs } from "@/server/hub/pull-jobs";
import type { Runtime } from "@/server/runtime";
import { deployJobs } from "@/server/services/stacks/deploy-jobs";
import { type Cluster, PRESENCE_PREFIX } from "./cluster";

/** How often running jobs of other replicas are checked against the replicas alive (presence leases). */
const REAP_EVERY_MS = 3_000;

/** Marks an emit that came from another replica, so it is not sent back over the bus. */
const REMOTE = "remote";

/**
 * Local events other replicas must see, carried over the bus both ways: sign-outs and account changes (their
 * sockets close or are re-checked at once), status page edits (their tracker re-reads the pages), image pulls and
 * their progress (every replica's pulls topic shows them; Cancel reaches the replica that runs the pull), stack
 * deploys and their progress (every replica's deploys topic shows them).
 */
export function bridgeReplicas(rt: Runtime, cluster: Cluster): () => void {
  const { bus } = cluster;
  const events = sessionEvents();
  const offs: (() => void)[] = [];

  for (const [local, topic] of [
    ["ended", "session-ended"],
    ["user-changed", "user-changed"],
  ] as const) {
    const out = (id: string, origin?: string) => {
      if (origin !== REMOTE) bus.publish(topic, { id });
    };
    events.on(local, out);
    offs.push(() => events.off(local, out));
    offs.push(bus.on(topic, (body) => events.emit(local, (body as { id: string }).id, REMOTE)));
  }

  const pagesOut = (slugs: string[], remote?: boolean) => {
    if (!remote) bus.publish("status-pages", { slugs });
  };
  rt.status.on("pages", pagesOut);
  offs.push(() => rt.status.off("pages", pagesOut));
  offs.push(bus.on("status-pages", (body) => void rt.status.pagesChanged((body as { slugs: string[] }).slugs, true)));

  const pulls = pullJobs();
  const pullsOut = (endpointId: string, diff: Diff<PullJob>, remote?: boolean) => {
    if (!remote) bus.publish("pulls", { e: endpointId, diff });
  };
  pulls.on("diff", pullsOut);
  offs.push(() => pulls.off("diff", pullsOut));
  offs.push(
    bus.on("pulls", (body, from) =>
      pulls.mirror((body as { e: string }).e, (body as { diff: Diff<PullJob> }).diff, from),
    ),
  );
  offs.push(bus.on("pull-cancel", (body) => pulls.get((body as { jobId: string }).jobId)?.abort.abort()));

  const deploys = deployJobs();
  const deploysOut = (endpointId: string, diff: Diff<DeployJob>, remote?: boolean) => {
    if (!remote) bus.publish("deploys", { e: endpointId, diff });
  };
  deploys.on("diff", deploysOut);
  offs.push(() => deploys.off("diff", deploysOut));
  offs.push(
    bus.on("deploys", (body, from) =>
      deploys.mirror((body as { e: string }).e, (body as { diff: Diff<DeployJob> }).diff, from),
    ),
  );

  // A replica killed mid-pull or mid-deploy never says it finished: once its presence lease ran out, its jobs end
  // as failed on every other replica (the database is asked only while such a job is shown running).
  let checking = false;
  const reap = setInterval(() => {
    if (checking || !(pulls.hasRemoteRunning() || deploys.hasRemoteRunning())) return;
    checking = true;
    void liveLeases(rt.db, PRESENCE_PREFIX)
      .then((live) => {
        const ids = new Set(live.map((l) => l.holder));
        pulls.orphan((id) => ids.has(id));
        deploys.orphan((id) => ids.has(id));
      })
      .catch((err) => rt.log.warn({ err: (err as Error).message }, "replica presence could not be read"))
      .finally(() => {
        checking = false;
      });
  }, REAP_EVERY_MS);
  reap.unref();
  offs.push(() => clearInterval(reap));

  return () => {
    for (const off of offs) off();
  };
}
