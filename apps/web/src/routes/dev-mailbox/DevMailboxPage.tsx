import { useEffect, useState } from "react";
import { useTranslation } from "../../i18n";
import { Loading } from "../../ui/Loading";
import { PageHeading } from "../../ui/PageHeading";
import { ErrorPage } from "../error/ErrorPage";
import NotFoundPage from "../not-found/NotFoundPage";
import { fetchDevMailbox, splitLinks, type DevMailMessage } from "./dev-mailbox.api";

/**
 * Development only: the mail the portal "sent" while no SMTP server is configured. Where the server
 * has no development mailbox (production, or SMTP configured) the page does not exist: Not found.
 */
export default function DevMailboxPage() {
  const { t, i18n } = useTranslation();
  const [messages, setMessages] = useState<DevMailMessage[] | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let current = true;
    fetchDevMailbox().then(
      (found) => current && setMessages(found),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [loads]);

  const load = () => {
    setFailed(false);
    setLoads((n) => n + 1);
  };

  if (failed) return <ErrorPage onRetry={load} />;
  if (messages === null) return <NotFoundPage />;
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
                <time dateTime={message.createdAt}>
                  {new Date(message.createdAt).toLocaleString(i18n.language)}
                </time>
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
