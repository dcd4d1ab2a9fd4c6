import type { z } from "zod";
import type { EndpointKind, EndpointView } from "@/lib/domain";
import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import type { Action } from "@/lib/policy";
import type { Logger } from "@/server/log";
import type { EndpointSession } from "./session";

/**
 * An endpoint kind, plugged in by registering, not by branching in every file.
 *
 * ## Adding a kind (e.g. "kubernetes")
 * 1. Make `server/endpoints/<kind>/`: a session class extending `EndpointSession` (../session.ts) that fills its
 *    hooks (connect: verify the peer, open the live upstream BEFORE listing, fill the stores; probe; reconcile;
 *    dropUpstream; close; describeError; capabilities; access) and, when it can, sets `logs`, `exec`, `stats`.
 * 2. Export an `EndpointDriver` from `<kind>/<kind>-driver.ts` and add it to `DRIVERS` in ./registry.ts. Only
 *    files under `server/endpoints/<kind>/` import the kind's client library (an import-boundary test checks it).
 * 3. Give services a narrowing accessor: add `<kind>: <Kind>Access` to `KindAccess` in ./access.ts and export
 *    `<kind>Of(endpointId)` beside `dockerOf` (it refuses an endpoint of another kind with a clear UserError).
 *    Kind-neutral code (lists, status, topology) reads stores by name and never asks for a kind's client.
 * 4. `EndpointKind` (lib/domain.ts) already names the kinds the UI knows; add yours there if it is new.
 *
 * ## Adding a store (a live keyed collection: swarm services, pods...)
 * 1. In the session's constructor: `this.services = this.addStore<ServiceSummary>("services", (s) => s.id)`.
 *    Namespaced kinds key items `namespace/name` and give each item a `namespace` field: the store topic then
 *    serves one namespace (`endpoint:<id>:ns:<namespace>:<store>`) as well as the whole store.
 * 2. Keep it current from the one upstream (events, watches): `upsert`, `delete`, `replaceAll` on every re-list.
 *    Diffs go out by themselves (session "store" event, then EndpointManager "store", then the topic).
 * 3. List it in the driver's `stores` with the permission a viewer needs. That is all the browser needs:
 *    `useTopic(storeTopic(endpointId, "services"))` gets a snapshot and live diffs over the generic store topic
 *    (server/realtime/store-topic.ts), authorized per subscriber and re-checked when grants change; the
 *    authorization matrix lists every registered store from this list.
 * Topics that are not a plain store (logs, stats, a derived graph) are TopicHandlers with their own pattern,
 * registered in server/realtime/topic-registry.ts.
 */
export interface EndpointDriver<C = unknown> {
  readonly kind: EndpointKind;
  /** For people: "Docker", "Kubernetes". */
  readonly label: string;
  /** The connection form's input for this kind (validated before anything reads it). */
  readonly connection: z.ZodType<C>;
  /** The address kept in endpoints.url for a connection; credentials never go into it. */
  urlOf(connection: C): string;
  /**
   * The credentials to seal for a connection (`stored`: what an edit may keep). Kinds without it use the Docker
   * form's rule (server/services/endpoints/endpoint-credentials.ts).
   */
  credentials?(connection: C, stored: EndpointCredentials | undefined): EndpointCredentials | undefined;
  /** How the address shows in lists (never userinfo, query or secrets) and how Berth reaches it. */
  describe(url: string): { address: string; transport?: EndpointView["transport"] };
  /** Talks to the endpoint once, the way its session will; failures in words a user can act on. */
  test(target: EndpointTarget): Promise<ConnectionResult>;
  /** A session for one endpoint; not started (the manager starts it). Must not throw for a bad stored row. */
  open(endpointId: string, target: EndpointTarget, log: Logger): EndpointSession;
  /** The live stores its sessions keep, with the permission needed to read each (store topic, matrix). */
  readonly stores: readonly StoreSpec[];
}

/** Where an endpoint is and how to authenticate: the stored URL and the opened (unsealed) credentials. */
export interface EndpointTarget {
  url: string;
  credentials?: EndpointCredentials;
}

export type ConnectionResult = { ok: true; version: string; apiVersion: string } | { ok: false; reason: string };

export interface StoreSpec {
  name: string;
  /** Checked on (endpoint, namespace) for each subscriber. */
  permission: Action;
  /** The order of a snapshot (default: by `name`). */
  sortKey?: (item: never) => string;
}
