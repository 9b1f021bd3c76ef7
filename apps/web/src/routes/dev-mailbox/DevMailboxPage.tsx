import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "../../i18n";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { ErrorPage } from "../error/ErrorPage";
import { fetchDevMailbox, splitLinks, type DevMailMessage } from "./dev-mailbox.api";

/** Development only: the mail the portal "sent" while no SMTP server is configured. */
export default function DevMailboxPage() {
  const { t, i18n } = useTranslation();
  const [messages, setMessages] = useState<DevMailMessage[] | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    setFailed(false);
    fetchDevMailbox().then(setMessages, () => setFailed(true));
  }, []);
  useEffect(load, [load]);

  if (failed) return <ErrorPage onRetry={load} />;
  return (
    <div className="page page--wide">
      <div className="page-top">
        <div>
          <PageHeading title={t("mailbox.title")} />
          <p className="lead">{t("mailbox.intro")}</p>
        </div>
        <button type="button" className="button button--secondary" onClick={load}>
          {t("mailbox.refresh")}
        </button>
      </div>
      {messages === undefined ? (
        <Loading />
      ) : messages === null ? (
        <div className="card">
          <p>{t("mailbox.off")}</p>
        </div>
      ) : messages.length === 0 ? (
        <div className="card">
          <p>{t("mailbox.empty")}</p>
        </div>
      ) : (
        <ul className="mail-list">
          {messages.map((message) => (
            <li key={message.id} className="card mail">
              <h2 className="mail__subject">{message.subject}</h2>
              <p className="mail__meta muted">
                <span className="break">{t("mailbox.to", { to: message.toAddress })}</span> ·{" "}
                <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString(i18n.language)}</time>
              </p>
              <div className="mail__body">
                {splitLinks(message.textBody).map((part, i) =>
                  part.href ? (
                    <a key={i} href={part.href} className="break">
                      {part.text}
                    </a>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
