import { APPLICATION_STATES, type ApplicationState } from '@geoshare/shared';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../platform/errors/domain-error.js';
import { applyTransition, availableEvents } from '../../../platform/workflow/transition.rules.js';
import {
  APPLICATION_MACHINE,
  type ApplicationEventName,
  type ApplicationParty,
  partiesOf,
} from '../application.machine.js';

const EVENTS: ApplicationEventName[] = ['submit', 'withdraw', 'review', 'prepare', 'notifyPickup', 'handOver'];
const ALL: ApplicationParty[] = ['applicant', 'reviewer', 'custodian'];

/** Every legal transition, spelled out with its party: the table must say exactly this (BX-22, MNR-15, ZS-21). */
const LEGAL: [ApplicationState, ApplicationEventName, ApplicationState, ApplicationParty][] = [
  ['draft', 'submit', 'inReview', 'applicant'],
  ['draft', 'submit', 'approved', 'applicant'],
  ['draft', 'withdraw', 'withdrawn', 'applicant'],
  ['inReview', 'withdraw', 'withdrawn', 'applicant'],
  ['inReview', 'review', 'approved', 'reviewer'],
  ['inReview', 'review', 'rejected', 'reviewer'],
  ['approved', 'prepare', 'preparing', 'custodian'],
  ['preparing', 'notifyPickup', 'ready', 'custodian'],
  ['ready', 'handOver', 'handedOver', 'custodian'],
];

const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('application state machine (BX-22)', () => {
  it.each(LEGAL)('BX-22: %s --%s--> %s by %s', (from, event, to, party) => {
    expect(applyTransition(APPLICATION_MACHINE, from, event, [party], to)).toBe(to);
    // any other single party is refused
    for (const other of ALL.filter((p) => p !== party)) {
      expect(code(() => applyTransition(APPLICATION_MACHINE, from, event, [other], to))).toBe('AUTH_FORBIDDEN');
    }
  });

  it('BX-22: every other state × event × target is a 409 APPLICATION_TRANSITION_INVALID', () => {
    const legal = new Set(LEGAL.map(([f, e, t]) => `${f}|${e}|${t}`));
    let refused = 0;
    for (const from of APPLICATION_STATES)
      for (const event of EVENTS)
        for (const to of APPLICATION_STATES) {
          if (legal.has(`${from}|${event}|${to}`)) continue;
          expect(
            code(() => applyTransition(APPLICATION_MACHINE, from, event, ALL, to)),
            `${from} ${event} ${to}`,
          ).toBe('APPLICATION_TRANSITION_INVALID');
          refused += 1;
        }
    expect(refused).toBe(APPLICATION_STATES.length ** 2 * EVENTS.length - LEGAL.length);
  });

  it('terminal states allow nothing', () => {
    for (const s of ['rejected', 'handedOver', 'withdrawn'] as const) {
      expect(availableEvents(APPLICATION_MACHINE, s, ALL)).toEqual([]);
    }
  });

  it.each([
    ['draft', { isApplicant: true, roles: [] }, ['submit', 'withdraw']],
    ['draft', { isApplicant: false, roles: ['reviewer'] }, []],
    ['inReview', { isApplicant: false, roles: ['reviewer'] }, ['review']],
    ['inReview', { isApplicant: true, roles: ['reviewer'] }, ['withdraw', 'review']],
    ['approved', { isApplicant: true, roles: ['departmentClerk'] }, []],
    ['approved', { isApplicant: false, roles: ['custodian'] }, ['prepare']],
    ['ready', { isApplicant: false, roles: ['custodian'] }, ['handOver']],
  ] as const)('MNR-15: in %s, %j may %j', (state, caller, events) => {
    expect(availableEvents(APPLICATION_MACHINE, state, partiesOf(caller))).toEqual(events);
  });
});
