import crypto from "node:crypto";
import type { DbHandle } from "@/db/client";
import { liveLeases } from "@/db/lease-queries";
import { claimOnce, getMeta } from "@/db/queries";
import { PRESENCE_PREFIX } from "./cluster";

/** Why a replica refuses to start; main prints the message and exits. */
export class SharedSecretError extends Error {}

const fingerprint = (secret: Buffer | string) =>
  crypto.createHmac("sha256", secret).update("berth shared-secret fingerprint v1").digest("hex").slice(0, 32);

export interface SecretsInUse {
  /** The credentials key and the session signing key this process would use. */
  secretKey: Buffer;
  authSecret: string;
  /** Whether each came from the environment (rather than generated into the data folder). */
  secretKeyFromEnv: boolean;
  authSecretFromEnv: boolean;
}

/**
 * On a shared (Postgres) database: refuses to start a replica whose secrets differ from those the database was
 * used with (it would fail to open every sealed credential, and its sessions would not verify on the others), and
 * refuses a generated secret while another replica is running (each replica would generate its own). Records the
 * fingerprints (HMACs, not the secrets) on the first start.
 */
export async function checkSharedSecrets(db: DbHandle, replicaId: string, s: SecretsInUse): Promise<void> {
  if (db.dialect !== "pg") return;
  if (!s.secretKeyFromEnv || !s.authSecretFromEnv) {
    const others = (await liveLeases(db, PRESENCE_PREFIX)).filter((l) => l.holder !== replicaId);
    if (others.length > 0) {
      const missing = [!s.secretKeyFromEnv && "BERTH_SECRET_KEY", !s.authSecretFromEnv && "NEXTAUTH_SECRET"]
        .filter(Boolean)
        .join(" and ");
      throw new SharedSecretError(
        `Another Berth replica is running on this database, and this one would use a generated ${missing}. ` +
          "Replicas sharing a database must all get the same NEXTAUTH_SECRET and BERTH_SECRET_KEY from the environment.",
      );
    }
  }
  for (const [key, secret, name] of [
    ["secret_key_fingerprint", s.secretKey, "BERTH_SECRET_KEY"],
    ["auth_secret_fingerprint", s.authSecret, "NEXTAUTH_SECRET"],
  ] as const) {
    const mine = fingerprint(secret);
    // The first replica ever records its fingerprint; two first replicas racing: one claim wins, the other compares.
    if (await claimOnce(db, key, mine)) continue;
    if ((await getMeta(db, key)) !== mine)
      throw new SharedSecretError(
        `This database was used with another ${name}. Start Berth with the same ${name} as the replicas before it ` +
          "(a different key could not open the stored credentials, or verify sign-ins made on other replicas).",
      );
  }
}
