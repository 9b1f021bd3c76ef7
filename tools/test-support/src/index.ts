/**
 * What the API's integration tests and the web app's browser tests share: the real server on a fresh
 * database, the built API as a process, a GraphQL client with a cookie, a real SMTP capture, a
 * stalling TCP proxy, an OTLP trace receiver, the servicing fixture. `./standalone` is the part of it
 * that does not load the API in-process (tools/drills uses it from a build).
 */
export * from "./standalone";
export * from "./harness";
export * from "./browser";
export * from "./copy-file";
export * from "./otlp-receiver";
export * from "./authenticator";
