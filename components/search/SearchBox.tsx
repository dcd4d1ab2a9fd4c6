/** The header's search: a plain GET form, so it works before (and without) any client script. */
export function SearchBox({
  defaultValue = "",
  id = "site-search",
  formLabel = "Search Berth",
}: {
  defaultValue?: string;
  id?: string;
  formLabel?: string;
}) {
  return (
    <search aria-label={formLabel}>
      <form action="/search" method="get" className="flex items-center gap-1">
        <label htmlFor={id} className="sr-only">
          Search
        </label>
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={200}
          placeholder="Search containers, images…"
          className="w-48 rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
          Search
        </button>
      </form>
    </search>
  );
}
