/** A servicing file that cannot be imported; nothing from it was written. */
export class ServicingImportError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
    super(`The servicing file was refused; nothing was imported:\n${shown.map((p) => `  - ${p}`).join("\n")}${more}`);
    this.name = "ServicingImportError";
  }
}
