import crypto from "node:crypto";
import nodemailer from "nodemailer";
import {
  type AlertMessage,
  discordBody,
  emailOf,
  gotifyBody,
  ntfyRequest,
  slackBody,
  teamsBody,
  webhookBody,
} from "@/lib/alert-format";
import type { ChannelConfig } from "@/lib/alert-schemas";

/** One delivery attempt may take this long; a hung receiver must not hold the outbox. */
const SEND_MS = 10_000;

/** A failed delivery, with words for the delivery log (never a URL: Slack-style URLs carry their token). */
export class DeliveryError extends Error {}

/** `sha256=<hex>` of `<timestamp>.<body>`: receivers recompute it with the shared secret and compare. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", body, headers, redirect: "error", signal: AbortSignal.timeout(SEND_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (err as Error).name === "TimeoutError" ? "timed out" : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new DeliveryError(`Could not reach the receiver (${why})`);
  }
  // Drain the body so the connection is reused or closed cleanly.
  const text = await res.text().catch(() => "");
  if (!res.ok) throw new DeliveryError(`The receiver answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
}

const json = { "content-type": "application/json" };

/** Sends one message through one channel, in that channel's own format. Throws DeliveryError on failure. */
export async function sendToChannel(config: ChannelConfig, m: AlertMessage): Promise<void> {
  switch (config.kind) {
    case "webhook": {
      const body = webhookBody(m);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        ...json,
        "user-agent": "Berth-Alerts/1",
        "x-berth-delivery": m.id,
        "x-berth-event": m.event,
        "x-berth-timestamp": timestamp,
      };
      if (config.secret) headers["x-berth-signature"] = signWebhook(config.secret, timestamp, body);
      return post(config.url, body, headers);
    }
    case "slack":
      return post(config.url, slackBody(m), json);
    case "discord":
      return post(config.url, discordBody(m), json);
    case "teams":
      return post(config.url, teamsBody(m), json);
    case "ntfy": {
      const r = ntfyRequest(m);
      const headers: Record<string, string> = { ...r.headers, "content-type": "text/plain; charset=utf-8" };
      if (config.token) headers.authorization = `Bearer ${config.token}`;
      // Header values must be ByteStrings: ntfy reads RFC 2047 encoded words for anything else.
      headers.title = /^[\x20-\x7e]*$/.test(headers.title!)
        ? headers.title!
        : `=?UTF-8?B?${Buffer.from(headers.title!).toString("base64")}?=`;
      return post(`${config.server.replace(/\/+$/, "")}/${config.topic}`, r.body, headers);
    }
    case "gotify":
      // The app token as a header, never in the URL (URLs end up in proxy logs).
      return post(`${config.server.replace(/\/+$/, "")}/message`, gotifyBody(m), {
        ...json,
        "x-gotify-key": config.token,
      });
    case "email": {
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.username ? { user: config.username, pass: config.password } : undefined,
        connectionTimeout: SEND_MS,
        greetingTimeout: SEND_MS,
        socketTimeout: SEND_MS,
      });
      const mail = emailOf(m);
      try {
        await transport.sendMail({
          from: config.from,
          to: config.to.join(", "),
          subject: mail.subject,
          text: mail.text,
          headers: { "X-Berth-Delivery": m.id },
        });
      } catch (err) {
        throw new DeliveryError(`The mail server refused the message: ${(err as Error).message.slice(0, 300)}`);
      } finally {
        transport.close();
      }
      return;
    }
  }
}
