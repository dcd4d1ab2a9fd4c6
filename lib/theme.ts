// The colour theme a user picks: "system" follows the browser's prefers-color-scheme.
export const THEMES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

/** Unknown stored values (an old row, a hand edit) read as "system" rather than failing a page. */
export function parseTheme(value: unknown): ThemeChoice {
  return THEMES.includes(value as ThemeChoice) ? (value as ThemeChoice) : "system";
}

/**
 * The class on <html> for a choice. "dark" and "light" are fixed; "theme-system" lets CSS follow the media query
 * (see app/globals.css), so the first paint is right without any script.
 */
export function themeClass(theme: ThemeChoice): string {
  return theme === "system" ? "theme-system" : theme;
}
