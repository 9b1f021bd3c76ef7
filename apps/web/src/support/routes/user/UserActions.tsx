import { SUPPORT_LIMITS } from "@portal/matching";
import { useState } from "react";
import type { MutationOutcome } from "../../../lib/useResultMutation";
import { useResultMutation } from "../../../lib/useResultMutation";
import type { Staff } from "../../app/RequireStaff";
import { ConfirmAction } from "../../components/ConfirmAction";
import { TextField } from "../../../ui/TextField";
import type { PortalUserQuery } from "../../gql/graphql";
import { t } from "../../i18n";
import type { ActionResult } from "./action-answer";
import {
  ClearEnrollmentThrottleMutation,
  DeactivatePortalUserMutation,
  ReactivatePortalUserMutation,
  ResendVerificationMutation,
} from "./user.graphql";

type User = NonNullable<PortalUserQuery["portalUser"]>;
type Done = (action: string) => (outcome: MutationOutcome<ActionResult>) => void;

/**
 * The account's actions, each behind a confirmation: SUPPORT's (resend the verification email,
 * clear enrollment limits) and ADMIN's (deactivate with a reason, reactivate), which a SUPPORT
 * member sees disabled. Only the actions that fit the account's status are offered.
 */
export function UserActions({ user, staff, done }: { user: User; staff: Staff; done: Done }) {
  const adminOnly = staff.role === "ADMIN" ? undefined : t("actions.adminOnly");
  const resend = useResultMutation(ResendVerificationMutation, (d) => d.resendVerification);
  const clear = useResultMutation(
    ClearEnrollmentThrottleMutation,
    (d) => d.clearEnrollmentThrottle,
  );
  const deactivate = useResultMutation(DeactivatePortalUserMutation, (d) => d.deactivatePortalUser);
  const reactivate = useResultMutation(ReactivatePortalUserMutation, (d) => d.reactivatePortalUser);
  const [limits, setLimits] = useState({ email: user.email, contractId: "" });
  const [reason, setReason] = useState("");

  return (
    <section className="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t("actions.heading")}</h2>
      <div className="action-list">
        {user.status === "PENDING" && (
          <ConfirmAction
            label={t("actions.resend.button")}
            about={t("actions.resend.about")}
            title={t("actions.resend.title")}
            text={<p>{t("actions.resend.text", { email: user.email })}</p>}
            confirmLabel={t("actions.resend.confirm")}
            onConfirm={() => resend.submit({ userId: user.id })}
            onDone={done(t("actions.resend.button"))}
          />
        )}
        <ConfirmAction
          label={t("actions.clear.button")}
          about={t("actions.clear.about")}
          title={t("actions.clear.title")}
          text={<p>{t("actions.clear.text")}</p>}
          confirmLabel={t("actions.clear.confirm")}
          validate={() =>
            limits.email.trim() === "" && limits.contractId.trim() === ""
              ? t("actions.clear.needOne")
              : null
          }
          fields={(problem) => (
            <>
              {problem && (
                <p className="field__error" role="alert">
                  {problem}
                </p>
              )}
              <TextField
                id="clear-email"
                label={t("actions.clear.email")}
                type="email"
                value={limits.email}
                spellCheck={false}
                autoCapitalize="none"
                onChange={(event) => setLimits({ ...limits, email: event.target.value })}
              />
              <TextField
                id="clear-contract"
                label={t("actions.clear.contractId")}
                value={limits.contractId}
                spellCheck={false}
                autoCapitalize="characters"
                onChange={(event) => setLimits({ ...limits, contractId: event.target.value })}
              />
            </>
          )}
          onConfirm={() =>
            clear.submit({
              input: {
                email: limits.email.trim() || null,
                contractId: limits.contractId.trim() || null,
              },
            })
          }
          onDone={done(t("actions.clear.button"))}
        />
        {user.status === "INACTIVE" ? (
          <ConfirmAction
            label={t("actions.reactivate.button")}
            about={t("actions.reactivate.about")}
            unavailable={adminOnly}
            title={t("actions.reactivate.title", { email: user.email })}
            text={<p>{t("actions.reactivate.text")}</p>}
            confirmLabel={t("actions.reactivate.confirm")}
            onConfirm={() => reactivate.submit({ userId: user.id })}
            onDone={done(t("actions.reactivate.button"))}
          />
        ) : (
          <ConfirmAction
            label={t("actions.deactivate.button")}
            about={t("actions.deactivate.about")}
            unavailable={adminOnly}
            danger
            title={t("actions.deactivate.title", { email: user.email })}
            text={<p>{t("actions.deactivate.text")}</p>}
            confirmLabel={t("actions.deactivate.confirm")}
            validate={() => (reason.trim() === "" ? t("actions.deactivate.reasonRequired") : null)}
            fields={(problem) => (
              <TextField
                id="deactivate-reason"
                label={t("actions.deactivate.reason")}
                hint={t("actions.deactivate.reasonHint", {
                  max: SUPPORT_LIMITS.deactivationReason,
                })}
                value={reason}
                maxLength={SUPPORT_LIMITS.deactivationReason}
                required
                error={problem ?? undefined}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
            onConfirm={() => deactivate.submit({ userId: user.id, reason: reason.trim() })}
            onDone={(outcome) => {
              setReason("");
              done(t("actions.deactivate.button"))(outcome);
            }}
          />
        )}
      </div>
    </section>
  );
}
