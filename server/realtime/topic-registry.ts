import { matchTopic, storeTopicPattern, type Topic } from "@/lib/topics";
import { storeSpecs } from "@/server/endpoints/registry";
import { endpointsTopic, topologyTopic } from "./endpoint-topics";
import { kubeCustomHandler } from "./kube-custom-handler";
import { kubeLogsHandler } from "./kube-logs-handler";
import { allEventsTopic, deploysTopic, eventsTopic, pullsTopic } from "./resource-topics";
import { serviceLogsHandler } from "./service-logs-handler";
import { storeTopic } from "./store-topic";
import type { TopicHandler } from "./topic-handler";
import { updatesTopic } from "./updates-topic";
import { usageHandler } from "./usage-handler";
import { logsHandler, statsHandler } from "./workbench-handlers";

/**
 * Every live topic the signed-in namespace serves, each with its pattern. Plain stores of every kind go through
 * the one store topic (their names come from the drivers' `stores`); a kind's other topics are added here. Order
 * matters only for overlapping patterns: the first match wins.
 */
const HANDLERS: readonly TopicHandler[] = [
  endpointsTopic,
  topologyTopic,
  eventsTopic,
  allEventsTopic,
  pullsTopic,
  deploysTopic,
  logsHandler,
  serviceLogsHandler,
  statsHandler,
  usageHandler,
  kubeLogsHandler,
  kubeCustomHandler,
  updatesTopic,
  storeTopic,
];

const byKind = new Map(HANDLERS.map((h) => [h.kind, h]));
const patterns = HANDLERS.map((h) => [h.kind, h.pattern] as const);

export function topicHandler(kind: string): TopicHandler | undefined {
  return byKind.get(kind);
}

export function parseTopic(raw: unknown): Topic | null {
  return matchTopic(raw, patterns);
}

/**
 * Every topic with its permission, for the authorization matrix: one line per handler, and one per registered
 * store (each store has its own permission and its own pattern).
 */
export function listedTopics(): { kind: string; pattern: string; permission: string }[] {
  const out: { kind: string; pattern: string; permission: string }[] = [];
  for (const h of HANDLERS) {
    if (h === storeTopic) {
      for (const spec of storeSpecs().values()) {
        // The whole-store name (no namespace): what the matrix subscribes to on its Docker endpoint.
        const source = storeTopicPattern([spec.name], false).source.replace(/\(\?<store>([^)]*)\)/, "$1");
        out.push({ kind: `store:${spec.name}`, pattern: source, permission: spec.permission });
      }
    } else {
      out.push({ kind: h.kind, pattern: h.pattern.source, permission: String(h.permission) });
    }
  }
  return out;
}
