import { databaseEmpty, readAllTables, replaceAllTables, schemaLevel } from "@/db/backup-queries";
import type { DbHandle } from "@/db/client";
import { SecretBox } from "@/server/crypto/secret-box";
import { type BackupPayload, BackupRefused, sealBackup } from "./backup-format";

// Backup and restore of a whole Berth: database contents and the sealed-credentials key, in one encrypted file
// (./backup-format.ts). Used by the API (server/services/backup) and by the offline CLI (server/cli/berth.ts).

/** Columns holding values sealed with the credentials key; restore re-seals them with the target's key. */
const SEALED: Record<string, string[]> = { endpoints: ["secret"], registries: ["secret"], users: ["totpSecret"] };

export async function createBackup(h: DbHandle, secretKey: Buffer, passphrase: string): Promise<Buffer> {
  const payload: BackupPayload = {
    schema: schemaLevel(h.dialect),
    dialect: h.dialect,
    createdAt: new Date().toISOString(),
    secretKey: secretKey.toString("base64"),
    tables: await readAllTables(h),
  };
  return sealBackup(payload, passphrase);
}

export interface RestoreSummary {
  rows: number;
  tables: number;
  from: { dialect: string; createdAt: string; schema: number };
  resealed: number;
}

/** Refuses a backup this Berth cannot restore; callers check before they open (and so migrate) the target. */
export function assertRestorable(payload: BackupPayload): void {
  const level = schemaLevel("sqlite");
  if (payload.schema > level)
    throw new BackupRefused(
      `This backup was made by a newer Berth (schema ${payload.schema}); this one knows schema ${level}. Upgrade Berth first.`,
    );
}

/**
 * `payload` comes from openBackup (passphrase and integrity already checked). Checks the schema level, that every
 * sealed value opens with the backup's key, and that the target is empty unless `replace`, before writing
 * anything; then writes all tables in one transaction.
 */
export async function restoreBackup(
  h: DbHandle,
  payload: BackupPayload,
  targetKey: Buffer,
  opts: { replace?: boolean } = {},
): Promise<RestoreSummary> {
  assertRestorable(payload);
  if (!opts.replace && !(await databaseEmpty(h)))
    throw new BackupRefused(
      "The target database already holds users or endpoints; restore into an empty one (or pass --replace)",
    );
  const from = new SecretBox(Buffer.from(payload.secretKey, "base64"));
  const to = new SecretBox(targetKey);
  let resealed = 0;
  for (const [table, columns] of Object.entries(SEALED)) {
    for (const row of payload.tables[table] ?? []) {
      for (const col of columns) {
        const v = row[col];
        if (typeof v !== "string" || !v) continue;
        let plain: string;
        try {
          plain = from.open(v);
        } catch {
          throw new BackupRefused(
            `A sealed value in ${table} does not open with the backup's own key: the backup is damaged`,
          );
        }
        row[col] = to.seal(plain);
        resealed++;
      }
    }
  }
  await replaceAllTables(h, payload.tables);
  const rows = Object.values(payload.tables).reduce((n, r) => n + r.length, 0);
  return {
    rows,
    tables: Object.keys(payload.tables).length,
    from: { dialect: payload.dialect, createdAt: payload.createdAt, schema: payload.schema },
    resealed,
  };
}
