import { pinoHttp } from "pino-http";
import type { Logger } from "../logging/logger";
import { requestId } from "./request-id";

/** One log line a request: method, path and status only (headers carry cookies and personal data). */
export function requestLog(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId: requestId,
    autoLogging: { ignore: (req) => req.url === "/healthz" },
    serializers: {
      // The path without its query: links carry single-use tokens (`/verify?token=…`).
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.split("?")[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
