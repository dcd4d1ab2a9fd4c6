import crypto from "node:crypto";
import zlib from "node:zlib";
import { UserError } from "@/lib/errors";

// A Berth backup file: "BERTHBAK", a format byte, a 4-byte header length, the header (JSON: key derivation, IV, what
// made it), then the payload gzip'd and sealed with AES-256-GCM under a key derived from the passphrase (scrypt), and
// the 16-byte tag. The header is authenticated too, so changing any byte of the file makes it unreadable: a wrong
// passphrase and a damaged file are both refused before anything is restored.

const MAGIC = Buffer.from("BERTHBAK");
const FORMAT = 1;
/** scrypt cost: about 32 MiB and a tenth of a second, once per backup or restore. */
const KDF = { N: 1 << 15, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE = 12;

export interface BackupHeader {
  kdf: "scrypt";
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  createdAt: string;
  /** The database Berth ran on, and its schema level (number of migrations). */
  dialect: "sqlite" | "pg";
  schema: number;
}

export interface BackupPayload {
  schema: number;
  dialect: "sqlite" | "pg";
  createdAt: string;
  /** The key sealed credentials in `tables` were sealed with (base64): restore re-seals them with the target's. */
  secretKey: string;
  /** Rows per table (drizzle field names), in an order that respects foreign keys. */
  tables: Record<string, Record<string, unknown>[]>;
}

export class BackupRefused extends UserError {
  constructor(message: string) {
    super(message, 400, "backup_refused");
  }
}

function deriveKey(passphrase: string, salt: Buffer, h: Pick<BackupHeader, "N" | "r" | "p">): Buffer {
  return crypto.scryptSync(passphrase.normalize("NFC"), salt, 32, { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r });
}

export function sealBackup(payload: BackupPayload, passphrase: string): Buffer {
  if (passphrase.length < MIN_PASSPHRASE)
    throw new BackupRefused(`The passphrase must have at least ${MIN_PASSPHRASE} characters`);
  const header: BackupHeader = {
    kdf: "scrypt",
    ...KDF,
    salt: crypto.randomBytes(16).toString("base64"),
    iv: crypto.randomBytes(12).toString("base64"),
    createdAt: payload.createdAt,
    dialect: payload.dialect,
    schema: payload.schema,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(MAGIC.length + 5);
  MAGIC.copy(prefix);
  prefix.writeUInt8(FORMAT, MAGIC.length);
  prefix.writeUInt32BE(headerBytes.length, MAGIC.length + 1);
  const key = deriveKey(passphrase, Buffer.from(header.salt, "base64"), header);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64"));
  cipher.setAAD(Buffer.concat([prefix, headerBytes]));
  const body = Buffer.concat([cipher.update(zlib.gzipSync(JSON.stringify(payload))), cipher.final()]);
  return Buffer.concat([prefix, headerBytes, body, cipher.getAuthTag()]);
}

/** The header alone (no passphrase needed): what a backup says about itself. */
export function readBackupHeader(file: Buffer): { header: BackupHeader; headerEnd: number } {
  const damaged = () => new BackupRefused("This is not a Berth backup, or the file is damaged");
  if (file.length < MAGIC.length + 5 + 16 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged();
  const format = file.readUInt8(MAGIC.length);
  if (format !== FORMAT) throw new BackupRefused(`Backup format ${format} is not one this Berth reads (${FORMAT})`);
  const len = file.readUInt32BE(MAGIC.length + 1);
  const headerEnd = MAGIC.length + 5 + len;
  if (len > 64 * 1024 || headerEnd + 16 > file.length) throw damaged();
  let header: BackupHeader;
  try {
    header = JSON.parse(file.subarray(MAGIC.length + 5, headerEnd).toString("utf8")) as BackupHeader;
  } catch {
    throw damaged();
  }
  const sane =
    header.kdf === "scrypt" &&
    Number.isInteger(header.N) &&
    header.N >= 1 << 14 &&
    header.N <= 1 << 20 &&
    header.r >= 1 &&
    header.r <= 32 &&
    header.p >= 1 &&
    header.p <= 4;
  if (!sane) throw damaged();
  return { header, headerEnd };
}

/** Decrypts and parses a backup; a wrong passphrase or any changed byte is refused with one clear message. */
export function openBackup(file: Buffer, passphrase: string): BackupPayload {
  const { header, headerEnd } = readBackupHeader(file);
  const key = deriveKey(passphrase, Buffer.from(header.salt, "base64"), header);
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64"));
  decipher.setAAD(file.subarray(0, headerEnd));
  decipher.setAuthTag(file.subarray(file.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(headerEnd, file.length - 16)), decipher.final()]);
  } catch {
    throw new BackupRefused("Wrong passphrase, or the backup file is damaged: nothing was restored");
  }
  const payload = JSON.parse(zlib.gunzipSync(plain).toString("utf8")) as BackupPayload;
  if (payload.schema !== header.schema || typeof payload.tables !== "object")
    throw new BackupRefused("The backup's contents do not match its header");
  return payload;
}
