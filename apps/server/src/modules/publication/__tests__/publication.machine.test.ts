import { PUBLICATION_EVENTS, PUBLICATION_STATES, type PublicationEvent, type PublicationState } from '@geoshare/shared';
import { describe, expect, test } from 'vitest';
import { applyTransition, availableEvents } from '../../../platform/workflow/transition.rules.js';
import { PUBLICATION_MACHINE, type PublicationParty } from '../publication.machine.js';

const LEGAL: Partial<Record<`${PublicationState}.${PublicationEvent}`, PublicationState>> = {
  'submitted.approve': 'approved',
  'submitted.reject': 'rejected',
  'submitted.requestChanges': 'changesRequested',
  'changesRequested.resubmit': 'submitted',
};
const BY: Record<PublicationEvent, PublicationParty> = {
  approve: 'reviewer',
  reject: 'reviewer',
  requestChanges: 'reviewer',
  resubmit: 'applicant',
};

const cases = PUBLICATION_STATES.flatMap((from) => PUBLICATION_EVENTS.map((event) => [from, event] as const));

describe('BX-18 / MNR-12 publication review state machine', () => {
  test.each(cases)(
    'BX-18 %s --%s--> as the table says, anything else PUBLICATION_TRANSITION_INVALID',
    (from, event) => {
      const to = LEGAL[`${from}.${event}`];
      const fire = () => applyTransition(PUBLICATION_MACHINE, from, event, [BY[event]]);
      if (to) expect(fire()).toBe(to);
      else expect(fire).toThrow(expect.objectContaining({ code: 'PUBLICATION_TRANSITION_INVALID', status: 409 }));
    },
  );

  test.each(PUBLICATION_EVENTS)('BX-18 %s by the wrong party is AUTH_FORBIDDEN', (event) => {
    const wrong: PublicationParty = BY[event] === 'reviewer' ? 'applicant' : 'reviewer';
    for (const from of PUBLICATION_STATES)
      expect(() => applyTransition(PUBLICATION_MACHINE, from, event, [wrong])).toThrow(
        expect.objectContaining({ code: 'AUTH_FORBIDDEN' }),
      );
  });

  test('BX-18 the reviewer decides a submitted request; the applicant resubmits after changes were requested', () => {
    expect(availableEvents(PUBLICATION_MACHINE, 'submitted', ['reviewer', 'applicant'])).toEqual([
      'approve',
      'reject',
      'requestChanges',
    ]);
    expect(availableEvents(PUBLICATION_MACHINE, 'changesRequested', ['applicant'])).toEqual(['resubmit']);
    expect(availableEvents(PUBLICATION_MACHINE, 'approved', ['reviewer', 'applicant'])).toEqual([]);
    expect(availableEvents(PUBLICATION_MACHINE, 'rejected', ['reviewer', 'applicant'])).toEqual([]);
  });
});
