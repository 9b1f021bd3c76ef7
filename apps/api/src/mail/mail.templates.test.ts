import { accountExistsMail, verifyEmailMail } from "./mail.templates";

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
