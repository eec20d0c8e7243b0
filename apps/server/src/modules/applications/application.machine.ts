import type { ApplicationState, Role } from '@geoshare/shared';
import type { Machine } from '../../platform/workflow/transition.rules.js';

/**
 * The data-application workflow (BX-22, MNR-15, MNR-16 offline, MNR-17) as a table; the service asks it whether an
 * event is allowed from the current state and by whom (platform/workflow: 403 for the wrong party, 409 for the wrong
 * state). Two events have an outcome that picks the row:
 *   submit: → inReview when an ordered item is conditional (ZS-21: answered within 5 working days),
 *           → approved when every item is unconditional (no review needed);
 *   review: → approved when anything is provided (per-item decisions), → rejected when nothing is.
 * prepare / notifyPickup / handOver: the service centre provides the data (BX-21): export job, pick-up notice,
 * hand-over with the ID check (BX-F3/F5, YJD-YYYY-NNN).
 */
export type ApplicationEventName = 'submit' | 'withdraw' | 'review' | 'prepare' | 'notifyPickup' | 'handOver';

/** Who may fire an event: the applicant unit's own users, or the provider side's roles. */
export type ApplicationParty = 'applicant' | Extract<Role, 'reviewer' | 'custodian'>;

export const APPLICATION_MACHINE: Machine<ApplicationState, ApplicationEventName, ApplicationParty> = {
  illegal: 'APPLICATION_TRANSITION_INVALID',
  transitions: [
    { from: 'draft', event: 'submit', to: 'inReview', by: ['applicant'] },
    { from: 'draft', event: 'submit', to: 'approved', by: ['applicant'] },
    { from: 'draft', event: 'withdraw', to: 'withdrawn', by: ['applicant'] },
    { from: 'inReview', event: 'withdraw', to: 'withdrawn', by: ['applicant'] },
    { from: 'inReview', event: 'review', to: 'approved', by: ['reviewer'] },
    { from: 'inReview', event: 'review', to: 'rejected', by: ['reviewer'] },
    { from: 'approved', event: 'prepare', to: 'preparing', by: ['custodian'] },
    { from: 'preparing', event: 'notifyPickup', to: 'ready', by: ['custodian'] },
    { from: 'ready', event: 'handOver', to: 'handedOver', by: ['custodian'] },
  ],
};

/** The parties a caller is for one application: its unit's users are the applicant; roles as held. */
export function partiesOf(caller: { isApplicant: boolean; roles: readonly Role[] }): ApplicationParty[] {
  const parties: ApplicationParty[] = caller.isApplicant ? ['applicant'] : [];
  if (caller.roles.includes('reviewer')) parties.push('reviewer');
  if (caller.roles.includes('custodian')) parties.push('custodian');
  return parties;
}
