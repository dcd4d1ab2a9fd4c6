import Link from "next/link";

/** Endpoints a cross-endpoint list could not read, with links to manage each endpoint's resources. */
export function AcrossErrors({ errors }: { errors: { endpointId: string; name: string; error: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <ul aria-label="Endpoints not listed" className="mb-4 space-y-1 text-sm">
      {errors.map((e) => (
        <li
          key={e.endpointId}
          className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300"
        >
          <Link href={`/endpoints/${encodeURIComponent(e.endpointId)}/containers`} className="font-medium underline">
            {e.name}
          </Link>
          : {e.error}
        </li>
      ))}
    </ul>
  );
}
