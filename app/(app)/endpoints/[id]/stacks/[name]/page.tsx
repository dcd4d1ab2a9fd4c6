import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { StackView } from "@/components/stacks/StackView";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { getGitSource } from "@/server/services/stacks/git-source";
import { getDeployLog, getStackFile, listStackHistory, listStackRecords } from "@/server/services/stacks/stack-records";

export const generateMetadata = endpointTitle("Stacks", "name");

export const dynamic = "force-dynamic";

export default async function StackPage(props: {
  params: Promise<{ id: string; name: string }>;
  searchParams: Promise<{ log?: string }>;
}) {
  const { id, name: raw } = await props.params;
  const name = decodeURIComponent(raw);
  const { log } = await props.searchParams;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:read", { endpointId: id })) notFound();
  const initial = listContainers(actor, id).filter((c) => c.labels["com.docker.compose.project"] === name);
  const record = (await listStackRecords(actor, id)).find((r) => r.project === name) ?? null;
  if (!initial.length && !record) notFound();
  const logVersion = log && /^\d+$/.test(log) ? Number(log) : undefined;
  const steps = logVersion ? await getDeployLog(actor, id, name, logVersion).catch(() => null) : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">
        Stack {name}{" "}
        <span className="text-base font-normal text-slate-500 dark:text-slate-400">on {endpoint.name}</span>
      </h1>
      <StackView
        endpointId={id}
        project={name}
        initial={initial}
        record={record}
        file={await getStackFile(actor, id, name)}
        git={await getGitSource(actor, id, name)}
        versions={await listStackHistory(actor, id, name)}
        log={logVersion && steps ? { version: logVersion, steps } : undefined}
        canOperate={can(actor, "container:operate", { endpointId: id })}
        canCreate={can(actor, "container:create", { endpointId: id })}
      />
    </>
  );
}
