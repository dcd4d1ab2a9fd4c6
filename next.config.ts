import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_SETTING } from "./lib/body-limits";

const config: NextConfig = {
  // Native and Node-only packages stay outside the bundle; they are loaded from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "dockerode", "ssh2", "@node-rs/argon2", "pino", "socket.io"],
  poweredByHeader: false,
  experimental: {
    // forbidden() and app/(app)/forbidden.tsx: admin pages answer a real 403 page inside the shell.
    authInterrupts: true,
    // The custom server refuses larger bodies before Next reads them (server/body-gate.ts); same figure.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_SETTING },
  },
};

export default config;
