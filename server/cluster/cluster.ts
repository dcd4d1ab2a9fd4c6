import crypto from "node:crypto";
import os from "node:os";
import type { DbHandle } from "@/db/client";
import type { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { Logger } from "@/server/log";
import { type Bus, LocalBus, PgBus } from "./bus";
import { EndpointReplication } from "./endpoint-replication";
import { LeaseKeeper } from "./leases";

/**
 * What makes several Berth processes on one Postgres behave as one Berth: a replica id, the bus between replicas,
 * named leases, and the endpoint replication built on both. On SQLite there is one process: the bus has no peers
 * and every lease is this process's.
 */
export interface Cluster {
  replicaId: string;
  bus: Bus;
  leases: LeaseKeeper;
  endpoints: EndpointReplication;
  /** Gives up every lease (a clean shutdown hands endpoints and jobs over at once) and closes the bus. */
  stop(): Promise<void>;
}

/** A replica's presence, renewed like every lease: how a starting replica sees that others share the database. */
export const PRESENCE_PREFIX = "replica:";

export async function openCluster(
  db: DbHandle,
  databaseUrl: string | undefined,
  endpoints: EndpointManager,
  log: Logger,
): Promise<Cluster> {
  const replicaId = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  let bus: Bus;
  if (db.dialect === "pg" && databaseUrl) {
    const pgBus = new PgBus(replicaId, log);
    await pgBus.open(databaseUrl);
    bus = pgBus;
  } else {
    bus = new LocalBus(replicaId);
  }
  const leases = new LeaseKeeper(db, replicaId, log, undefined, !bus.shared);
  const replication = new EndpointReplication(endpoints, bus, leases, db, log);
  // Alone on SQLite every endpoint is this process's: sessions start as they always did, with no lease round trip.
  if (bus.shared) replication.start();
  return {
    replicaId,
    bus,
    leases,
    endpoints: replication,
    async stop() {
      await replication.stop();
      await leases.stop();
      await bus.close();
    },
  };
}
