import { Field, ID, ObjectType, createUnionType, registerEnumType } from "type-graphql";
import { PasswordRejected, TokenRejected } from "../accounts/account.types";
import { RateLimited } from "../graphql/rate-limited.types";

export enum StaffRoleValue {
  SUPPORT = "SUPPORT",
  ADMIN = "ADMIN",
}
registerEnumType(StaffRoleValue, {
  name: "StaffRole",
  description: "What a member of staff may do.",
  valuesConfig: {
    SUPPORT: {
      description: "Look people up, explain refusals, resend verification, clear limits.",
    },
    ADMIN: { description: "All of SUPPORT, and deactivate, reactivate and revoke access." },
  },
});

export enum PortalUserStatusValue {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}
registerEnumType(PortalUserStatusValue, {
  name: "PortalUserStatus",
  description: "Where a portal account stands.",
  valuesConfig: {
    PENDING: { description: "Enrolled; the email is not verified yet (no password set)." },
    ACTIVE: { description: "Verified and usable." },
    INACTIVE: { description: "Deactivated by staff: no sign-in, no session, no link works." },
  },
});

export enum GrantStatusValue {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
}
registerEnumType(GrantStatusValue, {
  name: "GrantStatus",
  description: "Whether an account's access to a customer is in force.",
  valuesConfig: {
    ACTIVE: { description: "The account sees the customer's contracts." },
    SUSPENDED: {
      description:
        "A servicing import no longer finds the account's email on file for the customer; given back when it does again.",
    },
  },
});

@ObjectType({ description: "A member of the support desk." })
export class StaffMember {
  @Field(() => ID, { description: "Staff account id." })
  id!: string;

  @Field({ description: "Address the member of staff signs in with." })
  email!: string;

  @Field(() => StaffRoleValue, { description: "What they may do." })
  role!: StaffRoleValue;
}

@ObjectType({
  description:
    "The password is set. Add the authenticator secret to an app now: it is shown this once, and every sign-in needs a code from it.",
})
export class StaffInviteCompleted {
  @Field({
    description:
      "The otpauth://totp/… URI (6 digits, 30 s, SHA-1) to show as a QR code and, for typing, its secret.",
  })
  totpUri!: string;
}

export const StaffInviteResult = createUnionType({
  name: "StaffInviteResult",
  description: "The answer to staffCompleteInvite.",
  types: () => [StaffInviteCompleted, TokenRejected, PasswordRejected, RateLimited] as const,
});

@ObjectType({ description: "Signed in to the support console; the staff session cookie is set." })
export class StaffSignedIn {
  @Field(() => StaffMember, { description: "Who is signed in." })
  staff!: StaffMember;
}

@ObjectType({
  description:
    "Email, password or code not accepted (each refused the same way). A code works once: wait for the next one.",
})
export class StaffSignInFailed {
  @Field({ description: "Text to show." })
  message!: string;
}

export const StaffSignInResult = createUnionType({
  name: "StaffSignInResult",
  description: "The answer to staffSignIn.",
  types: () => [StaffSignedIn, StaffSignInFailed, RateLimited] as const,
});

@ObjectType({ description: "The staff session is over and its cookie cleared." })
export class StaffSignedOut {
  @Field({ description: "Text to show." })
  message!: string;
}

@ObjectType({ description: "An account's access to one servicing customer." })
export class PortalUserGrant {
  @Field({ description: "Servicing customer id." })
  customerId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Customer name; null when the customer is no longer in the servicing data.",
  })
  customerName!: string | null;

  @Field(() => GrantStatusValue, { description: "Whether the access is in force." })
  status!: GrantStatusValue;

  @Field({ description: "The contract the person proved to get the access." })
  grantedViaContract!: string;

  @Field({ description: "When the access was granted." })
  createdAt!: Date;
}

@ObjectType({ description: "A customer's portal account, as the support desk sees it." })
export class PortalUser {
  @Field(() => ID, { description: "Account id." })
  id!: string;

  @Field({ description: "Address the account signs in with." })
  email!: string;

  @Field({ description: "Given name, as entered at enrollment." })
  firstName!: string;

  @Field({ description: "Family name, as entered at enrollment." })
  lastName!: string;

  @Field(() => PortalUserStatusValue, { description: "Where the account stands." })
  status!: PortalUserStatusValue;

  @Field({ description: "When the person first enrolled." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Last sign-in; null if never." })
  lastSignInAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When staff deactivated it; null unless INACTIVE.",
  })
  deactivatedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The reason staff gave; null unless INACTIVE.",
  })
  deactivationReason!: string | null;

  @Field(() => [PortalUserGrant], { description: "Customers the account may see." })
  grants!: PortalUserGrant[];
}

@ObjectType({
  description: "One selfEnroll attempt, with the internal reason the visitor never sees.",
})
export class EnrollmentAttempt {
  @Field({ description: "When." })
  at!: Date;

  @Field(() => String, { nullable: true, description: "The address entered (normalised)." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "The contract id entered." })
  contractId!: string | null;

  @Field({ description: "STARTED, REJECTED or INVALID." })
  outcome!: string;

  @Field({
    description:
      "Internal reason: ELIGIBLE, ALREADY_ENROLLED, ACCOUNT_INACTIVE, EMAIL_NOT_ON_FILE, CONTRACT_NOT_FOUND, CONTRACT_NOT_BOOKED, CONTRACT_OF_OTHER_CUSTOMER, POSTAL_CODE_MISMATCH, INPUT_INVALID:…, RATE_LIMITED:…",
  })
  reasonCode!: string;

  @Field(() => String, {
    nullable: true,
    description: "The contract's customer, when the contract was found.",
  })
  customerId!: string | null;
}

export enum SupportActionRefusalValue {
  SIGN_IN_REQUIRED = "SIGN_IN_REQUIRED",
  ADMIN_ONLY = "ADMIN_ONLY",
  USER_NOT_FOUND = "USER_NOT_FOUND",
  NOT_PENDING = "NOT_PENDING",
  ALREADY_INACTIVE = "ALREADY_INACTIVE",
  NOT_INACTIVE = "NOT_INACTIVE",
  GRANT_NOT_FOUND = "GRANT_NOT_FOUND",
  INPUT_MISSING = "INPUT_MISSING",
}
registerEnumType(SupportActionRefusalValue, {
  name: "SupportActionRefusal",
  description: "Why a support action was not done.",
  valuesConfig: {
    SIGN_IN_REQUIRED: { description: "No staff session: sign in to the support console." },
    ADMIN_ONLY: { description: "Only an ADMIN may do this." },
    USER_NOT_FOUND: { description: "No account has this id." },
    NOT_PENDING: { description: "The account is not waiting for email verification." },
    ALREADY_INACTIVE: { description: "The account is already deactivated." },
    NOT_INACTIVE: { description: "The account is not deactivated." },
    GRANT_NOT_FOUND: { description: "The account has no access to this customer." },
    INPUT_MISSING: {
      description: "A required detail is missing (an email or contract id; a reason).",
    },
  },
});

@ObjectType({ description: "The action was done and written to the audit trail." })
export class SupportActionDone {
  @Field({ description: "Text to show." })
  message!: string;
}

@ObjectType({
  description: "The action was not done (and the refusal was written to the audit trail).",
})
export class SupportActionRefused {
  @Field(() => SupportActionRefusalValue, { description: "Why." })
  code!: SupportActionRefusalValue;

  @Field({ description: "Text to show." })
  message!: string;
}

export const SupportActionResult = createUnionType({
  name: "SupportActionResult",
  description: "The answer to a support action.",
  types: () => [SupportActionDone, SupportActionRefused, RateLimited] as const,
});
