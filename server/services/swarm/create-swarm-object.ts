import type { Actor } from "@/lib/domain";
import type { CreateSwarmObjectInput } from "@/lib/swarm-schemas";
import type { UseCaseContext } from "../use-case";
import { swarmOp } from "./swarm-op";

/**
 * Creates a secret or a config. The value goes to the engine once and nowhere else: not into the audit record, not
 * into a log line, not back to the browser (the engine never returns a secret's value either).
 */
export function createSwarmObject(
  actor: Actor | null,
  input: CreateSwarmObjectInput,
  ctx?: UseCaseContext,
): Promise<{ id: string }> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: `swarm.${input.kind}.create`,
      endpointId: input.endpointId,
      target: input.name,
      detail: `${Buffer.byteLength(input.value)} bytes`,
    },
    async (api, store) => {
      const body = { Name: input.name, Labels: input.labels, Data: Buffer.from(input.value).toString("base64") };
      const res = (input.kind === "secret"
        ? await api.createSecret(body)
        : await api.createConfig(body)) as unknown as {
        id?: string;
        ID?: string;
      };
      await store.refresh(input.kind === "secret" ? "secrets" : "configs");
      return { id: res.id ?? res.ID ?? "" };
    },
    ctx,
  );
}
