import { z } from "zod";

export const totpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"),
});

/** Turning two-factor off proves both factors again: the password, and a current code or an unused recovery code. */
export const totpDisableInput = z.object({
  password: z.string().min(1, "Enter your password").max(256),
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/, "Enter a 6-digit code or a recovery code"),
});
