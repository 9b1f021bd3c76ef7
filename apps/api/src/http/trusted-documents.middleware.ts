import type { Request, RequestHandler, Response } from "express";
import type { TrustedDocument, TrustedDocuments } from "../graphql/trusted-documents";
import { notFound } from "./not-found";

/** Why a request to /graphql was refused before Apollo saw it (`errors[0].extensions.code`). */
export const TrustedDocumentRefusal = {
  /** The hash names no operation of the web app's manifest. */
  PERSISTED_QUERY_NOT_FOUND:
    "Unknown operation: no operation of this web app has this extensions.persistedQuery.sha256Hash. If the web app was just updated, reload the page.",
  /** A full document (`query`) where only the web app's operations run. */
  TRUSTED_DOCUMENTS_ONLY:
    "Only the web app's operations are accepted here: send extensions.persistedQuery.sha256Hash of an operation of the web app, not a query document.",
} as const;
export type TrustedDocumentRefusalCode = keyof typeof TrustedDocumentRefusal;

export interface TrustedDocumentsPolicy {
  documents: TrustedDocuments;
  /** Full documents run too (development, or ALLOW_ARBITRARY_OPERATIONS=true). */
  allowArbitraryOperations: boolean;
}

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `extensions` without `persistedQuery`: Apollo's own APQ would otherwise act on it (or refuse it). */
function withoutPersistedQuery(extensions: Fields): Fields | undefined {
  const { persistedQuery: _replaced, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** A GET request's parameters, as Apollo Server reads them (`extensions` is JSON). */
function getParams(req: Request) {
  const at = req.url.indexOf("?");
  const params = new URLSearchParams(at >= 0 ? req.url.slice(at + 1) : "");
  let extensions: unknown;
  try {
    extensions = JSON.parse(params.get("extensions") ?? "null");
  } catch {
    extensions = undefined; // Apollo answers the malformed parameter itself
  }
  return { path: at >= 0 ? req.url.slice(0, at) : req.url, params, extensions };
}

/** The request runs `trusted.document`, as if it had been sent in full. */
function substitute(req: Request, trusted: TrustedDocument): void {
  if (req.method === "GET") {
    const { path, params, extensions } = getParams(req);
    params.set("query", trusted.document);
    const rest = isObject(extensions) ? withoutPersistedQuery(extensions) : undefined;
    if (rest) params.set("extensions", JSON.stringify(rest));
    else params.delete("extensions");
    // expressMiddleware reads a GET's operation from req.url.
    req.url = `${path}?${params.toString()}`;
    return;
  }
  const body = req.body as Fields;
  const { extensions, ...rest } = body;
  const others = isObject(extensions) ? withoutPersistedQuery(extensions) : undefined;
  req.body = { ...rest, query: trusted.document, ...(others ? { extensions: others } : {}) };
}

function refuse(req: Request, res: Response, code: TrustedDocumentRefusalCode): void {
  req.log.info({ code }, "GraphQL request refused: not an operation of the web app");
  res
    .status(400)
    .json({ errors: [{ message: TrustedDocumentRefusal[code], extensions: { code } }] });
}

/**
 * Trusted documents on /graphql, between the JSON body parser and Apollo: a request naming a
 * manifest operation by `extensions.persistedQuery.sha256Hash` runs that operation's document (the
 * server's copy, whatever `query` came with it). Where only trusted documents run, a full document
 * and an unknown hash are refused with 400; otherwise both go on to Apollo as before (which runs the
 * one and answers the other per AUTOMATIC_PERSISTED_QUERIES). A GET without any operation (the
 * landing page) passes either way. The endpoint is its mount path alone: a path below it
 * (`/graphql/foo`) is none of Apollo's, and gets the API's 404.
 */
export function trustedDocuments(policy: TrustedDocumentsPolicy): RequestHandler {
  const strict = !policy.allowArbitraryOperations;
  const unknownPath = notFound();
  return (req, res, next) => {
    if (req.path !== "/") {
      void unknownPath(req, res, next);
      return;
    }
    let query: unknown;
    let extensions: unknown;
    if (req.method === "GET") {
      const parsed = getParams(req);
      query = parsed.params.get("query") ?? undefined;
      extensions = parsed.extensions;
    } else if (isObject(req.body)) {
      ({ query, extensions } = req.body);
    } else {
      // Batches (off in Apollo as well) carry documents too; anything else Apollo refuses itself.
      if (strict && Array.isArray(req.body)) refuse(req, res, "TRUSTED_DOCUMENTS_ONLY");
      else next();
      return;
    }
    const persisted = isObject(extensions) ? extensions.persistedQuery : undefined;
    if (persisted !== undefined && persisted !== null) {
      const hash = isObject(persisted) ? persisted.sha256Hash : undefined;
      const trusted = typeof hash === "string" ? policy.documents.lookup(hash) : undefined;
      if (trusted) {
        substitute(req, trusted);
        next();
      } else if (strict) refuse(req, res, "PERSISTED_QUERY_NOT_FOUND");
      else next();
      return;
    }
    if (strict && query !== undefined && query !== null) {
      refuse(req, res, "TRUSTED_DOCUMENTS_ONLY");
      return;
    }
    next();
  };
}
