import crypto from "node:crypto";
import { listEndpoints } from "@/db/queries";
import {
  findStatusPageById,
  findStatusPageBySlug,
  isUniqueViolation,
  saveStatusPageWrite,
} from "@/db/status-page-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { SaveStatusPageInput } from "@/lib/status-page-schemas";
import { runtime } from "@/server/runtime";
import { type AuditNote, type UseCaseContext, useCase } from "../use-case";
import { type StatusPageAdminView, toAdminView } from "./status-page-views";

const slugTaken = (slug: string) =>
  new UserError(`A status page with the slug "${slug}" exists already`, 409, "conflict");

async function checkEndpoints(input: SaveStatusPageInput): Promise<void> {
  const known = new Set((await listEndpoints(runtime().db)).map((e) => e.id));
  const missing = input.items.find((i) => !known.has(i.endpointId));
  if (missing) throw new UserError(`Endpoint ${missing.endpointId} does not exist`, 400, "invalid_input");
}

async function write(
  input: SaveStatusPageInput,
  existing: { id: string; slug: string; createdAt: number } | undefined,
  note: AuditNote,
): Promise<StatusPageAdminView> {
  const rt = runtime();
  const other = await findStatusPageBySlug(rt.db, input.slug);
  if (other && other.id !== existing?.id) throw slugTaken(input.slug);
  await checkEndpoints(input);
  const page = {
    id: existing?.id ?? crypto.randomUUID(),
    slug: input.slug,
    title: input.title,
    createdAt: existing?.createdAt ?? Date.now(),
  };
  const items = input.items.map((i) => ({
    endpointId: i.endpointId,
    kind: i.kind,
    ref: i.ref,
    displayName: i.displayName,
  }));
  try {
    note.detail = `${items.length} items`;
    // The page, its items and the record of the save: one transaction.
    await note.commit((tx) => saveStatusPageWrite(tx, page, items, existing ? "update" : "insert"));
  } catch (err) {
    // Another save took the slug between our check and our write.
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
  // Start (or stop) watching what the page shows, and refresh anyone looking at the old or new slug.
  await rt.status.pagesChanged([...new Set([input.slug, existing?.slug ?? input.slug])]);
  const saved = await findStatusPageById(rt.db, page.id);
  if (!saved) throw new NotFoundError("Status page not found");
  return toAdminView(rt, saved);
}

export function createStatusPage(
  actor: Actor | null,
  input: SaveStatusPageInput,
  ctx?: UseCaseContext,
): Promise<StatusPageAdminView> {
  const spec = {
    audit: "statuspage.create",
    permission: "statuspage:manage" as const,
    target: input.slug,
  };
  return useCase(actor, spec, (_actor, note) => write(input, undefined, note), ctx);
}

export function updateStatusPage(
  actor: Actor | null,
  id: string,
  input: SaveStatusPageInput,
  ctx?: UseCaseContext,
): Promise<StatusPageAdminView> {
  const spec = {
    audit: "statuspage.update",
    permission: "statuspage:manage" as const,
    target: input.slug,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const existing = await findStatusPageById(runtime().db, id);
      if (!existing) throw new NotFoundError("Status page not found");
      return write(input, existing, note);
    },
    ctx,
  );
}
