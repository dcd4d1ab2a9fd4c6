import { z } from "zod";
import { backupInput } from "@/lib/backup-schemas";
import { defineRoute } from "@/server/entry/route";
import { downloadBackup } from "@/server/services/backup/download-backup";

export const dynamic = "force-dynamic";

/** POST /api/v1/backup `{ passphrase }` (admins): the encrypted backup file (application/octet-stream). */
export const POST = defineRoute(
  {
    name: "api.backup.create",
    schema: z.object({ body: backupInput }),
    permission: "settings:manage",
  },
  async (actor, { body }) => {
    const { file, name } = await downloadBackup(actor, body, { source: "api" });
    return new Response(new Uint8Array(file), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
);
