import { z } from "zod";

// Docker ids are 64 hex chars; names are [a-zA-Z0-9][a-zA-Z0-9_.-]+. Accept either, nothing else reaches the engine.
export const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "Not a container id or name");

export const endpointId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_-]+$/, "Not an endpoint id");

export const containerActionInput = z.object({
  endpointId,
  containerId: containerRef,
});
export type ContainerActionInput = z.infer<typeof containerActionInput>;

export const username = z
  .string()
  .trim()
  .min(1, "Username is required")
  .max(64, "Username is at most 64 characters")
  .regex(/^[a-zA-Z0-9_.@-]+$/, "Username may contain letters, digits and _ . @ - only");

export const password = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(256, "Password is at most 256 characters");

export const setupInput = z
  .object({
    token: z.string().min(1).max(256),
    username,
    password,
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "Passwords do not match",
    path: ["confirmPassword"],
  });
export type SetupInput = z.infer<typeof setupInput>;

export const signInInput = z.object({
  username: z.string().max(64),
  password: z.string().max(256),
});
