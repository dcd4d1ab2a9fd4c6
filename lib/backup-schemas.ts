import { z } from "zod";

/** The backup passphrase: long enough to resist guessing (the file holds every credential), short enough to type. */
export const backupInput = z.object({
  passphrase: z.string().min(12, "Use at least 12 characters").max(1024, "At most 1024 characters"),
});
export type BackupInput = z.infer<typeof backupInput>;
