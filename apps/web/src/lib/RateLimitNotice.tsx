import { useTranslation } from "../i18n";
import { Notice } from "../components/Notice";
import { waitParts } from "./rate-limit";

/** Says how long to wait and until when, in the reader's language. */
export function RateLimitNotice({ retryAfterSeconds, focusKey }: { retryAfterSeconds: number | null; focusKey: unknown }) {
  const { t, i18n } = useTranslation();
  let text: string;
  if (retryAfterSeconds === null) {
    text = t("errors.rateLimitedNoTime");
  } else {
    const { unit, count } = waitParts(retryAfterSeconds);
    const wait = t(`duration.${unit}`, { count });
    const time = new Date(Date.now() + retryAfterSeconds * 1000).toLocaleTimeString(i18n.language, {
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
