import type { Clearance, Role } from '@geoshare/shared';

/** Who acts: the signed-in user as loaded fresh for this request (role changes apply at once, YQ-23). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  clearance: Clearance;
}

/** What a use case knows about its caller; `actor` is null for anonymous and system actions. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
}

export const SYSTEM_CONTEXT: RequestContext = { actor: null, ip: null };
