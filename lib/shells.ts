// The console's shell choices, apart from lib/exec-options.ts (zod) so the console tab does not pull zod into the
// browser bundle.
export const SHELLS = ["sh", "bash", "ash", "custom"] as const;
