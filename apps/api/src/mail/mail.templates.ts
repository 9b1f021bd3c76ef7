import escapeHtml from "escape-html";
import { LIMITS, NAME_IN_MAIL, isPersonName } from "@portal/matching";
import type { Config } from "../config/config";

export interface ComposedMail {
  kind:
    | "VERIFY_EMAIL"
    | "ACCOUNT_EXISTS"
    | "PASSWORD_RESET"
    | "STAFF_INVITE"
    | "ACCOUNT_DEACTIVATED"
    | "ACCESS_NOTICE"
    | "PASSWORD_CHANGED";
  subject: string;
  text: string;
  html: string;
}

type Branding = Config["branding"];

/** Languages mail is written in: account mail in English; security notices in the reader's language. */
export type MailLanguage = "en" | "fr-CA";

/** A stored language (portal_user.language, free text) as a mail language: English unless fr-CA. */
export function mailLanguage(stored: string | null | undefined): MailLanguage {
  return stored === "fr-CA" ? "fr-CA" : "en";
}

interface Block {
  paragraphs: string[];
  button?: { label: string; href: string };
  after?: string[];
}

function supportLine(branding: Branding, language: MailLanguage): string {
  if (language === "fr-CA") {
    const phone = branding.supportPhone ? ` ou appelez le ${branding.supportPhone}` : "";
    return `Des questions? Écrivez à ${branding.supportEmail}${phone}.`;
  }
  const phone = branding.supportPhone ? ` or call ${branding.supportPhone}` : "";
  return `Questions? Email ${branding.supportEmail}${phone}.`;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemesOf = (text: string) => Array.from(GRAPHEMES.segment(text), (g) => g.segment);

/**
 * Names are checked when they are entered (isPersonName), but a stored name may predate that rule:
 * one that does not pass it now is never copied into a message.
 */
function mailableName(name: string): string | undefined {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= LIMITS.name && isPersonName(trimmed)
    ? trimmed
    : undefined;
}

/** "Hello Dana,": with the reader's first name only when it is short (NAME_IN_MAIL.greeting). */
function greetingFor(name: string, language: MailLanguage): string {
  const shown = mailableName(name);
  const hello = language === "fr-CA" ? "Bonjour" : "Hello";
  return shown !== undefined && graphemesOf(shown).length <= NAME_IN_MAIL.greeting
    ? `${hello} ${shown},`
    : `${hello},`;
}

/**
 * Someone else's name as data, for a paragraph of its own after a fixed sentence: in quotation marks,
 * cut to NAME_IN_MAIL.quoted graphemes. Undefined when either part does not pass the name rule.
 */
function quotedName(
  name: { firstName: string; lastName: string },
  language: MailLanguage,
): string | undefined {
  const first = mailableName(name.firstName);
  const last = mailableName(name.lastName);
  if (first === undefined || last === undefined) return undefined;
  const graphemes = graphemesOf(`${first} ${last}`);
  const shown =
    graphemes.length <= NAME_IN_MAIL.quoted
      ? graphemes.join("")
      : `${graphemes
          .slice(0, NAME_IN_MAIL.quoted - 1)
          .join("")
          .trimEnd()}…`;
  return language === "fr-CA" ? `« ${shown} »` : `“${shown}”`;
}

/** Renders one message as plain text and as simple, inline-styled HTML from the same blocks. */

function render(
  branding: Branding,
  greetingName: string,
  block: Block,
  language: MailLanguage = "en",
): { text: string; html: string } {
  const greeting = greetingFor(greetingName, language);
  const after = block.after ?? [];
  const footer = [supportLine(branding, language), `— ${branding.portalName}`];
  const text = [
    greeting,
    ...block.paragraphs,
    ...(block.button ? [`${block.button.label}: ${block.button.href}`] : []),
    ...after,
    ...footer,
  ].join("\n\n");
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = block.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(block.button.href)}" style="background:#0b5cab;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(block.button.label)}</a></p>` +
      p(
        language === "fr-CA"
          ? `Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : ${block.button.href}`
          : `If the button does not work, copy this address into your browser: ${block.button.href}`,
      )
    : "";
  const html = `<!doctype html><html lang="${language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px;margin:0 0 24px">${escapeHtml(branding.portalName)}</h1>
${p(greeting)}${block.paragraphs.map(p).join("")}${button}${after.map(p).join("")}
<hr style="border:none;border-top:1px solid #d0d0d0;margin:24px 0">
${footer.map((f) => `<p style="margin:0 0 8px;color:#555555;font-size:14px">${escapeHtml(f)}</p>`).join("")}
</body></html>`;
  return { text, html };
}

export function verifyEmailMail(
  branding: Branding,
  args: { firstName: string; link: string; ttlHours: number },
): ComposedMail {
  return {
    kind: "VERIFY_EMAIL",
    subject: `Finish setting up your ${branding.portalName} account`,
    ...render(branding, args.firstName, {
      paragraphs: [
        `You asked to register for the ${branding.portalName}. Confirm this email address and choose a password to finish.`,
      ],
      button: { label: "Set your password", href: args.link },
      after: [
        `The link works once and expires in ${args.ttlHours} hours. If it has expired, ask for a new one on the sign-in page.`,
        "If you did not ask for this, you can ignore this email: no account will be usable without the link.",
      ],
    }),
  };
}

export function accountExistsMail(
  branding: Branding,
  args: { firstName: string; signInLink: string; resetLink: string; resetTtlMinutes: number },
): ComposedMail {
  return {
    kind: "ACCOUNT_EXISTS",
    subject: `You already have a ${branding.portalName} account`,
    ...render(branding, args.firstName, {
      paragraphs: [
        `Someone (probably you) tried to register for the ${branding.portalName} with this email address, which already has an account.`,
        `Sign in here: ${args.signInLink}`,
      ],
      button: { label: "Reset your password", href: args.resetLink },
      after: [
        `Forgot your password? The reset link above works once and expires in ${args.resetTtlMinutes} minutes.`,
        "If this was not you, no action is needed: your account has not changed.",
      ],
    }),
  };
}

export function passwordResetMail(
  branding: Branding,
  args: { firstName: string; link: string; ttlMinutes: number },
): ComposedMail {
  return {
    kind: "PASSWORD_RESET",
    subject: `Reset your ${branding.portalName} password`,
    ...render(branding, args.firstName, {
      paragraphs: ["We received a request to reset the password of your account."],
      button: { label: "Choose a new password", href: args.link },
      after: [
        `The link works once and expires in ${args.ttlMinutes} minutes.`,
        "If you did not ask for this, you can ignore this email: your password has not changed.",
      ],
    }),
  };
}

/** An invitation to the support console (staff, not customers: no first name on file yet). */
export function staffInviteMail(
  branding: Branding,
  args: { role: "SUPPORT" | "ADMIN"; link: string; ttlHours: number },
): ComposedMail {
  const role = args.role === "ADMIN" ? "an administrator" : "a support agent";
  return {
    kind: "STAFF_INVITE",
    subject: `Your invitation to the ${branding.portalName} support console`,
    ...render(branding, "", {
      paragraphs: [
        `You are invited to the ${branding.portalName} support console as ${role}.`,
        "Open the link to choose a password and set up an authenticator app (any app that reads a TOTP QR code: Google Authenticator, Microsoft Authenticator, 1Password, …). Both are needed at every sign-in.",
      ],
      button: { label: "Accept the invitation", href: args.link },
      after: [
        `The link works once and expires in ${args.ttlHours} hours.`,
        "If you did not expect this, do not open the link and tell your IT team.",
      ],
    }),
  };
}

/** Told to a customer whose portal account staff deactivated. */
export function accountDeactivatedMail(
  branding: Branding,
  args: { firstName: string; language?: MailLanguage | null },
): ComposedMail {
  const fr = args.language === "fr-CA";
  return {
    kind: "ACCOUNT_DEACTIVATED",
    subject: fr
      ? `Votre compte ${branding.portalName} a été désactivé`
      : `Your ${branding.portalName} account has been deactivated`,
    ...render(
      branding,
      args.firstName,
      {
        paragraphs: fr
          ? [
              `Votre compte ${branding.portalName} a été désactivé par notre équipe de soutien. Vous ne pouvez plus vous connecter, et toute session ouverte a pris fin.`,
              "Si vous croyez qu'il s'agit d'une erreur, communiquez avec nous aux coordonnées ci-dessous.",
            ]
          : [
              `Your ${branding.portalName} account has been deactivated by our support team. You can no longer sign in, and any open session has ended.`,
              "If you think this is a mistake, contact us with the details below.",
            ],
      },
      fr ? "fr-CA" : "en",
    ),
  };
}

/**
 * Told to a customer's other active users when someone new registered for the customer: the address,
 * and whom to call if that is unexpected. The name the newcomer typed is quoted as data on a line of its
 * own after a fixed sentence (never in the subject), and only when it passes the name rule.
 */
export function newAccessNoticeMail(
  branding: Branding,
  args: {
    firstName: string;
    language?: MailLanguage | null;
    customerName: string;
    newcomer: { firstName: string; lastName: string; email: string };
  },
): ComposedMail {
  const language: MailLanguage = args.language === "fr-CA" ? "fr-CA" : "en";
  const fr = language === "fr-CA";
  const { email } = args.newcomer;
  const name = quotedName(args.newcomer, language);
  const phone = branding.supportPhone
    ? fr
      ? ` ou au ${branding.supportPhone}`
      : ` or ${branding.supportPhone}`
    : "";
  return {
    kind: "ACCESS_NOTICE",
    subject: fr
      ? `Une nouvelle personne s'est inscrite pour ${args.customerName} au ${branding.portalName}`
      : `Someone new registered for ${args.customerName} on the ${branding.portalName}`,
    ...render(
      branding,
      args.firstName,
      {
        paragraphs: fr
          ? [
              `Une nouvelle personne s'est inscrite au ${branding.portalName} avec l'adresse ${email} et peut maintenant voir les contrats de ${args.customerName}, comme vous.`,
              ...(name ? ["Le nom qu'elle a donné, tel qu'elle l'a tapé :", name] : []),
              `Si vous ne vous attendiez pas à ce que cette personne y ait accès, écrivez-nous à ${branding.supportEmail}${phone} : nous pouvons le lui retirer.`,
            ]
          : [
              `Someone new registered for the ${branding.portalName} with the address ${email} and can now see the contracts of ${args.customerName}, like you.`,
              ...(name ? ["The name they gave, as they typed it:", name] : []),
              `If you do not expect this person to have access, contact us at ${branding.supportEmail}${phone}: we can withdraw it.`,
            ],
      },
      language,
    ),
  };
}

/** Confirms to the account's address that its password was changed (a reset link was used). */
export function passwordChangedMail(
  branding: Branding,
  args: { firstName: string; language?: MailLanguage | null },
): ComposedMail {
  const fr = args.language === "fr-CA";
  return {
    kind: "PASSWORD_CHANGED",
    subject: fr
      ? `Le mot de passe de votre compte ${branding.portalName} a été changé`
      : `Your ${branding.portalName} password was changed`,
    ...render(
      branding,
      args.firstName,
      {
        paragraphs: fr
          ? [
              `Le mot de passe de votre compte ${branding.portalName} vient d'être changé, et toutes vos autres sessions ont été fermées.`,
              "Si c'est vous, vous n'avez rien à faire.",
              "Si ce n'est pas vous, communiquez avec nous sans tarder aux coordonnées ci-dessous.",
            ]
          : [
              `The password of your ${branding.portalName} account was just changed, and every other session was signed out.`,
              "If this was you, there is nothing to do.",
              "If it was not you, contact us right away with the details below.",
            ],
      },
      fr ? "fr-CA" : "en",
    ),
  };
}
