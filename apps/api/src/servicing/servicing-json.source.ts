import { createReadStream, statSync, type ReadStream } from "node:fs";
import path from "node:path";
import type AssemblerClass from "stream-json/assembler.js";
import type { Token } from "stream-json/parser.js";
import { ENTITIES, type EntityKey } from "./servicing-file.schema";
import { ServicingImportError } from "./servicing-import.errors";
import { type RecordSource, type SourceItem, shownId } from "./servicing-source";

const SECTIONS = new Set<string>(ENTITIES.map((e) => e.key));
const NOT_AN_OBJECT =
  "the file must hold a JSON object with arrays customers, contacts, locations, contracts";
const NOT_A_REMOVED_OBJECT =
  "must be an object of id arrays named customers, contacts, locations, contracts";

type Assembler = AssemblerClass;

/**
 * Reads `{"customers": [...], "contacts": [...], ...}` token by token (stream-json's tokenizer,
 * called synchronously on each chunk) and assembles one record at a time: memory holds a chunk of
 * text and one record, whatever the size of the file. Unknown top-level keys are skipped.
 */
export function jsonFileSource(file: string): RecordSource {
  let stream: ReadStream | null = null;
  let total = 0;
  return {
    label: path.basename(file),
    describe: (entity, pos, id) => `${entity}[${pos}]${shownId(entity, id)}`,
    describeRemoval: (entity, pos) => `removed.${entity}[${pos}]`,
    fieldName: (_entity, p) => p.map(String).join("."),
    progress: () => ({ done: stream?.bytesRead ?? 0, total }),
    async *items(): AsyncGenerator<SourceItem> {
      const { jsonParser } = await import("stream-json/parser.js");
      const { default: AssemblerConstructor } = await import("stream-json/assembler.js");
      const { none } = await import("stream-chain/defs.js");
      try {
        total = statSync(file).size;
        stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
      } catch (error) {
        throw new ServicingImportError([`${file}: ${(error as Error).message}`]);
      }
      const tokenize = jsonParser({ packValues: true, streamValues: false });
      const walker = new ExportWalker(() => new AssemblerConstructor());
      try {
        for await (const chunk of stream as AsyncIterable<string>) {
          const out = tokenize(chunk);
          if (out !== none) yield* walker.feed((out as { values: Token[] }).values);
        }
        const rest = tokenize(none as unknown as string);
        if (rest !== none) yield* walker.feed((rest as { values: Token[] }).values);
      } catch (error) {
        if (error instanceof ServicingImportError) throw error;
        throw new ServicingImportError([
          `${path.basename(file)}: not valid JSON: ${(error as Error).message}`,
        ]);
      } finally {
        stream.destroy();
      }
      if (!walker.sawRoot) throw new ServicingImportError([NOT_AN_OBJECT]);
    },
  };
}

/** Follows the export's shape over the token stream and yields each section's elements. */
class ExportWalker {
  sawRoot = false;
  /** 0 before the root, 1 in the root object, 2 in a section or the removed object, 3 in a removed list. */
  private depth = 0;
  private key: string | null = null;
  private section: EntityKey | null = null;
  /** Inside `"removed": { … }`, and in which of its lists. */
  private inRemoved = false;
  private removedList: EntityKey | null = null;
  private pos = 0;
  /** A value being assembled (a section element) or skipped (assembler null), with its nesting. */
  private value: { assembler: Assembler | null; nesting: number } | null = null;

  constructor(private readonly newAssembler: () => Assembler) {}

  *feed(tokens: Token[]): Generator<SourceItem> {
    for (const token of tokens) {
      if (this.value) {
        if (this.step(token)) yield* this.finish();
        continue;
      }
      const name = token.name;
      if (name === "keyValue") {
        this.key = token.value;
      } else if (name === "endArray") {
        if (this.removedList) {
          this.removedList = null;
          this.depth = 2;
        } else {
          this.depth = 1;
          this.section = null;
        }
      } else if (name === "endObject") {
        if (this.inRemoved) {
          this.inRemoved = false;
          this.depth = 1;
        } else this.depth = 0;
      } else if (this.depth === 0) {
        if (name !== "startObject" || this.sawRoot) throw new ServicingImportError([NOT_AN_OBJECT]);
        this.sawRoot = true;
        this.depth = 1;
      } else if (this.depth === 1) {
        if (this.key === "removed") {
          if (name === "startObject") {
            this.inRemoved = true;
            this.depth = 2;
            continue;
          }
          if (name !== "nullValue") yield { problem: `removed: ${NOT_A_REMOVED_OBJECT}` };
          this.skip(token);
          continue;
        }
        const known = this.key !== null && SECTIONS.has(this.key);
        if (known && name === "startArray") {
          this.section = this.key as EntityKey;
          this.pos = 0;
          this.depth = 2;
          continue;
        }
        // A missing or null section is empty; anything else under a section key is refused.
        if (known && name !== "nullValue") yield { problem: `${this.key}: must be an array` };
        this.skip(token);
      } else if (this.depth === 2 && this.inRemoved) {
        const known = this.key !== null && SECTIONS.has(this.key);
        if (known && name === "startArray") {
          this.removedList = this.key as EntityKey;
          this.pos = 0;
          this.depth = 3;
          continue;
        }
        if (!known)
          yield {
            problem: `removed.${this.key}: unknown list (removed holds customers, contacts, locations, contracts)`,
          };
        else if (name !== "nullValue")
          yield { problem: `removed.${this.key}: must be an array of ids` };
        this.skip(token);
      } else {
        this.value = { assembler: this.newAssembler(), nesting: 0 };
        if (this.step(token)) yield* this.finish();
      }
    }
  }

  /** Skips the value that starts with `token`. */
  private skip(token: Token) {
    this.value = { assembler: null, nesting: 0 };
    if (this.step(token)) this.value = null;
  }

  /** Feeds one token of the current value; true when the value is complete. */
  private step(token: Token): boolean {
    const value = this.value!;
    if (token.name === "startObject" || token.name === "startArray") value.nesting++;
    else if (token.name === "endObject" || token.name === "endArray") value.nesting--;
    value.assembler?.consume(token);
    return value.nesting === 0;
  }

  private *finish(): Generator<SourceItem> {
    const assembler = this.value!.assembler;
    this.value = null;
    if (!assembler) return;
    if (this.removedList)
      yield { removed: this.removedList, raw: assembler.current, pos: this.pos++ };
    else yield { entity: this.section!, raw: assembler.current, pos: this.pos++ };
  }
}
