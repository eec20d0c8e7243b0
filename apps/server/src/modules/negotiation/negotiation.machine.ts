import type { NegotiationEvent, NegotiationState } from '@geoshare/shared';
import type { Machine } from '../../platform/workflow/transition.rules.js';

/**
 * Who may act on a case: `requester` = a user of the unit that asked, `provider` = a reviewer or catalogue manager,
 * `leader` = the leaders who coordinate an escalated case (ZS-21).
 */
export type NegotiationParty = 'requester' | 'provider' | 'leader';

/**
 * ZS-21 (不予共享: negotiation, then escalation) as a table:
 *   open --agree--> agreed        (the answer states the conditions)
 *   open --decline--> declined    (the answer states the legal basis)
 *   open|declined --escalate--> escalated   (the unit disagrees, or no answer within 5 working days)
 *   escalated --agree|decline--> agreed|declined   (decided by a leader; final)
 */
export const NEGOTIATION_MACHINE: Machine<NegotiationState, NegotiationEvent, NegotiationParty> = {
  illegal: 'NEGOTIATION_TRANSITION_INVALID',
  transitions: [
    { from: 'open', event: 'agree', to: 'agreed', by: ['provider'] },
    { from: 'open', event: 'decline', to: 'declined', by: ['provider'] },
    { from: 'open', event: 'escalate', to: 'escalated', by: ['requester'] },
    { from: 'declined', event: 'escalate', to: 'escalated', by: ['requester'] },
    { from: 'escalated', event: 'agree', to: 'agreed', by: ['leader'] },
    { from: 'escalated', event: 'decline', to: 'declined', by: ['leader'] },
  ],
};
