import {
  STORED_LENGTH,
  SUPPORT_LIMITS,
  normalizeContractId,
  normalizeEmail,
} from "@portal/matching";
import type { AuditLog } from "../audit/audit-log";
import { storableText } from "../db/storable-text";
import { isUuid } from "../db/uuid";
import type { PrismaClient } from "../generated/prisma/client";
import type { RequestMeta } from "../request/request-context";
import type {
  EligibilityExplainer,
  ExplainEligibilityInput,
  ExplainOutcome,
} from "./eligibility-explainer.service";
import type { StaffMember } from "./staff.repository";

/** How staff see an account's status: pending verification, active, or deactivated by staff. */
export type PortalUserStatus = "PENDING" | "ACTIVE" | "INACTIVE";

export interface PortalUserView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: PortalUserStatus;
  createdAt: Date;
  lastSignInAt: Date | null;
  deactivatedAt: Date | null;
  deactivationReason: string | null;
  grants: {
    customerId: string;
    /** Null when the customer is no longer in the servicing data. */
    customerName: string | null;
    /** SUSPENDED: a servicing import no longer finds the account's email on file for the customer. */
    status: "ACTIVE" | "SUSPENDED";
    grantedViaContract: string;
    createdAt: Date;
  }[];
}

export interface AttemptView {
  at: Date;
  email: string | null;
  contractId: string | null;
  outcome: "STARTED" | "REJECTED" | "INVALID";
  reasonCode: string;
  customerId: string | null;
}

export type LookupProblem =
  "SEARCH_EMPTY" | "SEARCH_TOO_LONG" | "NO_CRITERIA" | "LIMIT_OUT_OF_RANGE";

/** At most this many accounts answer one search: narrow it rather than page through people. */
export const SEARCH_RESULTS = SUPPORT_LIMITS.searchResults;
export const ATTEMPTS_LIMIT = { default: 20, max: 200 } as const;

export class LookupRefused extends Error {
  constructor(readonly problem: LookupProblem) {
    super(problem);
  }
}

const USER_INCLUDE = {
  grants: {
    select: {
      customerId: true,
      grantedViaContract: true,
      createdAt: true,
      suspendedAt: true,
    },
    orderBy: { createdAt: "asc" },
  },
} as const;

/**
 * What staff may read about portal users and enrollment attempts. Every lookup is written to the
 * audit trail with the member of staff and what they looked for, before the answer is returned.
 */
export class SupportLookupService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
    private readonly explainer: EligibilityExplainer,
  ) {}

  /**
   * selfEnroll's rules on the details a caller gives, with what is on file: no account, no mail, no
   * attempt counted. Audited with the address and contract looked at.
   */
  async explainEligibility(
    input: ExplainEligibilityInput,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ExplainOutcome> {
    await this.audit.record(
      {
        eventType: "STAFF_LOOKUP",
        outcome: "SUCCESS",
        reason: "EXPLAIN_ELIGIBILITY",
        staffUserId: staff.id,
        email: input.email,
        target: input.contractId,
      },
      meta,
    );
    return this.explainer.explain(input);
  }

  /**
   * Accounts by email (exact or prefix), name (first, last, or "first last" prefixes), customer id
   * or contract id (the contract an account proved, or any contract of a customer it has access
   * to). Newest first, at most SEARCH_RESULTS.
   */
  async portalUsers(
    search: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<PortalUserView[]> {
    // NUL cannot be stored or compared by PostgreSQL: made harmless like every untrusted text.
    const text = storableText(search.trim(), STORED_LENGTH.email + 1);
    if (text.length === 0) throw new LookupRefused("SEARCH_EMPTY");
    if (text.length > STORED_LENGTH.email) throw new LookupRefused("SEARCH_TOO_LONG");
    await this.audit.record(
      {
        eventType: "STAFF_LOOKUP",
        outcome: "SUCCESS",
        reason: "PORTAL_USERS",
        staffUserId: staff.id,
        target: text,
      },
      meta,
    );
    const contractKey = normalizeContractId(text);
    const contractCustomers = await this.prisma.servicingContract.findMany({
      where: { contractKey },
      select: { customerId: true },
    });
    // Prisma's startsWith is LIKE 'text%' and leaves LIKE's own wildcards in the text alone.
    const prefix = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
    const words = text.split(/\s+/).map(prefix);
    const users = await this.prisma.portalUser.findMany({
      where: {
        OR: [
          { email: { startsWith: prefix(normalizeEmail(text)) } },
          { firstName: { startsWith: prefix(text), mode: "insensitive" } },
          { lastName: { startsWith: prefix(text), mode: "insensitive" } },
          ...(words.length === 2
            ? [
                {
                  firstName: { startsWith: words[0]!, mode: "insensitive" as const },
                  lastName: { startsWith: words[1]!, mode: "insensitive" as const },
                },
              ]
            : []),
          // Not `mode: "insensitive"` equality: Prisma makes it ILIKE, where % and _ are wildcards.
          { grants: { some: { customerId: { in: [text, text.toUpperCase()] } } } },
          { grants: { some: { grantedViaContract: contractKey } } },
          ...(contractCustomers.length > 0
            ? [
                {
                  grants: {
                    some: { customerId: { in: contractCustomers.map((c) => c.customerId) } },
                  },
                },
              ]
            : []),
        ],
      },
      include: USER_INCLUDE,
      orderBy: { createdAt: "desc" },
      take: SEARCH_RESULTS,
    });
    return this.withCustomerNames(users);
  }

  /** One account by id, or null (an unknown or malformed id is simply not found). */
  async portalUser(
    userId: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<PortalUserView | null> {
    if (!isUuid(userId)) return null;
    await this.audit.record(
      {
        eventType: "STAFF_LOOKUP",
        outcome: "SUCCESS",
        reason: "PORTAL_USER",
        staffUserId: staff.id,
        userId,
      },
      meta,
    );
    const user = await this.prisma.portalUser.findUnique({
      where: { id: userId },
      include: USER_INCLUDE,
    });
    return user ? (await this.withCustomerNames([user]))[0]! : null;
  }

  /** Enrollment attempts by email and/or contract id, newest first, with their internal reasons. */
  async enrollmentAttempts(
    criteria: { email?: string | null; contractId?: string | null; limit?: number | null },
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<AttemptView[]> {
    const email = criteria.email?.trim()
      ? storableText(normalizeEmail(criteria.email), STORED_LENGTH.email + 1)
      : null;
    const contract = criteria.contractId?.trim()
      ? storableText(criteria.contractId.trim(), STORED_LENGTH.contractId + 1)
      : null;
    if (email === null && contract === null) throw new LookupRefused("NO_CRITERIA");
    if (
      (email?.length ?? 0) > STORED_LENGTH.email ||
      (contract?.length ?? 0) > STORED_LENGTH.contractId
    )
      throw new LookupRefused("SEARCH_TOO_LONG");
    const limit = criteria.limit ?? ATTEMPTS_LIMIT.default;
    if (!Number.isInteger(limit) || limit < 1 || limit > ATTEMPTS_LIMIT.max)
      throw new LookupRefused("LIMIT_OUT_OF_RANGE");
    await this.audit.record(
      {
        eventType: "STAFF_LOOKUP",
        outcome: "SUCCESS",
        reason: "ENROLLMENT_ATTEMPTS",
        staffUserId: staff.id,
        email,
        target: contract,
      },
      meta,
    );
    const rows = await this.prisma.enrollmentAttempt.findMany({
      where: {
        ...(email === null ? {} : { email }),
        // Stored normalised (upper case) once valid, as typed (trimmed) when the input was invalid.
        ...(contract === null
          ? {}
          : { contractId: { in: [normalizeContractId(contract), contract] } }),
      },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map((r) => ({
      at: r.createdAt,
      email: r.email,
      contractId: r.contractId,
      outcome: r.outcome,
      reasonCode: r.reasonCode,
      customerId: r.customerId,
    }));
  }

  /** Customer names in one query for every grant of the answer (no query per account). */
  private async withCustomerNames(
    users: {
      id: string;
      email: string;
      firstName: string;
      lastName: string;
      status: "PENDING_VERIFICATION" | "ACTIVE" | "INACTIVE";
      createdAt: Date;
      lastSignInAt: Date | null;
      deactivatedAt: Date | null;
      deactivationReason: string | null;
      grants: {
        customerId: string;
        grantedViaContract: string;
        createdAt: Date;
        suspendedAt: Date | null;
      }[];
    }[],
  ): Promise<PortalUserView[]> {
    const ids = [...new Set(users.flatMap((u) => u.grants.map((g) => g.customerId)))];
    const customers = ids.length
      ? await this.prisma.servicingCustomer.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true },
        })
      : [];
    const names = new Map(customers.map((c) => [c.id, c.name]));
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      status: u.status === "PENDING_VERIFICATION" ? "PENDING" : u.status,
      createdAt: u.createdAt,
      lastSignInAt: u.lastSignInAt,
      deactivatedAt: u.deactivatedAt,
      deactivationReason: u.deactivationReason,
      grants: u.grants.map((g) => ({
        customerId: g.customerId,
        customerName: names.get(g.customerId) ?? null,
        status: g.suspendedAt ? "SUSPENDED" : "ACTIVE",
        grantedViaContract: g.grantedViaContract,
        createdAt: g.createdAt,
      })),
    }));
  }
}
