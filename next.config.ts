import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and Node-only packages stay outside the bundle; they are loaded from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "dockerode", "ssh2", "@node-rs/argon2", "pino", "socket.io"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default config;
