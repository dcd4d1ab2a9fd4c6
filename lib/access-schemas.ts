import { z } from "zod";
import { endpointId, password, username } from "./schemas";

// Inputs of user, team, grant and token management: one schema per input, shared by action, route and form.

export const entityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_-]+$/, "Not a valid id");

/** Checkbox values arrive as "on" from forms and as booleans from JSON. */
const flag = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const createUserInput = z.object({ username, password, isAdmin: flag });
export type CreateUserInput = z.infer<typeof createUserInput>;

export const userRefInput = z.object({ userId: entityId });

export const setUserDisabledInput = z.object({ userId: entityId, disabled: z.boolean() });

export const setUserAdminInput = z.object({ userId: entityId, isAdmin: z.boolean() });

export const resetPasswordInput = z.object({ userId: entityId, password });

export const teamName = z
  .string()
  .trim()
  .min(1, "Team name is required")
  .max(64, "Team name is at most 64 characters")
  // Any printable text: names are rendered as text, never as HTML.
  .refine((s) => !/\p{Cc}/u.test(s), "Team name may not contain control characters");

export const createTeamInput = z.object({ name: teamName });
export const teamRefInput = z.object({ teamId: entityId });
export const teamMemberInput = z.object({ teamId: entityId, userId: entityId });

export const endpointRole = z.enum(["operator", "viewer"]);
/**
 * Kubernetes namespaces a grant is limited to (DNS-1123 labels, at most 100); absent or empty for the whole endpoint.
 * Forms send one text field ("team-a, team-b"); the API sends an array.
 */
export const grantNamespaces = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (typeof v === "string" ? v.split(/[\s,]+/) : v).map((s) => s.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .max(63)
          .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Not a valid namespace name"),
      )
      .max(100, "At most 100 namespaces per grant"),
  )
  .optional();

export const setGrantInput = z.object({
  teamId: entityId,
  endpointId,
  role: endpointRole,
  namespaces: grantNamespaces,
});
export const removeGrantInput = z.object({ teamId: entityId, endpointId });

export const tokenName = z
  .string()
  .trim()
  .min(1, "Token name is required")
  .max(64, "Token name is at most 64 characters")
  .refine((s) => !/\p{Cc}/u.test(s), "Token name may not contain control characters");

export const createTokenInput = z.object({
  name: tokenName,
  /** Days until expiry; 0 or absent means no expiry. */
  expiresInDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;
export const tokenRefInput = z.object({ tokenId: entityId });
