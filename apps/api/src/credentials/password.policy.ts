import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PASSWORD_LENGTH, type PasswordProblemCode } from "@portal/matching";

/**
 * NIST SP 800-63B / OWASP ASVS 5: length PASSWORD_LENGTH (12–128), no composition rules, and no password that is
 * common or easy to guess (zxcvbn-ts with bundled dictionaries, offline), including from the
 * person's own name and email.
 */
const MIN_SCORE = 3;

export type { PasswordProblemCode };
export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

let zxcvbn: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

/** Length counts Unicode code points, so an emoji is one character. */
export function checkPassword(password: string, personalInputs: string[]): PasswordProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min) {
    return [{ code: "TOO_SHORT", message: `Use at least ${PASSWORD_LENGTH.min} characters.` }];
  }
  if (length > PASSWORD_LENGTH.max) {
    return [{ code: "TOO_LONG", message: `Use at most ${PASSWORD_LENGTH.max} characters.` }];
  }
  // Whole values and their parts: the email, its local part and domain, and each word of them.
  const inputs = [
    ...new Set(
      personalInputs
        .map((v) => v.toLowerCase())
        .flatMap((v) => [v, ...v.split("@"), ...v.split(/[@.\s_+-]+/)])
        .filter((v) => v.length >= 3),
    ),
  ];
  const result = estimator().check(password, inputs);
  if (result.score >= MIN_SCORE) return [];
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return [
    {
      code: "TOO_GUESSABLE",
      message: `This password is too easy to guess.${hint ? ` ${hint}` : ""} A few unrelated words make a strong password.`,
    },
  ];
}
