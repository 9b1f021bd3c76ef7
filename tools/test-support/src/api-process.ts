import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** The built API, as `pnpm start` runs it (apps/api/dist: the api-integration project builds it when stale). */
const MAIN = path.join(__dirname, "..", "..", "..", "apps", "api", "dist", "main.js");

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process wrote (pino JSON on stdout, anything on stderr). */
  lines: string[];
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  alive(): boolean;
  /** Ends it hard if it is still running (clean-up after a failed test). */
  kill(): Promise<void>;
}

/**
 * The built API (apps/api/dist/main.js, as `pnpm start` runs it) as a child process, with `env` as its
 * whole configuration besides PATH. Resolves once it logs that it listens.
 */
export async function startApiProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_DIST_DIR: "/nonexistent",
      // Development's default (9464) would be taken by the first of several processes.
      METRICS_PORT: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>(
    (resolve) =>
      child.once("exit", (code, signal) => {
        ended = true;
        resolve({ code, signal, atMs: Date.now() });
      }),
  );
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`API process did not listen within ${timeoutMs} ms:\n${lines.join("\n")}`),
        ),
      timeoutMs,
    );
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`API process exited (${code}) before listening:\n${lines.join("\n")}`));
    });
    const read = (stream: NodeJS.ReadableStream) => {
      let buffer = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          lines.push(line);
          if (line.includes('"customer portal listening"')) {
            clearTimeout(timer);
            resolve((JSON.parse(line) as { url: string }).url);
          }
        }
      });
    };
    read(child.stdout);
    read(child.stderr);
  });
  return {
    url: await url,
    child,
    lines,
    exited,
    alive: () => !ended,
    async kill() {
      if (!ended) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The log lines (parsed) whose `msg` matches. */
export function logged(lines: string[], msg: RegExp): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return typeof entry.msg === "string" && msg.test(entry.msg) ? [entry] : [];
    } catch {
      return [];
    }
  });
}
