"use server";

import {
  kubeApplyInput,
  kubeCordonInput,
  kubeDeleteInput,
  kubeRestartInput,
  kubeScaleInput,
  kubeSecretRef,
} from "@/lib/kube-schemas";
import { defineAction } from "@/server/entry/action";
import { applyYaml } from "@/server/services/kubernetes/apply-yaml";
import { deleteKubeObject } from "@/server/services/kubernetes/delete-kube-object";
import { revealSecret } from "@/server/services/kubernetes/get-kube-object";
import { cordonNode, restartWorkload, scaleWorkload } from "@/server/services/kubernetes/workload-verbs";

// Kubernetes verbs from the UI (reads go through pages, live topics and the HTTP API). Each is authorized here on (endpoint, namespace) and again by its service, which
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

export const revealSecretAction = defineAction(
  { name: "k8s.secret.reveal", schema: kubeSecretRef, permission: "kube:reveal-secret", resource: inNs },
  (actor, input) => revealSecret(actor, input, ui),
);
