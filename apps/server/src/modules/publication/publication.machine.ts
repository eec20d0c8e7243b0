import type { PublicationEvent, PublicationState } from '@geoshare/shared';
import type { Machine } from '../../platform/workflow/transition.rules.js';

/**
 * `reviewer`: a user with the reviewer role who did not file the request; `applicant`: a user of the requesting unit.
 */
export type PublicationParty = 'reviewer' | 'applicant';

/**
 * BX-18 / MNR-12 / ZS-23 as a table:
 *   submitted --approve--> approved                   (GKSH-YYYY-NNN 审核意见 number: the written consent)
 *   submitted --reject--> rejected                    (with a reason; final)
 *   submitted --requestChanges--> changesRequested    (with a reason; back to the applicant)
 *   changesRequested --resubmit--> submitted          (a new 5-working-day deadline)
 */
export const PUBLICATION_MACHINE: Machine<PublicationState, PublicationEvent, PublicationParty> = {
  illegal: 'PUBLICATION_TRANSITION_INVALID',
  transitions: [
    { from: 'submitted', event: 'approve', to: 'approved', by: ['reviewer'] },
    { from: 'submitted', event: 'reject', to: 'rejected', by: ['reviewer'] },
    { from: 'submitted', event: 'requestChanges', to: 'changesRequested', by: ['reviewer'] },
    { from: 'changesRequested', event: 'resubmit', to: 'submitted', by: ['applicant'] },
  ],
};
