import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs. Secrets and personal data that must never be logged are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "portal-api" },
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "variables.input.password",
        "variables.input.token",
      ],
      censor: "[redacted]",
    },
  });
}
