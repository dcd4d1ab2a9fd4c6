import fs from "node:fs";
import path from "node:path";

export const STATE_FILE = path.join(process.cwd(), "test-results", "e2e-server.json");

export interface ServerState {
  pid: number;
  baseURL: string;
  setupUrl: string;
  dataDir: string;
  logFile: string;
}

export function serverState(): ServerState {
  return JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as ServerState;
}

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run e2e through \`npm test\` (scripts/test.sh starts the test rig)`);
  return v;
}

export const ADMIN = { username: "admin", password: "e2e-admin-password" };
