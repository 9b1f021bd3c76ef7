import { STORED_LENGTH, SUPPORT_LIMITS } from "@portal/matching";
import { useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { Notice } from "../../../ui/Notice";
import { badInputMessage } from "../../app/errors";
import { ErrorSummary } from "../../../ui/ErrorSummary";
import { TextField } from "../../../ui/TextField";
import { LoadFailed } from "../../components/LoadFailed";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../i18n";
import { PortalUsersQuery } from "./search.graphql";
import { UsersTable } from "./UsersTable";

/**
 * One box: an email (or its start), a name, a customer id or a contract id. The search is kept in
 * the history entry's state, not the URL, so the back button returns to the results while personal
 * data stays out of addresses and server logs.
 */
export default function SearchPage() {
  const navigate = useNavigate();
  const search = (useLocation().state as { search?: string } | null)?.search ?? "";
  const [typed, setTyped] = useState(search);
  const [attempt, setAttempt] = useState(0);
  const [blank, setBlank] = useState(false);
  const { data, loading, error, refetch } = useQuery(PortalUsersQuery, {
    variables: { search },
    skip: search === "",
    fetchPolicy: "network-only",
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = typed.trim();
    setBlank(next === "");
    setAttempt((n) => n + 1);
    if (next === "") return;
    if (next === search) void refetch();
    else void navigate("/search", { state: { search: next } });
  }

  const badInput = badInputMessage(error);
  const problem = blank ? t("search.required") : badInput;
  const users = search && data ? data.portalUsers : null;

  return (
    <div className="page page--console">
      <PageHeading title={t("search.title")} />
      <form noValidate role="search" className="search-form" onSubmit={onSubmit}>
        <ErrorSummary
          items={problem ? [{ fieldId: "search", message: problem }] : []}
          attempt={attempt}
        />
        <TextField
          id="search"
          name="search"
          type="search"
          label={t("search.label")}
          hint={t("search.hint")}
          value={typed}
          maxLength={STORED_LENGTH.email}
          spellCheck={false}
          autoCapitalize="none"
          onChange={(event) => setTyped(event.target.value)}
          error={problem ?? undefined}
          after={
            <button type="submit" className="button button--primary">
              {t("search.submit")}
            </button>
          }
        />
      </form>
      {search && loading && <Loading />}
      {search && error && !badInput && <LoadFailed onRetry={() => void refetch()} />}
      {users && (
        <section aria-live="polite" className="results">
          <p className="results__count">
            {users.length === 0
              ? t("search.none", { search })
              : t("search.results", { count: users.length, search })}
          </p>
          {users.length >= SUPPORT_LIMITS.searchResults && (
            <Notice tone="info">
              <p>{t("search.capped")}</p>
            </Notice>
          )}
          {users.length > 0 && <UsersTable users={users} search={search} />}
        </section>
      )}
    </div>
  );
}
