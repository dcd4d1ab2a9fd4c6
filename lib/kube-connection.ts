import { z } from "zod";

// How a Kubernetes endpoint is reached, as the form sends it (shared by the form, the action and the API route).

const MAX_KUBECONFIG = 256 * 1024;
const MAX_PEM = 64 * 1024;

const pem = z
  .string()
  .max(MAX_PEM, "The CA certificate is too large (at most 64 KiB)")
  .refine((s) => s.trim() === "" || /-----BEGIN CERTIFICATE-----/.test(s), "The CA certificate is not in PEM format")
  .optional();

export const kubeConnectionInput = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("kubeconfig"),
    kubeconfig: z
      .string()
      .min(1, "Paste or upload a kubeconfig")
      .max(MAX_KUBECONFIG, "The kubeconfig is too large (at most 256 KiB)"),
    /** Empty: the kubeconfig's current-context. */
    context: z.string().trim().max(253).optional(),
  }),
  z.object({
    mode: z.literal("token"),
    server: z.string().trim().min(1, "Server URL is required").max(2048),
    token: z
      .string()
      .trim()
      .min(1, "Bearer token is required")
      .max(16 * 1024)
      .regex(/^[\x21-\x7e]+$/, "The token must be printable ASCII without spaces"),
    ca: pem,
  }),
  z.object({ mode: z.literal("in-cluster") }),
]);
export type KubeConnectionInput = z.infer<typeof kubeConnectionInput>;
