/**
 * Citizen ID number (公民身份号码) per GB 11643-1999 (ZS-19): 6-digit area, 8-digit birth date,
 * 3-digit sequence, ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberCheck =
  | { kind: 'valid'; idNumber: string; birthDate: string }
  | { kind: 'badFormat' }
  | { kind: 'badBirthDate' }
  | { kind: 'badCheck'; expected: string };

export function checkIdNumber(input: string): IdNumberCheck {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { kind: 'badFormat' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { kind: 'badBirthDate' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id.charAt(i)) * (WEIGHTS[i] as number);
  const expected = CHECK.charAt(sum % 11);
  if (id.charAt(17) !== expected) return { kind: 'badCheck', expected };
  return { kind: 'valid', idNumber: id, birthDate: id.slice(6, 14).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3') };
}

/** Shows the first 6 and last 4 characters only, as government systems display ID numbers. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
