"use server";

import {
  kubeApplyInput,
  kubeCordonInput,
  kubeDeleteInput,
  kubeDrainInput,
  kubeJobFromCronInput,
  kubePauseInput,
  kubeReplaceInput,
  kubeRestartInput,
  kubeScaleInput,
  kubeSecretRef,
  kubeUndoInput,
} from "@/lib/kube-schemas";
import { defineAction } from "@/server/entry/action";
import { applyYaml } from "@/server/services/kubernetes/apply-yaml";
import { createJobFromCronJob } from "@/server/services/kubernetes/create-job-from-cronjob";
import { deleteKubeObject } from "@/server/services/kubernetes/delete-kube-object";
import { drainNode } from "@/server/services/kubernetes/drain-node";
import { revealSecret } from "@/server/services/kubernetes/get-kube-object";
import { replaceKubeObject } from "@/server/services/kubernetes/replace-kube-object";
import { pauseRollout, undoRollout } from "@/server/services/kubernetes/rollout-verbs";
import { cordonNode, restartWorkload, scaleWorkload } from "@/server/services/kubernetes/workload-verbs";

// Kubernetes verbs from the UI (reads go through pages, live topics and the HTTP API). Each is authorized here on
// (endpoint, namespace) and again by its service, which audits it. Cluster-scoped objects (nodes, namespaces, PVs)
// need kube:cluster, checked by the services.

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

export const pauseRolloutAction = defineAction(
  { name: "k8s.rollout-pause", schema: kubePauseInput, permission: "kube:operate", resource: inNs },
  (actor, input) => pauseRollout(actor, input, ui),
);

export const undoRolloutAction = defineAction(
  { name: "k8s.rollout-undo", schema: kubeUndoInput, permission: "kube:operate", resource: inNs },
  (actor, input) => undoRollout(actor, input, ui),
);

export const runCronJobAction = defineAction(
  { name: "k8s.cronjob-run", schema: kubeJobFromCronInput, permission: "kube:operate", resource: inNs },
  (actor, input) => createJobFromCronJob(actor, input, ui),
);

export const drainNodeAction = defineAction(
  {
    name: "k8s.drain",
    schema: kubeDrainInput,
    permission: "kube:cluster",
    resource: (i) => ({ endpointId: i.endpointId }),
  },
  (actor, input) => drainNode(actor, input, ui),
);

export const replaceKubeObjectAction = defineAction(
  { name: "k8s.edit", schema: kubeReplaceInput, permission: "kube:operate", resource: inNs },
  (actor, input) => replaceKubeObject(actor, input, ui),
);
