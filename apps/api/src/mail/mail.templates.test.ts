import { NAME_IN_MAIL } from "@portal/matching";
import { accountExistsMail, newAccessNoticeMail, verifyEmailMail } from "./mail.templates";

const branding = {
  portalName: "Acme <Portal>",
  supportEmail: "help@acme.example",
  supportPhone: "1-800-555-0100",
};

test("a verification mail carries the link in text and HTML, and the support contact", () => {
  const mail = verifyEmailMail(branding, {
    firstName: "Dana",
    link: "http://p.test/verify?token=abc",
    ttlHours: 24,
  });
  expect(mail.text).toContain("http://p.test/verify?token=abc");
  expect(mail.html).toContain('href="http://p.test/verify?token=abc"');
  expect(mail.text).toContain("help@acme.example or call 1-800-555-0100");
  expect(mail.text).toContain("expires in 24 hours");
});

test("text from the operator's copy is escaped in HTML", () => {
  const mail = verifyEmailMail(branding, {
    firstName: "Dana",
    link: "http://p.test/v",
    ttlHours: 1,
  });
  expect(mail.html).toContain("Acme &lt;Portal&gt;");
  expect(mail.html).not.toContain("<Portal>");
});

test("a stored name is greeted as it is when it is a plain name", () => {
  const mail = verifyEmailMail(branding, {
    firstName: "Zoë-Anne",
    link: "http://p.test/v",
    ttlHours: 1,
  });
  expect(mail.text.startsWith("Hello Zoë-Anne,\n")).toBe(true);
});

test.each([
  ["markup", "<script>x</script>"],
  ["a web address (mail clients would make it a link)", "www.evil.example"],
  ["a right-to-left override", "Dana\u202Eexe.pdf"],
  ["a line separator", "Dana\u2028Call +1 555 0100 now"],
  ["a zero-width space", "Da\u200Bna"],
])("a stored name with %s is left out of the greeting, in text and HTML", (_, firstName) => {
  const mail = verifyEmailMail(branding, { firstName, link: "http://p.test/v", ttlHours: 1 });
  expect(mail.text.startsWith("Hello,\n")).toBe(true);
  for (const body of [mail.text, mail.html]) {
    expect(body).not.toContain(firstName);
    expect(body).not.toContain("evil");
  }
});

test("the account-exists mail links to sign-in and to a password reset", () => {
  const mail = accountExistsMail(branding, {
    firstName: "Dana",
    signInLink: "http://p.test/sign-in",
    resetLink: "http://p.test/reset-password?token=r",
    resetTtlMinutes: 60,
  });
  expect(mail.subject).toBe("You already have a Acme <Portal> account");
  expect(mail.text).toContain("http://p.test/sign-in");
  expect(mail.text).toContain("http://p.test/reset-password?token=r");
});

test("a greeting leaves out a first name too long to be one, so it cannot carry a message", () => {
  const firstName = "Security team. Your access expires today";
  const mail = verifyEmailMail(branding, { firstName, link: "http://p.test/v", ttlHours: 1 });
  expect(mail.text.startsWith("Hello,\n")).toBe(true);
  for (const body of [mail.text, mail.html]) expect(body).not.toContain("Security team");
});

const notice = (
  newcomer: { firstName: string; lastName: string },
  language: "en" | "fr-CA" = "en",
) =>
  newAccessNoticeMail(branding, {
    firstName: "Owner",
    language,
    customerName: "US Customer",
    newcomer: { ...newcomer, email: "pat@contact.example" },
  });

test.each([
  ["en", "The name they gave, as they typed it:\n\n“Hélène D’Arcy”\n\n"],
  ["fr-CA", "Le nom qu'elle a donné, tel qu'elle l'a tapé :\n\n« Hélène D’Arcy »\n\n"],
] as const)(
  "a new-access notice (%s) quotes the newcomer's name on its own line after a fixed sentence, never in the subject",
  (language, quoted) => {
    const mail = notice({ firstName: "Hélène", lastName: "D’Arcy" }, language);
    expect(mail.text).toContain(quoted);
    expect(mail.html).toContain(`<p style="margin:0 0 16px">${quoted.split("\n\n")[1]}</p>`);
    expect(mail.text).toContain("pat@contact.example");
    expect(mail.subject).not.toMatch(/Hélène|Arcy/);
    // Nowhere else than in its quotation.
    expect(mail.text.split("Hélène")).toHaveLength(2);
  },
);

test("a new-access notice cuts a long name to NAME_IN_MAIL.quoted graphemes", () => {
  const firstName = "María de los Ángeles Guadalupe Concepción";
  const lastName = "García de la Fuente y Fernández de Córdoba";
  const mail = notice({ firstName, lastName });
  const line = mail.text.split("\n\n").find((l) => l.startsWith("“"))!;
  const shown = line.slice(1, -1);
  expect(shown.endsWith("…")).toBe(true);
  expect([...new Intl.Segmenter().segment(shown)]).toHaveLength(NAME_IN_MAIL.quoted);
  expect(`${firstName} ${lastName}`.startsWith(shown.slice(0, -1))).toBe(true);
});

test.each([
  ["lookalike dots", { firstName: "Confirm at portal\uA4F8northwind\uA4F8com", lastName: "X" }],
  ["a Hangul filler for a last name", { firstName: "Security team", lastName: "\u3164" }],
])("a new-access notice leaves out a stored name with %s, keeping the address", (_, newcomer) => {
  const mail = notice(newcomer);
  expect(mail.text).toContain("pat@contact.example");
  for (const body of [mail.subject, mail.text, mail.html]) {
    expect(body).not.toContain(newcomer.firstName);
    expect(body).not.toMatch(/[\uA4F8\u3164]/);
    expect(body).not.toContain("The name they gave");
  }
});
