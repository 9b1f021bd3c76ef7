import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

/** The built API's first lines on stdout, with LOG_FORMAT as given (stdout is a pipe here, as in a container). */
async function firstLines(env: Record<string, string>): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-logs-"));
  const child = spawn(process.execPath, [path.join(__dirname, "..", "dist", "main.js")], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_DIST_DIR: "/nonexistent",
      DATA_DIR: dataDir,
      DEMO_DATA: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "listening" line within 30 s:\n${out}`)),
        30_000,
      );
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        if (out.includes("customer portal listening")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out.split("\n").filter((line) => line.trim() !== "");
}

test("logs are one JSON object a line unless LOG_FORMAT says otherwise (stdout is not a terminal)", async () => {
  const lines = await firstLines({});
  for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(
    "customer portal listening",
  );
});

test("LOG_FORMAT=pretty gives a person readable lines: time, level, message", async () => {
  const lines = await firstLines({ LOG_FORMAT: "pretty" });
  const listening = lines.find((line) => line.includes("customer portal listening"))!;
  expect(() => JSON.parse(listening) as unknown).toThrow();
  // The level is coloured (ANSI escapes), on a terminal as through this pipe.
  expect(stripVTControlCharacters(listening)).toMatch(
    /^\[\d{2}:\d{2}:\d{2}\] INFO: customer portal listening/,
  );
});
