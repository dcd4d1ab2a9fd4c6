import { rows } from "@/db/atomic";
import { deleteStatusPageRowStmt, findStatusPageById } from "@/db/status-page-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

export function deleteStatusPage(actor: Actor | null, id: string, ctx?: UseCaseContext): Promise<void> {
  const op = { audit: "statuspage.delete", permission: "statuspage:manage" as const, target: id };
  return useCase(
    actor,
    op,
    async (_actor, note) => {
      const rt = runtime();
      const page = await findStatusPageById(rt.db, id);
      if (!page) throw new NotFoundError("Status page not found");
      note.target = page.slug;
      await note.commit(function* (tx) {
        if (!rows(yield deleteStatusPageRowStmt(tx, id)).length) throw new NotFoundError("Status page not found");
      });
      // Its public URL answers 404 from now on; live viewers are told the page is gone.
      await rt.status.pagesChanged([page.slug]);
    },
    ctx,
  );
}
