/**
 * Global search: pure matching and ranking. The server gathers candidates from what the actor may see; this decides
 * which match a query and in what order. Case-insensitive; every whitespace-separated term must appear in one of
 * the candidate's fields; a hit on the name ranks above a hit elsewhere, and an exact or prefix name hit above both.
 */
export type SearchKind = "endpoint" | "container" | "image" | "network" | "volume";

export interface SearchCandidate {
  kind: SearchKind;
  endpointId: string;
  endpointName: string;
  /** What the result shows and links by. */
  name: string;
  /** Other text a term may hit (image, compose project, driver, tags...), shown as the match context. */
  extra: string[];
  href: string;
  detail?: string;
}

export interface SearchHit extends SearchCandidate {
  score: number;
}

/** What a search answers: the hits, and the endpoints whose images or volumes could not be searched (down, slow). */
export interface SearchResult {
  query: string;
  hits: SearchHit[];
  incomplete: { endpointId: string; name: string; reason: string }[];
}

export const SEARCH_MAX_QUERY = 200;
export const SEARCH_MAX_TERMS = 8;

/** Lower-cased terms of a query, bounded in length and number; empty when the query has no terms. */
export function searchTerms(query: string): string[] {
  return query.slice(0, SEARCH_MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean).slice(0, SEARCH_MAX_TERMS);
}

/** A score above 0 when every term hits the candidate; 0 when one does not. */
export function scoreCandidate(terms: string[], c: SearchCandidate): number {
  if (!terms.length) return 0;
  const name = c.name.toLowerCase();
  const extra = c.extra.map((e) => e.toLowerCase());
  let score = 0;
  for (const t of terms) {
    if (name === t) score += 100;
    else if (name.startsWith(t)) score += 60;
    else if (name.includes(t)) score += 40;
    else if (extra.some((e) => e.includes(t))) score += 10;
    else return 0;
  }
  return score;
}

const KIND_ORDER: Record<SearchKind, number> = { endpoint: 0, container: 1, image: 2, network: 3, volume: 4 };

/** The hits among candidates, best first (then by kind, then name), at most `limit`. */
export function rankCandidates(query: string, candidates: SearchCandidate[], limit = 50): SearchHit[] {
  const terms = searchTerms(query);
  const hits: SearchHit[] = [];
  for (const c of candidates) {
    const score = scoreCandidate(terms, c);
    if (score > 0) hits.push({ ...c, score });
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.name.localeCompare(b.name) ||
      a.endpointName.localeCompare(b.endpointName),
  );
  return hits.slice(0, limit);
}
