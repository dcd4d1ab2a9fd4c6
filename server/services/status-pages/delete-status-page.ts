import { deleteStatusPageRow, findStatusPageById } from "@/db/status-page-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";

export function deleteStatusPage(actor: Actor | null, id: string, ctx: ServiceContext = {}): Promise<void> {
  const op = { action: "statuspage.delete", permission: "statuspage:manage" as const, target: id };
  return runAudited(actor, op, ctx, async () => {
    const rt = runtime();
    const page = await findStatusPageById(rt.db, id);
    if (!page || !(await deleteStatusPageRow(rt.db, id))) throw new NotFoundError("Status page not found");
    // Its public URL answers 404 from now on; live viewers are told the page is gone.
    await rt.status.pagesChanged([page.slug]);
  });
}
