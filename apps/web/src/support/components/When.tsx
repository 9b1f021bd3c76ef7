const format = new Intl.DateTimeFormat("en-CA", { dateStyle: "medium", timeStyle: "short" });

/** A moment from the API (ISO 8601), readable, with the exact value in `dateTime`. */
export function When({
  at,
  otherwise = "—",
}: {
  at: string | null | undefined;
  otherwise?: string;
}) {
  if (!at) return <>{otherwise}</>;
  return <time dateTime={at}>{format.format(new Date(at))}</time>;
}
