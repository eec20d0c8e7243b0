import { describe, expect, test } from 'vitest';
import { createFieldCipher } from '../field-cipher.js';

describe('ZS-19 ID numbers are encrypted at rest with SM4', () => {
  const c = createFieldCipher(Buffer.alloc(32, 1));

  test('ZS-19 round trip, random IV, deterministic lookup digest', () => {
    const a = c.encrypt('11010519491231002X');
    const b = c.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(c.decrypt(a)).toBe('11010519491231002X');
    expect(c.lookupHash('11010519491231002X')).toBe(c.lookupHash('11010519491231002X'));
  });

  test('ZS-25 a flipped byte fails the MAC', () => {
    const s = c.encrypt('11010519491231002X');
    const raw = Buffer.from(s.slice(3), 'base64');
    raw[20] = (raw[20] ?? 0) ^ 1;
    expect(() => c.decrypt(`v1:${raw.toString('base64')}`)).toThrow(/MAC/);
  });

  test('a different secret cannot decrypt', () => {
    const other = createFieldCipher(Buffer.alloc(32, 2));
    expect(() => other.decrypt(c.encrypt('x'))).toThrow();
  });
});
