import pino, { type Logger } from "pino";

export type { Logger };

/** `json`: one JSON object a line, for log collectors. `pretty`: coloured lines for a person at a terminal. */
export type LogFormat = "json" | "pretty";

/** Where no format is configured: pretty on a terminal, JSON otherwise (a file, a pipe, a container log). */
export function defaultLogFormat(stdoutIsTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  return stdoutIsTerminal ? "pretty" : "json";
}

/** Structured logs. Secrets and personal data that must never be logged are redacted, in either format. */
export function createLogger(level: string, format: LogFormat = "json"): Logger {
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
    // pino-pretty in pino's worker thread: the formatting costs the request path nothing.
    ...(format === "pretty"
      ? {
          transport: {
            target: "pino-pretty",
            options: {
              colorize: true,
              translateTime: "SYS:HH:MM:ss",
              ignore: "pid,hostname,service",
            },
          },
        }
      : {}),
  });
}
