// Apart from lib/container-spec.ts (zod) so the container form's browser bundle does not carry zod.
export const RESTART_POLICIES = ["no", "always", "unless-stopped", "on-failure"] as const;
