import { describe, expect, test } from 'vitest';
import { sniffMediaType } from '../attachment.rules.js';

const bytes = (...b: number[]) => Uint8Array.from([...b, 0, 1, 2, 3]);

describe('BX-18 publication attachments are recognised by their content', () => {
  test.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['PDF', Uint8Array.from(Buffer.from('%PDF-1.7\n')), 'application/pdf'],
    ['GIF named .png', Uint8Array.from(Buffer.from('GIF89a')), null],
    ['TIFF', bytes(0x49, 0x49, 0x2a, 0x00), null],
    ['a truncated PNG signature', bytes(0x89, 0x50, 0x4e), null],
    ['empty', new Uint8Array(0), null],
  ] as const)('BX-18 %s → %s', (_name, data, type) => {
    expect(sniffMediaType(data)).toBe(type);
  });
});
