import { randomUUID } from "node:crypto";
import {
  type ChannelRow,
  deleteChannelStmt,
  findChannelRow,
  listChannelRows,
  upsertChannelStmt,
} from "@/db/alert-queries";
import { rows } from "@/db/atomic";
import {
  type ChannelConfig,
  type ChannelKind,
  type ChannelView,
  channelConfig,
  type SaveChannelInput,
  SECRET_FIELDS,
} from "@/lib/alert-schemas";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";

/** A channel's full config with its secrets opened: for the sender only, never for a view. */
export function openChannel(row: ChannelRow): ChannelConfig {
  const secrets = row.secret ? (JSON.parse(runtime().secrets.open(row.secret)) as Record<string, unknown>) : {};
  return channelConfig.parse({ ...(JSON.parse(row.config) as object), ...secrets });
}

function toView(row: ChannelRow): ChannelView {
  const config = JSON.parse(row.config) as ChannelConfig;
  const kind = row.kind as ChannelKind;
  const stored = row.secret ? Object.keys(JSON.parse(runtime().secrets.open(row.secret)) as object) : [];
  const blank = Object.fromEntries(SECRET_FIELDS[kind].map((f) => [f, ""]));
  return {
    id: row.id,
    name: row.name,
    kind,
    config: { ...config, ...blank } as ChannelConfig,
    storedSecrets: stored,
    createdAt: row.createdAt,
  };
}

export async function listChannels(actor: Actor | null): Promise<ChannelView[]> {
  authorize(actor, "alert:channels");
  return (await listChannelRows(runtime().db)).map(toView);
}

/**
 * Names and kinds of the channels, for whoever may write a rule somewhere (operators pick channels by name; they
 * never see a channel's settings).
 */
export async function listChannelChoices(actor: Actor | null): Promise<{ id: string; name: string; kind: string }[]> {
  if (!actor) authorize(actor, "alert:channels");
  const ruleWriter =
    actor!.isAdmin || Object.keys(actor!.grants).some((e) => can(actor, "alert:rules", { endpointId: e }));
  if (!ruleWriter) return [];
  return (await listChannelRows(runtime().db)).map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}

/**
 * Adds or edits a channel. Secret fields are sealed (one sealed JSON object per channel); an empty secret field on
 * edit keeps the stored value, so a form that never shows secrets can still save other changes.
 */
export async function saveChannel(
  actor: Actor | null,
  input: SaveChannelInput,
  ctx?: UseCaseContext,
): Promise<ChannelView> {
  return useCase(
    actor,
    {
      audit: input.id ? "alert.channel.update" : "alert.channel.create",
      permission: "alert:channels",
      target: input.name,
      describe: (v) => `${v.kind} channel`,
    },
    async (_who, note) => {
      const rt = runtime();
      const existing = input.id ? await findChannelRow(rt.db, input.id) : undefined;
      if (input.id && !existing) throw new NotFoundError("Alert channel not found");
      if (existing && existing.kind !== input.config.kind)
        throw new UserError("A channel's kind cannot change; add a new channel instead", 409);
      const others = await listChannelRows(rt.db);
      if (others.some((r) => r.name === input.name && r.id !== input.id))
        throw new UserError("An alert channel with this name exists already", 409);
      const fields = SECRET_FIELDS[input.config.kind];
      const old = existing?.secret ? (JSON.parse(rt.secrets.open(existing.secret)) as Record<string, string>) : {};
      const plain: Record<string, unknown> = { ...input.config };
      const secrets: Record<string, string> = {};
      for (const f of fields) {
        const value = String(plain[f] ?? "") || old[f] || "";
        if (value) secrets[f] = value;
        delete plain[f];
      }
      // Slack, Discord and Teams are nothing without their URL (which is the secret).
      if (fields.includes("url") && !secrets.url) throw new UserError("The webhook URL is required", 400);
      const row: ChannelRow = {
        id: existing?.id ?? randomUUID(),
        name: input.name,
        kind: input.config.kind,
        config: JSON.stringify(plain),
        secret: Object.keys(secrets).length ? rt.secrets.seal(JSON.stringify(secrets)) : null,
        createdAt: existing?.createdAt ?? Date.now(),
      };
      await note.commit(function* (tx) {
        yield upsertChannelStmt(tx, row);
      });
      return toView(row);
    },
    ctx,
  );
}

export async function deleteChannel(actor: Actor | null, channelId: string, ctx?: UseCaseContext): Promise<void> {
  await useCase(
    actor,
    { audit: "alert.channel.delete", permission: "alert:channels", target: channelId },
    async (_who, note) => {
      await note.commit(function* (tx) {
        if (!rows(yield deleteChannelStmt(tx, channelId)).length) throw new NotFoundError("Alert channel not found");
      });
    },
    ctx,
  );
}
