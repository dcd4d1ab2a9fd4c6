import { z } from "zod";
import { type ChannelKind, RULE_KINDS } from "./alerts";
import { endpointId } from "./schemas";

export { CHANNEL_KINDS, CHANNEL_LABELS, type ChannelKind, RULE_KINDS, RULE_LABELS, type RuleKind } from "./alerts";

// Alert channels (where messages go) and rules (what fires), as the forms, actions and API routes validate them.

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === "http:" || p === "https:";
    } catch {
      return false;
    }
  }, "An http:// or https:// URL");
const optionalSecret = z.string().max(4000).default("");
const emailAddress = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "Not an e-mail address");

/**
 * One channel. Secret fields (a webhook's signing key, Slack/Discord/Teams URLs, which carry their token, ntfy and
 * Gotify tokens, the SMTP password) are sealed at rest and never sent back; on edit an empty one keeps the stored value.
 */
export const channelConfig = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("webhook"), url: httpUrl, secret: optionalSecret }),
  z.object({ kind: z.literal("slack"), url: httpUrl.or(z.literal("")).default("") }),
  z.object({ kind: z.literal("discord"), url: httpUrl.or(z.literal("")).default("") }),
  z.object({ kind: z.literal("teams"), url: httpUrl.or(z.literal("")).default("") }),
  z.object({
    kind: z.literal("ntfy"),
    server: httpUrl,
    topic: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w-]+$/, "Letters, digits, - and _"),
    token: optionalSecret,
  }),
  z.object({ kind: z.literal("gotify"), server: httpUrl, token: optionalSecret }),
  z.object({
    kind: z.literal("email"),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    username: z.string().max(320).default(""),
    password: optionalSecret,
    from: emailAddress,
    to: z.array(emailAddress).min(1).max(20),
  }),
]);
export type ChannelConfig = z.output<typeof channelConfig>;

/** Fields of each kind that are sealed (and blanked in every view). */
export const SECRET_FIELDS: Record<ChannelKind, string[]> = {
  webhook: ["secret"],
  slack: ["url"],
  discord: ["url"],
  teams: ["url"],
  ntfy: ["token"],
  gotify: ["token"],
  email: ["password"],
};

const channelName = z.string().trim().min(1).max(80);
const channelId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/, "Not a channel id");
const ruleId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/, "Not a rule id");

export const saveChannelInput = z.object({ id: channelId.optional(), name: channelName, config: channelConfig });
export type SaveChannelInput = z.output<typeof saveChannelInput>;
export const channelRefInput = z.object({ channelId });

export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  /** The config with secret fields blank; `storedSecrets` names those that hold a value. */
  config: ChannelConfig;
  storedSecrets: string[];
  createdAt: number;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM (UTC)");

export const ruleInput = z.object({
  endpointId,
  id: ruleId.optional(),
  name: z.string().trim().min(1).max(80),
  /** What fires it (not "kind": the API's shared inputs use that word for other things). */
  trigger: z.enum(RULE_KINDS),
  /** Restart loop: N restarts in M minutes. CPU/memory: percent over for a duration. */
  count: z.number().int().min(2).max(100).default(3),
  windowMinutes: z.number().int().min(1).max(1440).default(5),
  threshold: z.number().min(1).max(10_000).default(90),
  durationSeconds: z.number().int().min(5).max(3600).default(60),
  /** Scope inside the endpoint: a compose project (stack), a label selector ("key" or "key=value"). */
  project: z.string().trim().max(128).default(""),
  label: z.string().trim().max(256).default(""),
  channelIds: z.array(channelId).min(1).max(10),
  /** A problem must stay gone this long before "resolved" is sent; a recurrence inside it joins the same incident. */
  cooldownSeconds: z.number().int().min(0).max(86_400).default(60),
  quietFrom: hhmm.or(z.literal("")).default(""),
  quietTo: hhmm.or(z.literal("")).default(""),
  enabled: z.boolean().default(true),
});
export type RuleInput = z.output<typeof ruleInput>;
export const ruleRefInput = z.object({ endpointId, ruleId });

export type RuleView = RuleInput & { id: string; createdBy: string; createdAt: number };

export interface DeliveryView {
  id: string;
  channelId: string;
  channelName: string;
  ruleName: string;
  event: "firing" | "resolved" | "test";
  title: string;
  state: "pending" | "sent" | "failed" | "dropped";
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  nextAttemptAt: number;
}
