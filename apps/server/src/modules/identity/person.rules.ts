import { checkIdNumber } from '@geoshare/shared';
import { DomainError } from '../../platform/errors/domain-error.js';

/** ZS-19: the normalised GB 11643 ID number, or PERSON_ID_NUMBER_INVALID naming what is wrong with it. */
export function requireValidIdNumber(input: string): string {
  const r = checkIdNumber(input);
  if (r.kind === 'valid') return r.idNumber;
  const why = {
    badFormat: '应为 17 位数字加 1 位数字或 X',
    badBirthDate: '出生日期不存在',
    badCheck: '校验位不正确',
  }[r.kind];
  throw new DomainError('PERSON_ID_NUMBER_INVALID', { reason: r.kind }, `身份证号码不正确（GB 11643）：${why}`);
}
