/**
 * The part of test-support that never loads the API in this process: it runs the built API as a
 * process and stands in for what it talks to (SMTP, a stalling link, Redis checks), with the
 * servicing fixture as data. Built to dist/ (`@portal/test-support/standalone`) for tools that run
 * from a build, like tools/drills; `.dependency-cruiser.cjs` keeps it from reaching apps/.
 */
export * from "./api-process";
export * from "./free-port";
export * from "./load";
export * from "./partial-enrollments";
export * from "./redis";
export * from "./smtp-capture";
export * from "./tcp-proxy";
export * from "./wait";
export { eligible, servicingFixture } from "./fixtures/servicing";
export { STRONG_PASSWORD, loadPerson, servicingFixtureWithPeople } from "./fixtures/people";
