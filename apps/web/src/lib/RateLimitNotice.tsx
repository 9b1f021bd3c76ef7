import { useTranslation } from "../i18n";
import { Notice } from "../ui/Notice";
import { waitParts } from "./rate-limit";

/** Says how long to wait and until when (`until`, fixed when the answer came), in the reader's language. */
export function RateLimitNotice({
  retryAfterSeconds,
  until,
  focusKey,
}: {
  retryAfterSeconds: number | null;
  until: Date | null;
  focusKey: unknown;
}) {
  const { t, i18n } = useTranslation();
  let text: string;
  if (retryAfterSeconds === null || until === null) {
    text = t("errors.rateLimitedNoTime");
  } else {
    const { unit, count } = waitParts(retryAfterSeconds);
    const wait = t(`duration.${unit}`, { count });
    const time = until.toLocaleTimeString(i18n.language, {
      hour: "numeric",
      minute: "2-digit",
    });
    text = t("errors.rateLimited", { wait, time });
  }
  return (
    <Notice tone="warning" focus focusKey={focusKey}>
      <p>{text}</p>
    </Notice>
  );
}
