import { NotFoundError } from "@/lib/errors";
import { formatKubeLogRef, KUBE_LOGS_PATTERN, kubeLogRefOfTopic } from "@/lib/kube-logs";
import type { LogSnapshot } from "@/lib/log-options";
import { optionsFromTopic } from "@/lib/log-options";
import { logStream, startLogStream, stopLogStream } from "@/server/hub/container-hubs";
import { authorize } from "@/server/services/authorize";
import type { TopicHandler } from "./topic-handler";

/**
 * Followed logs of a pod (one container, or all) or of a workload's pods merged and labelled: the same shared log
 * streams as containers (one upstream per topic, bounded backlog, batches, search), fed by the Kubernetes log source.
 * Authorized in the topic's namespace, so a namespace grant reads only its own pods' logs.
 */
export const kubeLogsHandler: TopicHandler = {
  kind: "kubeLogs",
  pattern: KUBE_LOGS_PATTERN,
  permission: "kube:read",
  snapshot(actor, t, rt): LogSnapshot {
    authorize(actor, "kube:read", { endpointId: t.endpointId, namespace: t.namespace });
    if (rt.endpoints.session(t.endpointId!)?.kind !== "kubernetes")
      throw new NotFoundError("Not a Kubernetes endpoint");
    return logStream(t.name)?.snapshot() ?? { lines: [], tty: false, state: "streaming" };
  },
  acquire(t, rt, broadcast) {
    const session = rt.endpoints.session(t.endpointId!);
    const ref = kubeLogRefOfTopic(t);
    if (session?.kind !== "kubernetes" || !ref) return undefined;
    startLogStream(t.name, session, formatKubeLogRef(ref), optionsFromTopic(t), {
      batch: (lines, dropped) => broadcast("logs", { topic: t.name, lines, ...(dropped ? { dropped } : {}) }),
      state: (s) => broadcast("logs:state", { topic: t.name, ...s }),
    });
    return () => stopLogStream(t.name);
  },
};
