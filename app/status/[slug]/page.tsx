import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PublicStatusPage } from "@/components/status-pages/PublicStatusPage";
import { getPublicStatus } from "@/server/services/status-pages/get-public-status";

// Outside the signed-in (app) group on purpose: anyone with the link may look. Only the sanitized view leaves the
// server (lib/status-view.ts); the custom server rate-limits this path per client before Next sees it.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => (await getPublicStatus(slug))?.view ?? null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load((await params).slug);
  return { title: view ? view.title : "Not found", robots: { index: false } };
}

export default async function StatusPage({ params }: Props) {
  const view = await load((await params).slug);
  if (!view) notFound();
  return <PublicStatusPage initial={view} />;
}
