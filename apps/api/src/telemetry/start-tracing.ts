import { startTracing } from "./tracing";

// main.ts imports this file first (CommonJS: import order is require order), so that when tracing is
// on the instrumentations are in place before anything requires http, express, graphql or pg.
startTracing(process.env);
