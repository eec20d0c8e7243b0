import { checkCreditCode } from '@geoshare/shared';
import { DomainError } from '../../platform/errors/domain-error.js';

/**
 * ZS-19: organisations are identified by the unified social credit code (GB 32100). A code failing the check
 * character is refused unless an admin confirms it is a legacy code (some codes issued before the standard
 * settled, e.g. 91350100M0001TGQXM, fail it) — then it is kept and marked `override`.
 */
export function decideCreditCode(
  input: string | null | undefined,
  acceptInvalid: boolean,
): { creditCode: string | null; creditCodeStatus: 'valid' | 'override' | null } {
  if (input === null || input === undefined || input.trim() === '') return { creditCode: null, creditCodeStatus: null };
  const r = checkCreditCode(input);
  switch (r.kind) {
    case 'valid':
      return { creditCode: r.code, creditCodeStatus: 'valid' };
    case 'badFormat':
      throw new DomainError('ORG_CREDIT_CODE_FORMAT', { creditCode: r.code });
    case 'badCheck':
      if (acceptInvalid) return { creditCode: r.code, creditCodeStatus: 'override' };
      throw new DomainError(
        'ORG_CREDIT_CODE_INVALID',
        { creditCode: r.code, expectedCheckCharacter: r.expected },
        `统一社会信用代码校验位不正确（GB 32100）：按前 17 位计算，第 18 位应为「${r.expected}」。如确为历史遗留代码，请勾选确认后保存`,
      );
  }
}
