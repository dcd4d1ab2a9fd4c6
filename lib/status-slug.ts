// The status page slug pattern, apart from the zod schemas so the topic table (lib/topics.ts, in every browser
// bundle) does not pull zod into the browser.

/** Slugs name public URLs (/status/<slug>): lowercase letters, digits and single hyphens, 1 to 48 characters. */
export const SLUG_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?";
export const SLUG_MAX = 48;
