/**
 * Unified social credit code (统一社会信用代码) per GB 32100-2015 (ZS-19).
 * 18 characters from the 31-symbol alphabet below (no I, O, S, V, Z); the last one is a check character:
 * C18 = 31 - (Σ Ci·Wi mod 31), Wi = 3^(i-1) mod 31, with 31 written as 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type CreditCodeCheck =
  | { kind: 'valid'; code: string }
  | { kind: 'badFormat'; code: string }
  | { kind: 'badCheck'; code: string; expected: string };

export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { kind: 'badFormat', code };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * (WEIGHTS[i] as number);
  const expected = ALPHABET.charAt((31 - (sum % 31)) % 31);
  return code.charAt(17) === expected ? { kind: 'valid', code } : { kind: 'badCheck', code, expected };
}
