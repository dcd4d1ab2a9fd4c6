import { forbidden, notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { RetentionForm } from "@/components/audit/RetentionForm";
import { TableScroll } from "@/components/ui/table-scroll";
import { auditFilter } from "@/lib/audit-schemas";
import { formatTime } from "@/lib/format";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getAuditRetention } from "@/server/services/audit/audit-retention";
import { searchAudit } from "@/server/services/audit/search-audit";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { listTeams } from "@/server/services/teams/list-teams";
import { listUsers } from "@/server/services/users/list-users";

export const metadata = { title: "Audit" };

export const dynamic = "force-dynamic";

const FIELDS = ["actor", "action", "endpointId", "outcome", "from", "to"] as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "audit:read")) forbidden();
  const sp = await searchParams;
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = sp[f];
    if (typeof v === "string" && v) values[f] = v;
  }
  const parsed = auditFilter.safeParse(values);
  const rows = parsed.success ? await searchAudit(actor, { ...parsed.data, limit: 200 }) : [];
  // Refused or failed operations keep the id they were asked about (the name is looked up only once allowed):
  // show the name of a team, user or endpoint that still exists, so nobody reads UUIDs.
  const [teams, users] = await Promise.all([
    can(actor, "team:manage") ? listTeams(actor).catch(() => []) : [],
    can(actor, "user:manage") ? listUsers(actor).catch(() => []) : [],
  ]);
  const names = new Map<string, string>([
    ...teams.map((t): [string, string] => [t.id, `team ${t.name}`]),
    ...users.map((u): [string, string] => [u.id, `user ${u.username}`]),
  ]);
  const endpointNames = new Map(listEndpoints(actor).map((e) => [e.id, e.name]));
  const exportHref = `/api/v1/audit/export?${new URLSearchParams(values).toString()}`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
      <div className="mb-4 space-y-4">
        <AuditFilters values={values} exportHref={exportHref} />
        {!parsed.success && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {parsed.error.issues[0]?.message ?? "Invalid filter"}
          </p>
        )}
      </div>
      <TableScroll label="Audit log table">
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
                <td>{r.endpointId ? (endpointNames.get(r.endpointId) ?? r.endpointId) : ""}</td>
                <td>{r.target ? targetLabel(r.target, names) : ""}</td>
                <td>{r.outcome}</td>
                <td className="text-xs">{r.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.length === 0 && <p className="mt-2 text-sm">No audit records match.</p>}
      {can(actor, "settings:manage") && (
        <section aria-labelledby="retention-heading" className="mt-8 space-y-2">
          <h2 id="retention-heading" className="text-lg font-semibold">
            Retention
          </h2>
          <RetentionForm days={await getAuditRetention(actor)} />
        </section>
      )}
    </>
  );
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A target as people read it: a bare id becomes the name of what it names; ids inside a refused request's path
 * (`DELETE /api/v1/teams/<id>`, recorded before anything was looked up) are replaced by that name too.
 */
function targetLabel(target: string, names: Map<string, string>): string {
  const whole = names.get(target);
  if (whole) return whole;
  return target.replace(ID, (id) => {
    const name = names.get(id);
    return name ? `‹${name}›` : id;
  });
}
