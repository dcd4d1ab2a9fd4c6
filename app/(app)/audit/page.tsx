import { notFound } from "next/navigation";
import { formatTime } from "@/lib/format";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listAudit } from "@/server/services/audit/list-audit";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const actor = await requestActor();
  if (!can(actor, "audit:read")) notFound();
  const rows = await listAudit(actor, { limit: 200 });
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-2">
              Time (UTC)
            </th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 dark:border-slate-800">
              <td className="whitespace-nowrap py-1 text-xs">{formatTime(r.at)}</td>
              <td>{r.actorName}</td>
              <td className="font-mono text-xs">{r.action}</td>
              <td>{r.endpointId ?? ""}</td>
              <td>{r.target ?? ""}</td>
              <td>{r.outcome}</td>
              <td className="text-xs">{r.detail ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
