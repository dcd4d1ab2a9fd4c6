import fs from "node:fs";
import { STATE_FILE, serverState } from "./env";

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const { pid, logFile } = serverState();
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // The server must never have logged an unhandled rejection or uncaught exception during the run.
  const log = fs.readFileSync(logFile, "utf8");
  if (/unhandled rejection|uncaught exception/.test(log)) {
    throw new Error(`Berth logged an unhandled error during e2e; see ${logFile}`);
  }
}
