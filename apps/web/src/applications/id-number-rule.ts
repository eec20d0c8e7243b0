import { checkIdNumber } from '@geoshare/shared';
import type { FormRule } from 'antd';

/**
 * GB 11643 check of a handler's or receiver's ID number in the browser (ZS-19), naming the expected check
 * character when only that is wrong; the server checks again.
 */
export const idNumberRule: FormRule = {
  validator: async (_, value?: string) => {
    if (!value?.trim()) throw new Error('请输入身份证号码');
    const check = checkIdNumber(value);
    if (check.kind === 'badFormat') throw new Error('身份证号码应为 18 位，最后一位为数字或 X');
    if (check.kind === 'badBirthDate') throw new Error('身份证号码中的出生日期无效');
    if (check.kind === 'badCheck')
      throw new Error(`身份证号码校验位不正确，按前 17 位计算最后一位应为 ${check.expected}`);
  },
};
