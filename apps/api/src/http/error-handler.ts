import type { ErrorRequestHandler } from "express";

function httpErrorMessage(status: number, type: unknown): string {
  if (status === 413) return "Request body too large";
  if (type === "entity.parse.failed") return "Request body is not valid JSON";
  return status === 500 ? "Internal server error" : "Bad request";
}

/** The last handler: body-parser and express errors keep the status the client earned (413, 400); anything else is ours (500, logged). */
export const handleHttpError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const { status: given, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  const status = typeof given === "number" && given >= 400 && given < 500 ? given : 500;
  if (status === 500) req.log.error({ err: error }, "unhandled HTTP error");
  res.status(status).json({ error: httpErrorMessage(status, type) });
};
