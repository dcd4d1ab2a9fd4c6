import type { EndpointRole } from "./domain";

// What the access-management screens show. Shapes only; the server builds them.

export interface UserView {
  id: string;
  username: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: number;
}

export interface TeamView {
  id: string;
  name: string;
  members: { userId: string; username: string }[];
  /** `namespaces`: the Kubernetes namespaces the role is limited to; absent for the whole endpoint. */
  grants: { endpointId: string; endpointName: string; role: EndpointRole; namespaces?: string[] }[];
}

export interface TokenView {
  id: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** What a server action answers, as the browser sees it. */
export type ActionReply<R = unknown> =
  | { ok: true; data: R }
  | { ok: false; status: number; error: string; fieldErrors?: Record<string, string> };
