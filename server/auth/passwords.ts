import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id floor: m=19 MiB, t=2, p=1.
const PARAMS = {
  algorithm: 2 /* Algorithm.Argon2id (const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

// Verified against when the user does not exist, so both cases cost the same time.
let dummy: Promise<string> | null = null;

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummy ??= hashPassword("berth-dummy-password");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
