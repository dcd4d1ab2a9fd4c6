import { redirect } from "next/navigation";

export default async function SwarmPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/endpoints/${encodeURIComponent(id)}/swarm/services`);
}
