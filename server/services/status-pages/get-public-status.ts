import { findStatusPageBySlug } from "@/db/status-page-queries";
import { DAY_MS } from "@/lib/availability";
import { isStatusSlug } from "@/lib/status-page-schemas";
import { buildPublicStatusView, itemKey, type PublicStatusView } from "@/lib/status-view";
import { runtime } from "@/server/runtime";

export interface PublicStatus {
  view: PublicStatusView;
  /** Item keys the view depends on (server side only: a live feed rebuilds when one of them changes). */
  keys: Set<string>;
}

/**
 * The public view of a status page, for anyone, without a session: by design there is no actor and no permission.
 * Null for a slug that is malformed or names no page. Only lib/status-view.ts decides what goes out.
 */
export async function getPublicStatus(slug: string): Promise<PublicStatus | null> {
  if (!isStatusSlug(slug)) return null;
  const rt = runtime();
  const page = await findStatusPageBySlug(rt.db, slug);
  if (!page) return null;
  const now = Date.now();
  const history = await rt.status.history(page.items, now - DAY_MS, now);
  const view = buildPublicStatusView(
    page,
    (i) => rt.status.live(itemKey(i)),
    (i) => history.get(itemKey(i)) ?? [],
    now,
  );
  return { view, keys: new Set(page.items.map(itemKey)) };
}
