import type { Logger } from "../logging/logger";
import type { StaffRequest } from "../support/staff-auth.service";
import type { StaffMember } from "../support/staff.repository";

/** What a support-console resolver gets: the request (with the staff cookie) and the member of staff. */
export interface SupportContext {
  requestId: string;
  log: Logger;
  request: StaffRequest;
  /** The member of staff of the staff session cookie, looked up once per request. */
  currentStaff(): Promise<StaffMember | null>;
}
