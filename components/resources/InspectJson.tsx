/** The engine's inspect answer as indented JSON text (React escapes it: hostile values stay text). */
export function InspectJson({ label, value }: { label: string; value: unknown }) {
  return (
    <section aria-label={label}>
      {/* Focusable: a keyboard user scrolls long lines sideways (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      <pre tabIndex={0} className="overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
