import { describe, expect, it } from 'vitest';
import { formatFormNumber } from '../../../platform/numbering/form-number.rules.js';
import {
  agreementInForce,
  agreementValidUntil,
  deadlineAction,
  handoverIdentity,
  initialDecision,
  reviewOutcome,
  submitOutcome,
  usageLogProblem,
} from '../application.rules.js';

describe('application rules', () => {
  it.each([
    ['SQB', 2026, 1, 'SQB-2026-001'],
    ['YJD', 2026, 42, 'YJD-2026-042'],
    ['SQB', 2027, 1234, 'SQB-2027-1234'],
  ])('BX-22: %s %i #%i → %s', (p, y, n, out) => expect(formatFormNumber(p, y, n)).toBe(out));

  it('ZS-12/ZS-21: sharing type decides the path', () => {
    expect(initialDecision('unconditional', null)).toBe('auto');
    expect(initialDecision('conditional', null)).toBe('pending');
    expect(initialDecision('none', '《测绘成果管理条例》第十八条')).toEqual({
      code: 'APPLICATION_ITEM_NOT_SHAREABLE',
      basis: '《测绘成果管理条例》第十八条',
    });
    expect(submitOutcome(['auto', 'auto'])).toBe('approved');
    expect(submitOutcome(['auto', 'pending'])).toBe('inReview');
  });

  const lines = [
    { id: 'a', decision: 'auto' as const },
    { id: 'p1', decision: 'pending' as const },
    { id: 'p2', decision: 'pending' as const },
  ];
  it('MNR-15: every pending line needs a decision, a rejection its reason', () => {
    expect(reviewOutcome(lines, [{ lineId: 'p1', approved: true }])).toEqual({
      code: 'APPLICATION_REVIEW_INCOMPLETE',
      missing: ['p2'],
    });
    expect(reviewOutcome(lines, [{ lineId: 'a', approved: true }])).toMatchObject({
      code: 'APPLICATION_REVIEW_UNKNOWN_LINE',
    });
    expect(
      reviewOutcome(lines, [
        { lineId: 'p1', approved: true },
        { lineId: 'p2', approved: false, reason: '  ' },
      ]),
    ).toMatchObject({ code: 'APPLICATION_REJECT_REASON_REQUIRED', lineId: 'p2' });
  });

  it('MNR-16: approved when anything is provided, rejected when nothing is', () => {
    const partial = reviewOutcome(lines, [
      { lineId: 'p1', approved: false, reason: '涉密范围超出用途' },
      { lineId: 'p2', approved: false, reason: '同上' },
    ]);
    expect(partial).toMatchObject({ outcome: 'approved' }); // the unconditional line still goes out
    const none = reviewOutcome(lines.slice(1), [
      { lineId: 'p1', approved: false, reason: '用途不明' },
      { lineId: 'p2', approved: false, reason: '用途不明' },
    ]);
    expect(none).toMatchObject({ outcome: 'rejected' });
  });

  it.each([
    ['2026-11-23', '2029-11-22'],
    ['2024-02-29', '2027-02-28'],
    ['2026-01-01', '2028-12-31'],
  ])('BX-F4: signed %s → valid until %s (three years)', (signed, until) => {
    expect(agreementValidUntil(signed)).toBe(until);
    expect(agreementInForce({ signedOn: signed, validUntil: until }, until)).toBe(true);
  });

  it('BX-F3/F5: a handler picks up; anyone else needs an introduction letter', () => {
    expect(handoverIdentity('h1', ['h0', 'h1'], undefined)).toBe('handler');
    expect(handoverIdentity('x', ['h0'], '住建介字〔2026〕12 号')).toBe('introduced');
    expect(handoverIdentity('x', ['h0'], '  ')).toBe('refused');
  });

  const base = { description: '说明', occurredOn: '2026-11-25' };
  it.each([
    [{ ...base, kind: 'use' }, null],
    [{ ...base, kind: 'use', occurredOn: '2026-11-19' }, 'USAGE_LOG_DATE_INVALID'],
    [{ ...base, kind: 'use', occurredOn: '2026-12-01' }, 'USAGE_LOG_DATE_INVALID'],
    [{ ...base, kind: 'copy' }, 'USAGE_LOG_COPIES_REQUIRED'],
    [{ ...base, kind: 'copy', copies: 2 }, null],
    [{ ...base, kind: 'delegation', thirdPartyName: '某测绘公司' }, 'USAGE_LOG_THIRD_PARTY_AGREEMENT_REQUIRED'],
    [{ ...base, kind: 'delegation', thirdPartyName: '某公司', thirdPartyAgreementNo: 'BM-1' }, null],
    [
      { ...base, kind: 'delegation', thirdPartyName: 'X Ltd', thirdPartyAgreementNo: 'BM-2', thirdPartyForeign: true },
      'USAGE_LOG_FOREIGN_APPROVAL_REQUIRED',
    ],
    [{ ...base, kind: 'destruction' }, 'USAGE_LOG_WITNESS_REQUIRED'],
    [{ ...base, kind: 'destruction', witness: '王五' }, null],
  ] as const)('BX-23: %j → %s', (entry, problem) => {
    expect(usageLogProblem(entry, '2026-11-20', '2026-11-30')).toBe(problem);
  });

  it.each([
    [3, { reminded: false, escalated: false }, null],
    [1, { reminded: false, escalated: false }, 'remind'],
    [0, { reminded: true, escalated: false }, null],
    [-1, { reminded: true, escalated: false }, 'escalate'],
    [-2, { reminded: true, escalated: true }, null],
  ] as const)('ZS-21: %i working days left, %j → %s', (left, already, action) => {
    expect(deadlineAction(left, already)).toBe(action);
  });
});
