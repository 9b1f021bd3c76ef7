import { FIELD_MAX_LENGTH } from "@portal/matching";
import { useQuery } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { useFormValues } from "../../../lib/useFormValues";
import { ErrorSummary, type SummaryItem } from "../../../ui/ErrorSummary";
import { TextField } from "../../../ui/TextField";
import { LoadFailed } from "../../components/LoadFailed";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../i18n";
import { ExplainEligibilityQuery } from "./explain.graphql";
import { Explanation } from "./Explanation";

type FieldName = "email" | "contractId" | "billingPostalCode";
const FIELDS: FieldName[] = ["email", "contractId", "billingPostalCode"];

/**
 * The eligibility explainer: the three details a caller typed into Register Here, and selfEnroll's
 * rules on them, read-only. An attempt on the account page opens it with the address and contract.
 */
export default function ExplainPage() {
  const given = (useLocation().state ?? {}) as Partial<Record<FieldName, string>>;
  const form = useFormValues<FieldName>({
    email: given.email ?? "",
    contractId: given.contractId ?? "",
    billingPostalCode: "",
  });
  const [asked, setAsked] = useState<Record<FieldName, string> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [missing, setMissing] = useState<FieldName[]>([]);
  const result = useRef<HTMLDivElement>(null);
  const { data, loading, error, refetch } = useQuery(ExplainEligibilityQuery, {
    variables: { input: asked ?? { email: "", contractId: "", billingPostalCode: "" } },
    skip: asked === null,
    fetchPolicy: "network-only",
  });

  const answer = asked ? data?.explainEligibility : undefined;
  const explained = answer?.__typename === "EligibilityExplanation" ? answer : null;
  const invalid = answer?.__typename === "InputInvalid" ? answer : null;

  useEffect(() => {
    if (explained) result.current?.querySelector<HTMLElement>("#verdict-heading")?.focus();
  }, [explained]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = form.values;
    const blank = FIELDS.filter((field) => values[field].trim() === "");
    setMissing(blank);
    setAttempt((n) => n + 1);
    if (blank.length > 0) return;
    const next = {
      email: values.email.trim(),
      contractId: values.contractId.trim(),
      billingPostalCode: values.billingPostalCode.trim(),
    };
    if (asked && FIELDS.every((f) => asked[f] === next[f])) void refetch();
    else setAsked(next);
  }

  const errors: Partial<Record<FieldName, string>> = {};
  for (const field of missing)
    errors[field] = t("explain.required", { field: t(`explain.${field}`).toLowerCase() });
  for (const fieldError of invalid?.fieldErrors ?? [])
    if ((FIELDS as string[]).includes(fieldError.field))
      errors[fieldError.field as FieldName] ??= fieldError.message;
  const summary: SummaryItem[] = FIELDS.filter((f) => errors[f]).map((f) => ({
    fieldId: f,
    message: errors[f]!,
  }));

  const field = (name: FieldName, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      {...form.field(name)}
      id={name}
      label={t(`explain.${name}`)}
      maxLength={FIELD_MAX_LENGTH[name]}
      spellCheck={false}
      autoComplete="off"
      error={errors[name]}
      {...extra}
    />
  );

  return (
    <div className="page page--console">
      <PageHeading title={t("explain.title")} />
      <p className="lead">{t("explain.intro")}</p>
      <form noValidate className="card explain-form" onSubmit={onSubmit}>
        {/* Focused after each submit, and again when the server's format problems arrive. */}
        <ErrorSummary items={summary} attempt={attempt * 2 + (invalid ? 1 : 0)} />
        <div className="explain-form__fields">
          {field("email", { type: "email", autoCapitalize: "none" })}
          {field("contractId", { autoCapitalize: "characters" })}
          {field("billingPostalCode", { autoCapitalize: "characters" })}
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? t("explain.submitting") : t("explain.submit")}
          </button>
        </div>
      </form>
      <div ref={result}>
        {asked && loading && !data && <Loading />}
        {asked && error && !data && <LoadFailed onRetry={() => void refetch()} />}
        {explained && <Explanation explanation={explained} />}
      </div>
    </div>
  );
}
