import http from "node:http";
import { parse } from "node:url";
import next from "next";
import { stampClientAddress } from "./auth/client-address";
import { refuseOversizedBody } from "./body-gate";
import { bootstrap } from "./bootstrap";
import { bridgeReplicas } from "./cluster/bridges";
import { openCluster, PRESENCE_PREFIX } from "./cluster/cluster";
import { runUnderLease } from "./cluster/leases";
import { checkSharedSecrets, SharedSecretError } from "./cluster/shared-secrets";
import { loadConfig } from "./config";
import { loadSecretKey } from "./crypto/secret-box";
import { answerHealthProbe } from "./health";
import { log } from "./log";
import { startProcessMetrics } from "./metrics/process-metrics";
import { attachGateway } from "./realtime/gateway";
import { createRuntime } from "./runtime";
import { securityHeaders } from "./security-headers";
import { startAlertEngine } from "./services/alerts/alert-engine";
import { startAuditPruner } from "./services/audit/audit-retention";
import { startSwapRecovery } from "./services/containers/recover-swaps";
import { startGitPoller } from "./services/stacks/git-poller";
import { startAutoUpdater } from "./services/updates/auto-update";
import { startUpdateScheduler } from "./services/updates/update-scheduler";
import { startUsageRecorder } from "./services/usage/usage-recorder";
import { refuseOverPublicLimit } from "./status/public-http";

async function main(): Promise<void> {
  const config = loadConfig();
  const publicUrl = process.env.NEXTAUTH_URL || `http://localhost:${config.port}`;
  // next-auth reads these from the environment.
  process.env.NEXTAUTH_URL = publicUrl;
  process.env.NEXTAUTH_SECRET = config.authSecret;

  const rt = await createRuntime(config);
  // Replicas (Postgres): the bus, leases and endpoint ownership, before any endpoint is added.
  const cluster = await openCluster(rt.db, config.databaseUrl, rt.endpoints, log);
  rt.cluster = cluster;
  await checkSharedSecrets(rt.db, cluster.replicaId, {
    secretKey: loadSecretKey(config.dataDir),
    authSecret: config.authSecret,
    secretKeyFromEnv: Boolean(process.env.BERTH_SECRET_KEY),
    authSecretFromEnv: Boolean(process.env.NEXTAUTH_SECRET || process.env.BERTH_AUTH_SECRET),
  });
  // This replica's presence, renewed like any lease: what a later replica's secrets check looks for.
  cluster.leases.hold(`${PRESENCE_PREFIX}${cluster.replicaId}`, { gained: () => {}, lost: () => {} });
  const unbridge = bridgeReplicas(rt, cluster);
  // Before the endpoints connect: their first "up" finishes or undoes swaps a killed Berth left half-done.
  startSwapRecovery(rt);
  await bootstrap(rt, publicUrl);
  // Every replica tracks status pages for its own viewers; one records the history, one prunes the audit log.
  rt.status.setRecording(!cluster.bus.shared);
  await rt.status.start();
  const stopHistory = runUnderLease(cluster.leases, "job:status-history", () => {
    rt.status.setRecording(true);
    return () => rt.status.setRecording(false);
  });
  const stopPruner = runUnderLease(cluster.leases, "job:audit-prune", () => startAuditPruner());
  // Under the "update-checks" lease: one replica checks registries.
  const stopUpdates =
    rt.config.updateCheckIntervalMs !== 0 ? startUpdateScheduler(rt, rt.config.updateCheckIntervalMs) : async () => {};
  // Under the "auto-update" lease: one replica updates "auto" containers inside their endpoint's maintenance window.
  const stopAutoUpdates = startAutoUpdater(rt);
  // Under the "alerts" lease: one replica evaluates rules and sends the outbox.
  const alerts = startAlertEngine(rt);
  // Under the "usage-history" lease: one replica records per-minute usage where it is switched on.
  const usage = startUsageRecorder(rt);
  // Under the "git-poll" lease: one replica polls Git-backed stacks.
  const stopGitPoller = startGitPoller(rt);
  startProcessMetrics(log);

  const app = next({ dev: config.dev, hostname: config.host, port: config.port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const upgradeNext = app.getUpgradeHandler();

  const server = http.createServer(async (req, res) => {
    for (const [k, v] of securityHeaders(req)) res.setHeader(k, v);
    if (answerHealthProbe(req, res, rt.db)) return;
    if (await refuseOverPublicLimit(req, res, rt)) return;
    stampClientAddress(req, rt.config.trustedProxies);
    if (refuseOversizedBody(req, res)) return;
    handle(req, res, parse(req.url ?? "/", true)).catch((err) => {
      log.error({ err }, "request failed");
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.requestTimeout = 60_000;

  const io = attachGateway(server, rt);
  // socket.io installs its own upgrade listener for /socket.io/; everything else (dev hot reload) goes to Next.
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) return;
    upgradeNext(req, socket, head).catch(() => socket.destroy());
  });

  server.listen(config.port, config.host, () => {
    log.info(
      { url: publicUrl, host: config.host, port: config.port, db: rt.db.dialect, replica: cluster.replicaId },
      "Berth is listening",
    );
  });

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    void stopPruner();
    void stopUpdates();
    void stopAutoUpdates();
    void alerts.stop();
    void usage.stop();
    void stopGitPoller();
    unbridge();
    // Close the status periods at this moment (before the sessions go, which would read as "unreachable").
    const statusStopped = rt.status.stop().catch(() => {});
    void stopHistory();
    // Removing the sessions releases their endpoint leases: another replica takes each over at its next round.
    rt.endpoints.stopAll();
    const clusterStopped = statusStopped.then(() => cluster.stop()).catch(() => {});
    io.close();
    server.close(() => {
      void clusterStopped.then(() => rt.db.close()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

// Last line of defence: log and keep serving rather than crash the dashboard for everyone.
process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
process.on("uncaughtException", (err) => log.error({ err }, "uncaught exception"));

main().catch((err) => {
  if (err instanceof SharedSecretError) {
    // Said plainly on stderr too: this is the operator's to fix, not a crash.
    console.error(`\n  Berth refuses to start: ${err.message}\n`);
    log.fatal({ reason: err.message }, "Berth refused to start");
    process.exit(1);
  }
  log.fatal({ err }, "Berth failed to start");
  process.exit(1);
});
