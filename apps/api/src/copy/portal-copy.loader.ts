import { readFileSync } from "node:fs";
import { ConfigError } from "../config/config-error";
import { type PortalCopyFile, portalCopySchema } from "./portal-copy.schema";

/** Reads and validates the operator copy file once, at start-up; a bad file stops the process. */
export function loadPortalCopy(file: string): PortalCopyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError([`PORTAL_COPY_FILE: cannot read ${file}: ${(error as Error).message}`]);
  }
  const parsed = portalCopySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) =>
          `PORTAL_COPY_FILE ${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}
