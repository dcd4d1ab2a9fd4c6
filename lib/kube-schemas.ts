import { z } from "zod";
import { KUBE_RESOURCES, SCALABLE } from "./kube-types";
import { endpointId } from "./schemas";

// Inputs of the Kubernetes verbs, shared by the server actions, the API routes and the forms.

/** DNS-1123 subdomain: what Kubernetes accepts as most object names. */
export const kubeName = z
  .string()
  .min(1, "Name is required")
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Kubernetes name");

/** DNS-1123 label: namespace names. */
export const kubeNamespace = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Not a valid namespace name");

export const kubeResource = z.enum(KUBE_RESOURCES);

export { SCALABLE };
export const RESTARTABLE = ["deployments", "statefulsets", "daemonsets"] as const;
export const PROPAGATION = ["Background", "Foreground", "Orphan"] as const;

export const kubeScaleInput = z.object({
  endpointId,
  resource: z.enum(SCALABLE),
  namespace: kubeNamespace,
  name: kubeName,
  replicas: z.coerce.number().int("Replicas must be a whole number").min(0).max(10_000),
});

export const kubeRestartInput = z.object({
  endpointId,
  resource: z.enum(RESTARTABLE),
  namespace: kubeNamespace,
  name: kubeName,
});

export const kubeDeleteInput = z.object({
  endpointId,
  resource: kubeResource,
  namespace: kubeNamespace.optional(),
  name: kubeName,
  propagation: z.enum(PROPAGATION).default("Background"),
});

export const kubeCordonInput = z.object({ endpointId, node: kubeName, unschedulable: z.boolean() });

export const kubeApplyInput = z.object({
  endpointId,
  yaml: z
    .string()
    .min(1, "Paste one or more YAML documents")
    .max(512 * 1024, "At most 512 KiB of YAML"),
  /** Objects without a namespace go here (namespaced kinds). */
  namespace: kubeNamespace.default("default"),
  dryRun: z.boolean().default(true),
});

export const kubeObjectRef = z.object({
  endpointId,
  resource: kubeResource,
  namespace: kubeNamespace.optional(),
  name: kubeName,
});

export const kubeSecretRef = z.object({ endpointId, namespace: kubeNamespace, name: kubeName });

export const kubePodLogsInput = z.object({
  endpointId,
  namespace: kubeNamespace,
  pod: kubeName,
  /** Absent: the pod's only container (the API server asks for one when there are several). */
  container: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Not a valid container name")
    .optional(),
  tail: z.coerce.number().int().min(1).max(100_000).default(500),
  previous: z.boolean().default(false),
  timestamps: z.boolean().default(false),
});

export const kubeListInput = z.object({
  endpointId,
  resource: kubeResource,
  /** Absent: all namespaces (cluster-wide readers only). Ignored for cluster-scoped resources. */
  namespace: kubeNamespace.optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
  continue: z.string().max(4_096).optional(),
  labelSelector: z.string().max(1_024).optional(),
});

/** A path segment for "no namespace" (cluster-scoped objects) in URLs: `/k8s/nodes/-/<name>`. */
export const NO_NAMESPACE = "-";
export const kubeNamespaceSegment = z.union([z.literal(NO_NAMESPACE), kubeNamespace]);

export const kubeWorkloadRef = z.object({ endpointId, namespace: kubeNamespace, name: kubeName });
export const kubePauseInput = kubeWorkloadRef.extend({ paused: z.boolean() });
/** revision 0 (or absent): the revision before the current one. */
export const kubeUndoInput = kubeWorkloadRef.extend({
  revision: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const kubeDrainInput = z.object({
  endpointId,
  node: kubeName,
  /** Also evict pods no controller manages (they are gone for good), as kubectl drain --force. */
  force: z.boolean().default(false),
});
export const kubeJobFromCronInput = kubeWorkloadRef;
export const kubeReplaceInput = z.object({
  endpointId,
  resource: kubeResource,
  namespace: kubeNamespace.optional(),
  name: kubeName,
  yaml: z
    .string()
    .min(1, "The YAML is empty")
    .max(512 * 1024, "At most 512 KiB of YAML"),
});
