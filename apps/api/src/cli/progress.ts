import { SingleBar } from "cli-progress";

export interface ProgressBar {
  update(done: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

const quiet: ProgressBar = { update: () => {}, stop: () => {} };

/**
 * A progress bar with rate and ETA on a terminal (stderr), nothing when output is redirected:
 * logs and CI output keep only the summary.
 */
export function progressBar(label: string, total: number, unit: string, extra = ""): ProgressBar {
  if (!process.stderr.isTTY || total <= 0) return quiet;
  const bar = new SingleBar({
    format: `${label} |{bar}| {percentage}% | {rate} ${unit}/s | ETA {eta_formatted}${extra}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
    stream: process.stderr,
  });
  const started = Date.now();
  bar.start(total, 0, { rate: "0" });
  return {
    update(done, payload = {}) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(Math.min(done, total), {
        rate: seconds > 0 ? formatCount(done / seconds) : "0",
        ...payload,
      });
    },
    stop() {
      bar.stop();
    },
  };
}

export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(2)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(0)}k`;
  return `${Math.round(n)}`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1 << 30
    ? `${(bytes / (1 << 30)).toFixed(2)} GiB`
    : `${(bytes / (1 << 20)).toFixed(0)} MiB`;
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
