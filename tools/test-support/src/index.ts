/**
 * What the API's integration tests and the web app's browser tests share: the real server on a fresh
 * database, the built API as a process, a GraphQL client with a cookie, a real SMTP capture, a
 * stalling TCP proxy, an OTLP trace receiver, the servicing fixture.
 */
export * from "./harness";
export * from "./browser";
export * from "./copy-file";
export * from "./smtp-capture";
export * from "./tcp-proxy";
export * from "./wait";
export * from "./api-process";
export * from "./otlp-receiver";
export * from "./authenticator";
export * from "./free-port";
export { servicingFixture } from "./fixtures/servicing";
