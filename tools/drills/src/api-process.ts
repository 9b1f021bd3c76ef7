import { type ChildProcess, spawn } from "node:child_process";
import type { Scope } from "./scope";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  atMs: number;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Lines written on stdout (pino JSON). */
  stdout: string[];
  stderr: string[];
  exited: Promise<Exit>;
  alive(): boolean;
}

/**
 * `node <main.js>` with `env` (plus PATH) as its whole environment, as an operator runs it; resolves
 * once it logs that it listens. Killed (SIGKILL) when `scope` closes if it is still running.
 */
export async function startApi(
  scope: Scope,
  mainJs: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let ended = false;
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = true;
      resolve({ code, signal, atMs: Date.now() });
    }),
  );
  scope.defer(`kill API process ${child.pid}`, async () => {
    if (!ended) child.kill("SIGKILL");
    await exited;
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    const output = () => [...stdout, ...stderr].slice(-20).join("\n");
    const timer = setTimeout(
      () => reject(new Error(`API process did not listen within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`API process exited (${code ?? signal}) before listening:\n${output()}`));
    });
    readLines(child.stdout, (line) => {
      stdout.push(line);
      if (line.includes('"customer portal listening"')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    readLines(child.stderr, (line) => stderr.push(line));
  });
  return { url: await url, child, stdout, stderr, exited, alive: () => !ended };
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  stream.on("end", () => {
    if (buffer) onLine(buffer);
  });
}

/** Parsed log lines whose `msg` matches. */
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

/** Log lines at error level or above (pino levels 50, 60), and anything on stderr. */
export function errorLines(api: ApiProcess): string[] {
  const errors = api.stdout.filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
  return [...errors, ...api.stderr];
}

export const describeExit = (exit: Exit) =>
  exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
