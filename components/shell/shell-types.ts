import type { NavPermissions } from "@/lib/shell-nav";
import type { ThemeChoice } from "@/lib/theme";

/** What the server hands the client shell: names and health only, never credentials or addresses. */
export interface ShellEndpoint {
  id: string;
  name: string;
  state: "up" | "down" | "connecting";
  /** The endpoint's kind and capabilities ("docker", "swarm", "kubernetes"...): which sections it has. */
  features: string[];
}

export interface ShellProps {
  username: string;
  endpoints: ShellEndpoint[];
  perms: NavPermissions;
  /** The endpoint (or "*" for all) the user last worked on, from a cookie: kept across Home and admin pages. */
  remembered: string | null;
  theme: ThemeChoice;
}

export const SCOPE_COOKIE = "berth-scope";
