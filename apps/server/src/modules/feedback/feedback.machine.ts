import type { FeedbackEvent, FeedbackState } from '@geoshare/shared';
import type { Machine } from '../../platform/workflow/transition.rules.js';

/**
 * Who may act on a report: `handler` = a user with the custodian role, or a member of the unit that keeps the item
 * (MNR-19: the custodian confirms). Reporters only report; they read the answer.
 */
export type FeedbackParty = 'handler';

/**
 * MNR-19 as a table:
 *   open --confirm--> confirmed   (a confirmed major problem is escalated to the leaders: service side effect)
 *   open --dismiss--> dismissed   (the answer says why)
 *   confirmed --resolve--> resolved   (the custodian fixed it, e.g. re-processed the item)
 * dismissed and resolved are final.
 */
export const FEEDBACK_MACHINE: Machine<FeedbackState, FeedbackEvent, FeedbackParty> = {
  illegal: 'FEEDBACK_TRANSITION_INVALID',
  transitions: [
    { from: 'open', event: 'confirm', to: 'confirmed', by: ['handler'] },
    { from: 'open', event: 'dismiss', to: 'dismissed', by: ['handler'] },
    { from: 'confirmed', event: 'resolve', to: 'resolved', by: ['handler'] },
  ],
};
