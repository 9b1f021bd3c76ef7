import type { ImportOptions } from "../servicing/servicing-import.service";
import { exitWithUsage } from "./args";

/** The options `servicing:import` and `servicing:watch` share, for parseCliArgs. */
export const SYNC_OPTIONS = {
  snapshot: { type: "boolean", default: false },
  "max-removal-percent": { type: "string" },
} as const;

/**
 * `--snapshot` and `--max-removal-percent N` as import options: a bad percentage, or one without
 * `--snapshot`, prints the problem and the usage and exits 2.
 */
export function syncImportOptions(
  usage: string,
  values: { snapshot?: boolean; "max-removal-percent"?: string },
): Pick<ImportOptions, "mode" | "maxRemovalPercent"> {
  const raw = values["max-removal-percent"];
  const maxRemovalPercent = raw === undefined ? undefined : Number(raw);
  if (maxRemovalPercent !== undefined && !(maxRemovalPercent >= 0 && maxRemovalPercent <= 100))
    exitWithUsage(usage, `--max-removal-percent: a number from 0 to 100, not ${raw}`);
  if (maxRemovalPercent !== undefined && !values.snapshot)
    exitWithUsage(
      usage,
      "--max-removal-percent: only a snapshot (--snapshot) removes what it lacks",
    );
  return { mode: values.snapshot ? "snapshot" : "delta", maxRemovalPercent };
}
