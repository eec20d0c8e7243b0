import { NEGOTIATION_EVENTS, NEGOTIATION_STATES, type NegotiationEvent, type NegotiationState } from '@geoshare/shared';
import { describe, expect, test } from 'vitest';
import { applyTransition, availableEvents } from '../../../platform/workflow/transition.rules.js';
import { NEGOTIATION_MACHINE, type NegotiationParty } from '../negotiation.machine.js';

const ALL: NegotiationParty[] = ['requester', 'provider', 'leader'];

/** state.event → [next state, the one party that may fire it] */
const LEGAL: Partial<Record<`${NegotiationState}.${NegotiationEvent}`, [NegotiationState, NegotiationParty]>> = {
  'open.agree': ['agreed', 'provider'],
  'open.decline': ['declined', 'provider'],
  'open.escalate': ['escalated', 'requester'],
  'declined.escalate': ['escalated', 'requester'],
  'escalated.agree': ['agreed', 'leader'],
  'escalated.decline': ['declined', 'leader'],
};

const cases = NEGOTIATION_STATES.flatMap((from) => NEGOTIATION_EVENTS.map((event) => [from, event] as const));

describe('ZS-21 sharing negotiation state machine', () => {
  test.each(cases)(
    'ZS-21 %s --%s--> as the table says, anything else NEGOTIATION_TRANSITION_INVALID',
    (from, event) => {
      const legal = LEGAL[`${from}.${event}`];
      const fire = () => applyTransition(NEGOTIATION_MACHINE, from, event, ALL);
      if (legal) expect(fire()).toBe(legal[0]);
      else expect(fire).toThrow(expect.objectContaining({ code: 'NEGOTIATION_TRANSITION_INVALID', status: 409 }));
    },
  );

  test.each(
    Object.entries(LEGAL).flatMap(([key, [, party]]) =>
      ALL.filter((p) => p !== party).map((other) => [key, other] as const),
    ),
  )('ZS-21 %s is not for the %s (AUTH_FORBIDDEN)', (key, other) => {
    const [from, event] = key.split('.') as [NegotiationState, NegotiationEvent];
    expect(() => applyTransition(NEGOTIATION_MACHINE, from, event, [other])).toThrow(
      expect.objectContaining({ code: 'AUTH_FORBIDDEN', status: 403 }),
    );
  });

  test('ZS-21 each party sees the buttons of the current state only; agreed is final', () => {
    expect(availableEvents(NEGOTIATION_MACHINE, 'open', ['provider'])).toEqual(['agree', 'decline']);
    expect(availableEvents(NEGOTIATION_MACHINE, 'open', ['requester'])).toEqual(['escalate']);
    expect(availableEvents(NEGOTIATION_MACHINE, 'declined', ['requester'])).toEqual(['escalate']);
    expect(availableEvents(NEGOTIATION_MACHINE, 'escalated', ['leader'])).toEqual(['agree', 'decline']);
    expect(availableEvents(NEGOTIATION_MACHINE, 'escalated', ['provider', 'requester'])).toEqual([]);
    expect(availableEvents(NEGOTIATION_MACHINE, 'agreed', ALL)).toEqual([]);
  });
});
