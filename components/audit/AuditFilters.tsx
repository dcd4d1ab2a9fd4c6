import type { ReactNode } from "react";

// A plain GET form: filters live in the URL, so a filtered view can be bookmarked and the export reuses them.

function Filter({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = `audit-${label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

export function AuditFilters({ values, exportHref }: { values: Record<string, string>; exportHref: string }) {
  return (
    <form method="get" action="/audit" aria-label="Filter audit log" className="flex flex-wrap items-end gap-3">
      <Filter label="Actor">
        {(id) => <input id={id} name="actor" defaultValue={values.actor} className={input} />}
      </Filter>
      <Filter label="Action">
        {(id) => <input id={id} name="action" defaultValue={values.action} className={input} />}
      </Filter>
      <Filter label="Endpoint">
        {(id) => <input id={id} name="endpointId" defaultValue={values.endpointId} className={input} />}
      </Filter>
      <Filter label="Outcome">
        {(id) => (
          <select id={id} name="outcome" defaultValue={values.outcome ?? ""} className={input}>
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        )}
      </Filter>
      <Filter label="From (UTC)">
        {(id) => <input id={id} name="from" type="datetime-local" defaultValue={values.from} className={input} />}
      </Filter>
      <Filter label="To (UTC)">
        {(id) => <input id={id} name="to" type="datetime-local" defaultValue={values.to} className={input} />}
      </Filter>
      <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700">
        Filter
      </button>
      <a href="/audit" className="text-sm hover:underline">
        Clear filters
      </a>
      <a href={exportHref} className="ml-auto text-sm hover:underline" download>
        Export CSV
      </a>
    </form>
  );
}
