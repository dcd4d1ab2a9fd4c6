import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { hashPassword, verifyPassword } from "./passwords";

// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) for optional two-factor sign-in, plus single-use recovery codes.

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, username = "") {
  return new TOTP({ issuer: "Berth", label: username, algorithm: "SHA1", digits: 6, period: 30, secret: secretBase32 });
}

export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

const PERIOD_MS = 30_000;

/**
 * The time step `code` belongs to when it is the current code or the one just before or after (clock skew), else
 * null. Callers remember the last accepted step per user so a code cannot be used twice.
 */
export function totpStep(secretBase32: string, code: string, timestamp = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / PERIOD_MS) + delta;
}

export function verifyTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  return totpStep(secretBase32, code, timestamp) !== null;
}

const RECOVERY_CODES = 10;

/** Ten codes like "k3f9-x2m7-p4q8"; only their argon2 hashes are stored. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from(crypto.randomBytes(12), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, hashes: await Promise.all(codes.map((c) => hashPassword(c))) };
}

/**
 * The stored hash `code` matches and the hashes left without it, or null when it matches none. Pure: the caller
 * removes it from the database atomically (server/auth/second-factor.ts), so each code works once.
 */
export async function matchRecoveryCode(
  hashesJson: string | null,
  code: string,
): Promise<{ matched: string; left: string[] } | null> {
  const normalized = code.trim().toLowerCase();
  if (!/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(normalized)) return null;
  let hashes: string[];
  try {
    hashes = JSON.parse(hashesJson ?? "[]") as string[];
  } catch {
    return null;
  }
  for (let i = 0; i < hashes.length; i++) {
    if (await verifyPassword(hashes[i], normalized)) {
      return { matched: hashes[i]!, left: hashes.filter((_, j) => j !== i) };
    }
  }
  return null;
}
