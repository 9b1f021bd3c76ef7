import type {
  ContactRecord,
  ContractRecord,
  CustomerRecord,
  LocationRecord,
} from "@portal/api/servicing/servicing-file.schema";

/**
 * A realistic servicing export, generated deterministically: customer `i` of seed `s` is always the
 * same records whatever the total, so a 1M file starts with the 100k file, and a benchmark can
 * regenerate any customer by index to build requests that it knows the answer to.
 */
export interface GeneratedCustomer {
  customer: CustomerRecord;
  contacts: ContactRecord[];
  locations: LocationRecord[];
  contracts: ContractRecord[];
}

/** mulberry32 seeded through a murmur3 finaliser of (seed, index): independent streams per customer. */
function rngFor(seed: number, index: number): () => number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const digits = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng() * 10)).join("");
/** Index drawn by cumulative weights (percentages adding up to 100). */
function weighted(rng: Rng, weights: readonly number[]): number {
  let roll = rng() * 100;
  for (let i = 0; i < weights.length; i++) {
    roll -= weights[i]!;
    if (roll < 0) return i;
  }
  return weights.length - 1;
}

const NAME_FIRST = [
  "Northwind",
  "Maple",
  "Riverside",
  "Summit",
  "Harbor",
  "Prairie",
  "Granite",
  "Cedar",
  "Bluewater",
  "Ironwood",
  "Lakeshore",
  "Pioneer",
  "Redrock",
  "Silverline",
  "Thames",
  "Evergreen",
  "Atlas",
  "Beacon",
  "Copper",
  "Frontier",
];
const NAME_SECOND = [
  "Logistics",
  "Dental",
  "Farms",
  "Construction",
  "Print",
  "Medical",
  "Transport",
  "Landscaping",
  "Bakery",
  "Manufacturing",
  "Imaging",
  "Fitness",
  "Catering",
  "Machining",
  "Veterinary",
  "Excavation",
];
const NAME_SUFFIX = ["LLC", "Inc.", "Ltd", "Co.", "Corp.", "Group", "& Sons", "Partners"];
const PEOPLE_FIRST = [
  "Dana",
  "Luis",
  "Amélie",
  "Priya",
  "John",
  "Mei",
  "Olu",
  "Sarah",
  "Tomás",
  "Grace",
  "Noah",
  "Fatima",
  "Liam",
  "Chloé",
  "Ken",
  "Ava",
];
const PEOPLE_LAST = [
  "Whitfield",
  "Ortega",
  "Tremblay",
  "Patel",
  "Smith",
  "Chen",
  "Adeyemi",
  "Nguyen",
  "García",
  "Kowalski",
  "O'Brien",
  "Dubois",
  "Murphy",
  "Rossi",
  "Tanaka",
  "Levesque",
];
const STREETS = [
  "Harbor Blvd",
  "Main St",
  "Oak Ave",
  "King St W",
  "Rue Sainte-Catherine",
  "High Street",
  "Elm Rd",
  "Industrial Pkwy",
  "Queen St E",
  "Market St",
];
const STATUSES = ["BOOKED", "Booked", "TERMINATED", "PAID_OFF", "PENDING", "CANCELLED"] as const;
const STATUS_WEIGHTS = [70, 3, 10, 8, 5, 4];
const SEPARATORS = ["; ", ",", ";", " , ", ", "];
const US = {
  cities: [
    ["Oakland", "CA"],
    ["Des Moines", "IA"],
    ["Portland", "OR"],
    ["Austin", "TX"],
    ["Columbus", "OH"],
    ["Tampa", "FL"],
  ],
  countries: ["US", "USA", "United States", "us", "U.S.A."],
} as const;
const CA = {
  cities: [
    ["Toronto", "ON"],
    ["Montréal", "QC"],
    ["Vancouver", "BC"],
    ["Calgary", "AB"],
    ["Halifax", "NS"],
  ],
  countries: ["CA", "Canada", "CAN", "canada"],
} as const;
const OTHER = [
  {
    city: "Reading",
    region: "Berkshire",
    countries: ["GB", "United Kingdom"],
    postal: (r: Rng) =>
      `RG${1 + Math.floor(r() * 9)} ${digits(r, 1)}${pick(r, ["AA", "BT", "QX"])}`,
  },
  {
    city: "Berlin",
    region: "BE",
    countries: ["DE", "Germany"],
    postal: (r: Rng) => `1${digits(r, 4)}`,
  },
  {
    city: "Monterrey",
    region: "NL",
    countries: ["MX", "Mexico"],
    postal: (r: Rng) => `6${digits(r, 4)}`,
  },
  {
    city: "Sydney",
    region: "NSW",
    countries: ["AU", "Australia"],
    postal: (r: Rng) => `2${digits(r, 3)}`,
  },
];
const LETTERS = "ABCEGHJKLMNPRSTVXY";

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "");
/** Emails as servicing staff type them: sometimes capitalised or padded. */
const typed = (rng: Rng, address: string) => {
  const roll = rng();
  if (roll < 0.08) return address.toUpperCase();
  if (roll < 0.15) return ` ${address[0]!.toUpperCase()}${address.slice(1)} `;
  return address;
};
const emailList = (rng: Rng, addresses: string[]) => {
  let out = typed(rng, addresses[0]!);
  for (const address of addresses.slice(1)) out += pick(rng, SEPARATORS) + typed(rng, address);
  return out;
};

function billingAddress(rng: Rng, kind: number): ContractRecord["billingAddress"] {
  if (rng() < 0.03) return null;
  const line1 = `${1 + Math.floor(rng() * 9900)} ${pick(rng, STREETS)}`;
  let city: string, region: string, postalCode: string | null, country: string;
  if (kind === 0) {
    [city, region] = pick(rng, US.cities);
    postalCode = rng() < 0.7 ? digits(rng, 5) : `${digits(rng, 5)}-${digits(rng, 4)}`;
    country = pick(rng, US.countries);
  } else if (kind === 1) {
    [city, region] = pick(rng, CA.cities);
    const l = () => LETTERS[Math.floor(rng() * LETTERS.length)]!;
    const code = `${l()}${digits(rng, 1)}${l()}${rng() < 0.7 ? " " : ""}${digits(rng, 1)}${l()}${digits(rng, 1)}`;
    postalCode = rng() < 0.2 ? code.toLowerCase() : code;
    country = pick(rng, CA.countries);
  } else {
    const place = pick(rng, OTHER);
    city = place.city;
    region = place.region;
    postalCode = place.postal(rng);
    country = pick(rng, place.countries);
  }
  if (rng() < 0.02) postalCode = null;
  return { line1, city, region, postalCode, country };
}

export function generateCustomer(seed: number, index: number): GeneratedCustomer {
  const rng = rngFor(seed, index);
  const customerId = `CUST-${String(index + 1).padStart(7, "0")}`;
  const words = [pick(rng, NAME_FIRST), pick(rng, NAME_SECOND)];
  const name = `${words.join(" ")} ${pick(rng, NAME_SUFFIX)}`;
  const domain = `${slug(words.join("-"))}-${index + 1}.example`;
  const countryKind = weighted(rng, [75, 15, 10]);

  const ownAddresses = pick(rng, [
    ["ap"],
    ["billing"],
    ["accounts"],
    ["ap", "billing"],
    ["office", "fleet", "ap"],
    ["owner"],
  ]).map((local) => `${local}@${domain}`);
  // Groups of three neighbouring customers share an accountant's address: one email, several customers.
  if (index % 100 < 3)
    ownAddresses.push(`office@bookkeeper-${Math.floor(index / 100) + 1}.example`);
  const emailRoll = rng();
  const email = emailRoll < 0.12 ? null : emailRoll < 0.15 ? "" : emailList(rng, ownAddresses);

  const contacts: ContactRecord[] = [];
  const contactCount = weighted(rng, [50, 35, 12, 3]);
  for (let k = 0; k < contactCount; k++) {
    const firstName = pick(rng, PEOPLE_FIRST);
    const lastName = pick(rng, PEOPLE_LAST);
    const personal = `${slug(firstName)}.${slug(lastName)}${k > 0 ? k + 1 : ""}@${domain}`;
    const roll = rng();
    const contactEmail =
      roll < 0.1
        ? null
        : roll < 0.15
          ? emailList(rng, [personal, `${slug(firstName)}${index + 1}@mail.example`])
          : typed(rng, personal);
    contacts.push({
      contactId: `CON-${index * 4 + k + 1}`,
      customerId,
      firstName: rng() < 0.05 ? null : firstName,
      lastName,
      email: contactEmail,
    });
  }

  const locations: LocationRecord[] = [];
  const locationCount = weighted(rng, [75, 20, 5]);
  for (let k = 0; k < locationCount; k++) {
    const local =
      countryKind === 1 && rng() < 0.5 ? "factures" : k === 0 ? "payables" : `payables-${k + 1}`;
    const roll = rng();
    const locationEmail =
      roll < 0.2
        ? null
        : roll < 0.4
          ? emailList(rng, [`${local}@${domain}`, `invoices@${domain}`])
          : `${local}@${domain}`;
    locations.push({ locationId: `LOC-${index * 3 + k + 1}`, customerId, email: locationEmail });
  }

  const contracts: ContractRecord[] = [];
  const contractCount = 1 + weighted(rng, [60, 20, 10, 6, 4]);
  for (let k = 0; k < contractCount; k++) {
    const number = String(1_000_000 + index * 5 + k);
    contracts.push({
      contractId: rng() < 0.02 ? `lse-${number}` : `LSE-${number}`,
      customerId,
      status: STATUSES[weighted(rng, STATUS_WEIGHTS)]!,
      billToLocationId:
        locations.length > 0 && rng() < 0.5 ? pick(rng, locations).locationId : null,
      billingAddress: billingAddress(rng, countryKind),
    });
  }
  return { customer: { customerId, name, email }, contacts, locations, contracts };
}

export interface GeneratedCounts {
  customers: number;
  contacts: number;
  locations: number;
  contracts: number;
}

export function* generateCustomers(
  seed: number,
  count: number,
  from = 0,
): Generator<GeneratedCustomer> {
  for (let i = from; i < count; i++) yield generateCustomer(seed, i);
}
