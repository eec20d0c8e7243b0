import { describe, expect, test } from 'vitest';
import { checkCreditCode } from '../credit-code.js';
import { checkIdNumber, maskIdNumber } from '../id-number.js';

describe('ZS-19 unified social credit code (GB 32100)', () => {
  test.each([
    ['91110000600037341L', 'valid'],
    ['91110000600037341N', 'badCheck'],
    ['91350100M0001TGQXM', 'badCheck'], // a real legacy code: accepted only with an override
    [' 91110000600037341l ', 'valid'], // trimmed, upper-cased
    ['9111000060003734', 'badFormat'],
    ['9111000060003734IL', 'badFormat'], // I is not in the alphabet
    ['', 'badFormat'],
  ])('ZS-19 %s → %s', (code, kind) => {
    expect(checkCreditCode(code).kind).toBe(kind);
  });

  test('ZS-19 names the expected check character', () => {
    expect(checkCreditCode('91110000600037341N')).toMatchObject({ kind: 'badCheck', expected: 'L' });
  });
});

describe('ZS-19 citizen ID number (GB 11643)', () => {
  test.each([
    ['11010519491231002X', 'valid'],
    ['36042619910102009X', 'badCheck'],
    ['11010519491231002x', 'valid'],
    ['110105194902300021', 'badBirthDate'], // 30 February
    ['1101051949123100', 'badFormat'],
  ])('ZS-19 %s → %s', (id, kind) => {
    expect(checkIdNumber(id).kind).toBe(kind);
  });

  test('ZS-19 masks all but the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
