// Alert channel kinds and rule triggers with their words, shared with the browser: no zod here (the inputs are in
// alert-schemas.ts, which re-exports these).

export const CHANNEL_KINDS = ["webhook", "slack", "discord", "teams", "ntfy", "gotify", "email"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  webhook: "Webhook (JSON, HMAC-signed)",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
  ntfy: "ntfy",
  gotify: "Gotify",
  email: "E-mail (SMTP)",
};

export const RULE_KINDS = [
  "die",
  "oom",
  "unhealthy",
  "restart-loop",
  "cpu",
  "memory",
  "endpoint-down",
  "update-available",
  "deploy-failed",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_LABELS: Record<RuleKind, string> = {
  die: "Container died with a non-zero exit code",
  oom: "Container killed for lack of memory (OOM)",
  unhealthy: "Container unhealthy",
  "restart-loop": "Restart loop",
  cpu: "CPU over a threshold",
  memory: "Memory over a threshold",
  "endpoint-down": "Endpoint unreachable",
  "update-available": "Image update available",
  "deploy-failed": "Stack deploy failed",
};
