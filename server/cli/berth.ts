import fs from "node:fs";
import readline from "node:readline";
import { openDb } from "@/db/client";
import { liveLeases } from "@/db/lease-queries";
import { UserError } from "@/lib/errors";
import { assertRestorable, createBackup, restoreBackup } from "@/server/backup/backup";
import { openBackup } from "@/server/backup/backup-format";
import { PRESENCE_PREFIX } from "@/server/cluster/cluster";
import { loadSecretKey } from "@/server/crypto/secret-box";

// `npm run berth -- backup FILE` and `npm run berth -- restore FILE [--replace]`: the offline side of backups, with
// the same configuration as the server (DATABASE_URL or BERTH_DATA_DIR, BERTH_SECRET_KEY). The passphrase comes from
// BERTH_BACKUP_PASSPHRASE, else it is asked for (or read as the first line of standard input).

const USAGE = "usage: npm run berth -- backup FILE | restore FILE [--replace]";

async function passphrase(): Promise<string> {
  const fromEnv = process.env.BERTH_BACKUP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write("Backup passphrase: ");
    // Typed characters are not echoed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write("\n");
  return line;
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (!file || (command !== "backup" && command !== "restore")) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = process.env.BERTH_DATA_DIR || "./data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (command === "backup") {
    if (fs.existsSync(file)) throw new UserError(`${file} exists already; choose a new file name`);
    const pass = await passphrase();
    const db = await openDb({ databaseUrl, dataDir });
    try {
      const out = await createBackup(db, loadSecretKey(dataDir), pass);
      fs.writeFileSync(file, out, { mode: 0o600, flag: "wx" });
      console.log(`Backup of the ${db.dialect} database written to ${file} (${out.length} bytes).`);
    } finally {
      await db.close();
    }
    return 0;
  }
  // Everything that can refuse does so before the target database is opened (opening it runs migrations).
  const payload = openBackup(fs.readFileSync(file), await passphrase());
  assertRestorable(payload);
  const db = await openDb({ databaseUrl, dataDir });
  try {
    if (db.dialect === "pg" && (await liveLeases(db, PRESENCE_PREFIX)).length > 0)
      throw new UserError("Berth is running on this database: stop every replica before restoring");
    const summary = await restoreBackup(db, payload, loadSecretKey(dataDir), { replace: rest.includes("--replace") });
    console.log(
      `Restored ${summary.rows} rows in ${summary.tables} tables into ${db.dialect} (backup of a ${summary.from.dialect} ` +
        `database made ${summary.from.createdAt}); ${summary.resealed} credentials re-sealed with this Berth's key.`,
    );
  } finally {
    await db.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UserError ? `berth: ${err.message}` : err);
    process.exit(1);
  },
);
