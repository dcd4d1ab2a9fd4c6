"use server";

import {
  kubeApplyInput,
  kubeCordonInput,
  kubeDeleteInput,
  kubeObjectRef,
  kubePodLogsInput,
  kubeRestartInput,
  kubeScaleInput,
  kubeSecretRef,
} from "@/lib/kube-schemas";
import { defineAction } from "@/server/entry/action";
import { applyYaml } from "@/server/services/kubernetes/apply-yaml";
import { deleteKubeObject } from "@/server/services/kubernetes/delete-kube-object";
import { getKubeObject, revealSecret } from "@/server/services/kubernetes/get-kube-object";
import { getPodLogs } from "@/server/services/kubernetes/pod-logs";
import { cordonNode, restartWorkload, scaleWorkload } from "@/server/services/kubernetes/workload-verbs";

// Kubernetes verbs from the UI. Each is authorized here on (endpoint, namespace) and again by its service, which
// audits it. Cluster-scoped objects (nodes, namespaces, PVs) need kube:cluster, checked by the services.

const inNs = (i: { endpointId: string; namespace?: string }) => ({ endpointId: i.endpointId, namespace: i.namespace });
const ui = { source: "ui" };

export const scaleWorkloadAction = defineAction(
  { name: "k8s.scale", schema: kubeScaleInput, permission: "kube:operate", resource: inNs },
  (actor, input) => scaleWorkload(actor, input, ui),
);

export const restartWorkloadAction = defineAction(
  { name: "k8s.rollout-restart", schema: kubeRestartInput, permission: "kube:operate", resource: inNs },
  (actor, input) => restartWorkload(actor, input, ui),
);

export const deleteKubeObjectAction = defineAction(
  { name: "k8s.delete", schema: kubeDeleteInput, permission: "kube:operate", resource: inNs },
  (actor, input) => deleteKubeObject(actor, input, ui),
);

export const cordonNodeAction = defineAction(
  {
    name: "k8s.cordon",
    schema: kubeCordonInput,
    permission: "kube:cluster",
    resource: (i) => ({ endpointId: i.endpointId }),
  },
  (actor, input) => cordonNode(actor, input, ui),
);

export const applyYamlAction = defineAction(
  { name: "k8s.apply", schema: kubeApplyInput, permission: "kube:operate", resource: inNs },
  (actor, input) => applyYaml(actor, input, ui),
);

export const getKubeObjectAction = defineAction(
  { name: "k8s.get", schema: kubeObjectRef, permission: "kube:read", resource: inNs },
  (actor, input) => getKubeObject(actor, input),
);

export const revealSecretAction = defineAction(
  { name: "k8s.secret.reveal", schema: kubeSecretRef, permission: "kube:reveal-secret", resource: inNs },
  (actor, input) => revealSecret(actor, input, ui),
);

export const podLogsAction = defineAction(
  { name: "k8s.logs", schema: kubePodLogsInput, permission: "kube:read", resource: inNs },
  (actor, input) => getPodLogs(actor, input),
);
