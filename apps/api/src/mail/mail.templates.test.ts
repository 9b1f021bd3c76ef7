import { accountExistsMail, verifyEmailMail } from "./mail.templates";

const branding = { portalName: "Acme <Portal>", supportEmail: "help@acme.example", supportPhone: "1-800-555-0100" };

test("a verification mail carries the link in text and HTML, and the support contact", () => {
  const mail = verifyEmailMail(branding, { firstName: "Dana", link: "http://p.test/verify?token=abc", ttlHours: 24 });
  expect(mail.text).toContain("http://p.test/verify?token=abc");
  expect(mail.html).toContain('href="http://p.test/verify?token=abc"');
  expect(mail.text).toContain("help@acme.example or call 1-800-555-0100");
  expect(mail.text).toContain("expires in 24 hours");
});

test("names typed by a visitor are escaped in HTML", () => {
  const mail = verifyEmailMail(branding, { firstName: "<script>x</script>", link: "http://p.test/v", ttlHours: 1 });
  expect(mail.html).not.toContain("<script>");
  expect(mail.html).toContain("&lt;script&gt;");
  expect(mail.html).toContain("Acme &lt;Portal&gt;");
});

test("the account-exists mail links to sign-in and to a password reset", () => {
  const mail = accountExistsMail(branding, { firstName: "Dana", signInLink: "http://p.test/sign-in", resetLink: "http://p.test/reset-password?token=r", resetTtlMinutes: 60 });
  expect(mail.subject).toBe("You already have a Acme <Portal> account");
  expect(mail.text).toContain("http://p.test/sign-in");
  expect(mail.text).toContain("http://p.test/reset-password?token=r");
});
