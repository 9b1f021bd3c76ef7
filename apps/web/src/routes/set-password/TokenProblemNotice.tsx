import type { TokenProblem } from "@portal/matching";
import { Link } from "react-router";
import { graphql } from "../../gql";
import { useTranslation } from "../../i18n";
import { Notice } from "../../ui/Notice";

export type TokenCode = TokenProblem;

/** Why a link was refused, as this notice shows it (both set-password mutations select it). */
export const TokenRejectedAnswerFragment = graphql(`
  fragment TokenRejectedAnswer on TokenRejected {
    code
  }
`);

/** The emailed link cannot be used: why, and the way to a new one (or to sign in, when it was used). */
export function TokenProblemNotice({
  mode,
  code,
  hasToken,
  attempt,
}: {
  mode: "verify" | "reset";
  code: TokenCode;
  hasToken: boolean;
  attempt: number;
}) {
  const { t } = useTranslation();
  const newLink =
    mode === "verify"
      ? { to: "/resend", text: t("password.newVerifyLink") }
      : { to: "/forgot-password", text: t("password.newResetLink") };
  return (
    <Notice tone="warning" focus focusKey={attempt}>
      <p>{hasToken ? t(`password.token.${code}`) : t("password.missingToken")}</p>
      <p className="notice__actions">
        <Link className="button button--primary" to={newLink.to}>
          {newLink.text}
        </Link>
        {code === "USED" && <Link to="/sign-in">{t("signIn.title")}</Link>}
      </p>
    </Notice>
  );
}
