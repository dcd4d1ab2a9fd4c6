/** The engine's inspect answer as indented JSON text (React escapes it: hostile values stay text). */
export function InspectJson({ label, value }: { label: string; value: unknown }) {
  return (
    <section aria-label={label}>
      <pre className="overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
