/** A servicing file that cannot be imported; nothing from it was written. */
export class ServicingImportError extends Error {
  /**
   * @param problems the problems listed (a huge file may have more than are kept)
   * @param total how many problems were found in all
   */
  constructor(
    readonly problems: string[],
    readonly total = problems.length,
  ) {
    const shown = problems.slice(0, 20);
    const more = total > shown.length ? `\n  … and ${total - shown.length} more` : "";
    super(
      `The servicing file was refused; nothing was imported:\n${shown.map((p) => `  - ${p}`).join("\n")}${more}`,
    );
    this.name = "ServicingImportError";
  }
}
