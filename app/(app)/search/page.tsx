import { SearchBox } from "@/components/search/SearchBox";
import { SearchResults } from "@/components/search/SearchResults";
import { SEARCH_MAX_QUERY } from "@/lib/search";
import { requestActor } from "@/server/auth/request-actor";
import { search } from "@/server/services/search/search";

export const metadata = { title: "Search" };

export const dynamic = "force-dynamic";

/** /search?q=: everything the user may see whose name matches, across endpoints. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = ((Array.isArray(raw) ? raw[0] : raw) ?? "").slice(0, SEARCH_MAX_QUERY);
  const actor = await requestActor();
  const result = await search(actor, q);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Search</h1>
      <div className="mb-6">
        <SearchBox defaultValue={q} id="page-search" formLabel="Refine search" />
      </div>
      {q.trim() ? (
        <SearchResults result={result} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Type a name, an image, a compose project or a short id. Every endpoint you may see is searched.
        </p>
      )}
    </>
  );
}
