import type { RequestHandler } from "express";

/**
 * The API's answer for a path nothing serves (an unknown API path, a file the web app does not have,
 * a method no route takes): JSON like its other errors, not Express's HTML page echoing the path.
 * Mounted last, before the error handler; the web app's client-side routes never get here.
 */
export function notFound(): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: "Not found" });
  };
}
