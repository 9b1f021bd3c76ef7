import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ServicingImportError } from "./servicing-import.errors";
import { jsonFileSource } from "./servicing-json.source";
import type { SourceItem } from "./servicing-source";

const dir = mkdtempSync(path.join(os.tmpdir(), "json-source-"));
let n = 0;

async function read(text: string): Promise<SourceItem[]> {
  const file = path.join(dir, `f${n++}.json`);
  writeFileSync(file, text);
  const items: SourceItem[] = [];
  for await (const item of jsonFileSource(file).items()) items.push(item);
  return items;
}

async function refusal(text: string): Promise<string[]> {
  const error = await read(text).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServicingImportError);
  return (error as ServicingImportError).problems;
}

test("yields each section's records in order, with their position in the array", async () => {
  const items =
    await read(`{"contracts": [{"contractId": "K-1", "billingAddress": {"postalCode": "12345"}}],
    "customers": [{"customerId": 1001, "name": "A"}, {"customerId": "C2", "name": "B", "tags": [1, [2]]}]}`);
  expect(items).toEqual([
    {
      entity: "contracts",
      pos: 0,
      raw: { contractId: "K-1", billingAddress: { postalCode: "12345" } },
    },
    { entity: "customers", pos: 0, raw: { customerId: 1001, name: "A" } },
    { entity: "customers", pos: 1, raw: { customerId: "C2", name: "B", tags: [1, [2]] } },
  ]);
});

test("skips unknown top-level keys whatever they hold, and treats a null section as empty", async () => {
  const items =
    await read(`{"meta": {"customers": [{"customerId": "X"}]}, "extra": [1, 2], "contacts": null,
    "customers": [{"customerId": "C1", "name": "A"}]}`);
  expect(items).toEqual([{ entity: "customers", pos: 0, raw: { customerId: "C1", name: "A" } }]);
});

test("a section that is not an array is a problem, and reading goes on", async () => {
  const items = await read(
    `{"customers": {"C1": {"name": "A"}}, "locations": "none", "contacts": [{"contactId": "K"}]}`,
  );
  expect(items).toEqual([
    { problem: "customers: must be an array" },
    { problem: "locations: must be an array" },
    { entity: "contacts", pos: 0, raw: { contactId: "K" } },
  ]);
});

test("a record that is not an object is passed on for validation to refuse", async () => {
  expect(await read(`{"customers": ["C1", 5]}`)).toEqual([
    { entity: "customers", pos: 0, raw: "C1" },
    { entity: "customers", pos: 1, raw: 5 },
  ]);
});

test.each([
  ["an array", "[]"],
  ["a string", '"x"'],
  ["null", "null"],
])("refuses a file that is %s", async (_label, text) => {
  expect((await refusal(text))[0]).toMatch(/JSON object/);
});

test("refuses text that is not JSON, naming the file", async () => {
  expect((await refusal(`{"customers": [{"customerId": "C1",}]}`))[0]).toMatch(
    /^f\d+\.json: not valid JSON: /,
  );
});

test("a delta's removed lists yield each id with its list and position, after records and between them", async () => {
  const items = await read(`{"customers": [{"customerId": "C1", "name": "A"}],
    "removed": {"contacts": ["K-1", 7], "contracts": null, "customers": [{"id": "X"}]},
    "contracts": [{"contractId": "K"}]}`);
  expect(items).toEqual([
    { entity: "customers", pos: 0, raw: { customerId: "C1", name: "A" } },
    { removed: "contacts", pos: 0, raw: "K-1" },
    { removed: "contacts", pos: 1, raw: 7 },
    { removed: "customers", pos: 0, raw: { id: "X" } },
    { entity: "contracts", pos: 0, raw: { contractId: "K" } },
  ]);
});

test("a removed section that is not an object of id arrays is a problem naming the field", async () => {
  const items = await read(`{"removed": {"contacts": "K-1", "people": ["P"], "locations": ["L"]}}`);
  expect(items).toEqual([
    { problem: "removed.contacts: must be an array of ids" },
    {
      problem:
        "removed.people: unknown list (removed holds customers, contacts, locations, contracts)",
    },
    { removed: "locations", pos: 0, raw: "L" },
  ]);
  expect(await read(`{"removed": ["K-1"]}`)).toEqual([
    {
      problem:
        "removed: must be an object of id arrays named customers, contacts, locations, contracts",
    },
  ]);
});
