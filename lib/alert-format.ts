import type { RuleKind } from "./alert-schemas";

// What an alert says, and how each channel kind wants it. Pure: the exact bytes are unit-tested, and the delivery
// worker only adds transport (URLs, tokens, the HMAC signature, SMTP).

export interface AlertMessage {
  /** The delivery's id: receivers can drop a repeat (delivery is at least once). */
  id: string;
  event: "firing" | "resolved" | "test";
  rule: { id: string; name: string; trigger: RuleKind | "test" };
  endpoint: { id: string; name: string } | null;
  /** What it is about: a container name, or the endpoint's name. */
  subject: string;
  /** One line: "web died with exit code 3". */
  summary: string;
  incidentId: string | null;
  /** Problem events grouped into this incident (flapping shows here, not as more messages). */
  count: number;
  startedAt: number;
  resolvedAt: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function titleOf(m: AlertMessage): string {
  if (m.event === "test") return `Berth test message for ${m.rule.name}`;
  return `[${m.event === "firing" ? "FIRING" : "RESOLVED"}] ${m.summary}`;
}

export function textOf(m: AlertMessage): string {
  if (m.event === "test") return "If you can read this, Berth can reach this channel.";
  const lines = [
    `Rule: ${m.rule.name}`,
    ...(m.endpoint ? [`Endpoint: ${m.endpoint.name}`] : []),
    `Subject: ${m.subject}`,
    `Since: ${iso(m.startedAt)}`,
  ];
  if (m.count > 1) lines.push(`Occurrences: ${m.count}`);
  if (m.resolvedAt) lines.push(`Resolved: ${iso(m.resolvedAt)}`);
  return lines.join("\n");
}

/** The generic webhook's JSON body (what the HMAC signs). */
export function webhookBody(m: AlertMessage): string {
  return JSON.stringify({
    version: 1,
    id: m.id,
    event: m.event,
    title: titleOf(m),
    summary: m.summary,
    rule: m.rule,
    endpoint: m.endpoint,
    subject: m.subject,
    incidentId: m.incidentId,
    count: m.count,
    startedAt: iso(m.startedAt),
    resolvedAt: m.resolvedAt ? iso(m.resolvedAt) : null,
  });
}

export const slackBody = (m: AlertMessage) => JSON.stringify({ text: `*${titleOf(m)}*\n${textOf(m)}` });

export const discordBody = (m: AlertMessage) =>
  JSON.stringify({ content: `**${titleOf(m)}**\n${textOf(m)}`.slice(0, 2000) });

/** A Teams connector MessageCard (incoming webhooks and Workflows both accept it). */
export const teamsBody = (m: AlertMessage) =>
  JSON.stringify({
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: titleOf(m),
    themeColor: m.event === "firing" ? "B91C1C" : m.event === "resolved" ? "15803D" : "1D4ED8",
    title: titleOf(m),
    text: textOf(m).replace(/\n/g, "  \n"),
  });

/** ntfy: the text as the body, the title and priority as headers (ntfy's own publish API). */
export const ntfyRequest = (m: AlertMessage) => ({
  body: textOf(m),
  headers: {
    title: titleOf(m),
    priority: m.event === "firing" ? "high" : "default",
    tags: m.event === "firing" ? "rotating_light" : m.event === "resolved" ? "white_check_mark" : "bell",
  },
});

export const gotifyBody = (m: AlertMessage) =>
  JSON.stringify({ title: titleOf(m), message: textOf(m), priority: m.event === "firing" ? 8 : 4 });

export const emailOf = (m: AlertMessage) => ({ subject: `[Berth] ${titleOf(m)}`, text: textOf(m) });
