/** The line a resource page shows after an action: an alert when it failed, a status otherwise. */
export function ActionMessage(props: { message: { error: boolean; text: string } | null }) {
  const m = props.message;
  if (!m) return null;
  return (
    <p
      role={m.error ? "alert" : "status"}
      className={`rounded border p-2 text-sm ${m.error ? "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300" : "border-green-300 bg-green-50 text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-300"}`}
    >
      {m.text}
    </p>
  );
}
