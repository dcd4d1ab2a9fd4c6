import pino from "pino";

// Redaction is a second line of defence: code never passes secrets to the logger in the first place.
export const log = pino({
  level: process.env.LOG_LEVEL || "info",
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "secret",
      "*.secret",
      "headers.cookie",
      "headers.authorization",
    ],
    censor: "[redacted]",
  },
  base: undefined,
});

export type Logger = typeof log;
