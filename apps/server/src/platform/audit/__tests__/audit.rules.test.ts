import { describe, expect, test } from 'vitest';
import { sm3Hex } from '../../crypto/sm3.js';
import { canonicalJson, chainHash, GENESIS_HASH, type StoredAuditEvent, verifyChain } from '../audit.rules.js';

function chain(n: number): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f = {
      id: i,
      at: new Date(Date.UTC(2026, 10, 23, 2, i)),
      actorId: null,
      actorName: null,
      orgId: null,
      action: 'x.y',
      objectType: 'x',
      objectId: String(i),
      summary: { i, z: [1, { b: 2, a: 1 }] },
      ip: '127.0.0.1',
    };
    const hash = chainHash(sm3Hex, prev, f);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('ZS-25 audit chain rules', () => {
  test('ZS-25 canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":1}]},"b":1}',
    );
  });

  test('ZS-25 SM3 matches the GB/T 32905 test vector', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  test('ZS-25 an intact chain verifies', () => {
    expect(verifyChain(sm3Hex, chain(5), { prevHash: GENESIS_HASH, expectedId: 1 })).toMatchObject({
      ok: true,
      checked: 5,
    });
  });

  test.each([
    [
      'edited content',
      (c: StoredAuditEvent[]) => {
        c[2]!.summary = { i: 99 };
      },
      3,
    ],
    [
      'deleted row',
      (c: StoredAuditEvent[]) => {
        c.splice(1, 1);
      },
      3,
    ],
    [
      're-linked row',
      (c: StoredAuditEvent[]) => {
        c[3]!.prevHash = GENESIS_HASH;
      },
      4,
    ],
  ])('ZS-25 detects %s at the first affected id', (_name, tamper, id) => {
    const c = chain(5);
    tamper(c);
    expect(verifyChain(sm3Hex, c, { prevHash: GENESIS_HASH, expectedId: 1 })).toMatchObject({
      ok: false,
      firstBrokenId: id,
    });
  });
});
