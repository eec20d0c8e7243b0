import { FEEDBACK_EVENTS, FEEDBACK_STATES, type FeedbackEvent, type FeedbackState } from '@geoshare/shared';
import { describe, expect, test } from 'vitest';
import { applyTransition, availableEvents } from '../../../platform/workflow/transition.rules.js';
import { FEEDBACK_MACHINE } from '../feedback.machine.js';

const LEGAL: Partial<Record<`${FeedbackState}.${FeedbackEvent}`, FeedbackState>> = {
  'open.confirm': 'confirmed',
  'open.dismiss': 'dismissed',
  'confirmed.resolve': 'resolved',
};

const cases = FEEDBACK_STATES.flatMap((from) => FEEDBACK_EVENTS.map((event) => [from, event] as const));

describe('MNR-19 feedback state machine', () => {
  test.each(cases)('MNR-19 %s --%s--> as the table says, anything else FEEDBACK_TRANSITION_INVALID', (from, event) => {
    const to = LEGAL[`${from}.${event}`];
    const fire = () => applyTransition(FEEDBACK_MACHINE, from, event, ['handler']);
    if (to) expect(fire()).toBe(to);
    else expect(fire).toThrow(expect.objectContaining({ code: 'FEEDBACK_TRANSITION_INVALID', status: 409 }));
  });

  test.each(cases)(
    'MNR-19 only the custodian side may %s → %s (others AUTH_FORBIDDEN, whatever the state)',
    (from, event) => {
      expect(() => applyTransition(FEEDBACK_MACHINE, from, event, [])).toThrow(
        expect.objectContaining({ code: 'AUTH_FORBIDDEN', status: 403 }),
      );
    },
  );

  test('MNR-19 dismissed and resolved are final; the custodian sees the buttons of the current state only', () => {
    expect(availableEvents(FEEDBACK_MACHINE, 'open', ['handler'])).toEqual(['confirm', 'dismiss']);
    expect(availableEvents(FEEDBACK_MACHINE, 'confirmed', ['handler'])).toEqual(['resolve']);
    expect(availableEvents(FEEDBACK_MACHINE, 'dismissed', ['handler'])).toEqual([]);
    expect(availableEvents(FEEDBACK_MACHINE, 'resolved', ['handler'])).toEqual([]);
    expect(availableEvents(FEEDBACK_MACHINE, 'open', [])).toEqual([]);
  });
});
