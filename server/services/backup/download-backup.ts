import type { Actor } from "@/lib/domain";
import { createBackup } from "@/server/backup/backup";
import { loadSecretKey } from "@/server/crypto/secret-box";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

/**
 * An encrypted backup of the whole Berth (database and the credentials key), for an admin to download. The
 * passphrase is never stored or logged; without it the file is useless, and with it the file opens every credential.
 */
export function downloadBackup(
  actor: Actor | null,
  input: { passphrase: string },
  ctx?: UseCaseContext,
): Promise<{ file: Buffer; name: string }> {
  return useCase(
    actor,
    {
      audit: "backup.create",
      permission: "settings:manage",
      describe: (r: { file: Buffer }) => `${r.file.length} bytes`,
    },
    async () => {
      const rt = runtime();
      const file = await createBackup(rt.db, loadSecretKey(rt.config.dataDir), input.passphrase);
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      return { file, name: `berth-backup-${stamp}.berthbak` };
    },
    ctx,
  );
}
