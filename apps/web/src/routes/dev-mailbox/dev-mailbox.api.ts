export interface DevMailMessage {
  id: string;
  createdAt: string;
  kind: string;
  toAddress: string;
  subject: string;
  textBody: string;
}

/** GET /dev/mailbox/messages (JSON, development only); null when the API has no dev mailbox. */
export async function fetchDevMailbox(): Promise<DevMailMessage[] | null> {
  const response = await fetch("/dev/mailbox/messages", {
    headers: { accept: "application/json" },
    credentials: "same-origin",
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`dev mailbox answered ${response.status}`);
  const body = (await response.json()) as { messages: DevMailMessage[] };
  return body.messages;
}

/** Splits text into plain parts and http(s) links, so links render as anchors without raw HTML. */
export function splitLinks(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], href: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
