import { Arg, Query, Resolver } from "type-graphql";
import { type PortalCopyFile, inLanguage } from "./portal-copy.schema";
import { EnrollmentHints, Language, PortalCopy } from "./portal-copy.types";

@Resolver()
export class PortalCopyResolver {
  constructor(private readonly copy: PortalCopyFile) {}

  @Query(() => PortalCopy, {
    description:
      "Texts the operator configures without a deploy: portal name, support contact, hints, rejection message.",
  })
  portalCopy(
    @Arg("language", () => Language, {
      defaultValue: Language.EN,
      description: "Language of the texts.",
    })
    language: Language,
  ): PortalCopy {
    const t = (text: Parameters<typeof inLanguage>[0]) => inLanguage(text, language);
    const { hints, support } = this.copy;
    return Object.assign(new PortalCopy(), {
      language,
      portalName: t(this.copy.portalName),
      supportEmail: support.email,
      supportPhone: support.phone ?? null,
      supportHours: support.hours ? t(support.hours) : null,
      rejectionMessage: t(this.copy.rejectionMessage),
      hints: Object.assign(new EnrollmentHints(), {
        firstName: t(hints.firstName),
        lastName: t(hints.lastName),
        email: t(hints.email),
        billingPostalCode: t(hints.billingPostalCode),
        contractId: t(hints.contractId),
      }),
    });
  }
}
