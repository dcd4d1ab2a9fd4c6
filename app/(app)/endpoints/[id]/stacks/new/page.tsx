import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { GitSourceForm } from "@/components/stacks/GitSourceForm";
import { StackEditor } from "@/components/stacks/StackEditor";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

export const generateMetadata = endpointTitle("New stack");

export const dynamic = "force-dynamic";

const STARTER = `services:
  web:
    image: nginx:alpine
    ports:
      - "127.0.0.1:8080:80"
    restart: unless-stopped
`;

export default async function NewStackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:create", { endpointId: id })) notFound();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">New stack on {endpoint.name}</h1>
      <StackEditor endpointId={id} compose={STARTER} envText="" />
      <h2 className="mt-8 mb-2 text-lg font-semibold">Or from a Git repository</h2>
      <GitSourceForm endpointId={id} source={null} />
    </>
  );
}
