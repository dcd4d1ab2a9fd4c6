import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import type { kubePodLogsInput } from "@/lib/kube-schemas";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { kubeRead } from "./kube-op";

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * A pod container's recent output (kubectl logs --tail --previous --timestamps), bounded to 2 MiB. Text only:
 * the browser renders it as text, so hostile log lines stay inert.
 */
export async function getPodLogs(actor: Actor | null, input: z.infer<typeof kubePodLogsInput>): Promise<string> {
  return kubeRead(actor, "kube:read", input.endpointId, input.namespace, async (k) => {
    const path = `${resourcePath(RESOURCE_DEFS.pods, "v1", input.namespace, input.pod)}/log`;
    const chunks: Buffer[] = [];
    let size = 0;
    const ac = new AbortController();
    await k.client.stream(
      path,
      {
        container: input.container,
        tailLines: input.tail,
        previous: input.previous || undefined,
        timestamps: input.timestamps || undefined,
        limitBytes: MAX_BYTES,
      },
      (b) => {
        size += b.length;
        if (size <= MAX_BYTES) chunks.push(b);
        else ac.abort();
      },
      ac.signal,
    );
    return Buffer.concat(chunks).toString("utf8");
  });
}
