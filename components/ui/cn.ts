/** Joins class names, dropping the falsy ones (the few conditional classes here never need merging). */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
