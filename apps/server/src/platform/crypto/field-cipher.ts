import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSm3Hex } from './sm3.js';

/**
 * Encryption at rest for personal data (ZS-19, ZS-25): SM4-CBC with a random IV, then HMAC-SM3 over IV‖ciphertext
 * (encrypt-then-MAC; Node's OpenSSL has no SM4-GCM). Sub-keys are derived from the platform secret with HKDF-SM3,
 * so the encryption key, the MAC key and the lookup key are independent.
 * Stored form: `v1:` + base64(iv ‖ ciphertext ‖ mac32).
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed digest for equality look-ups without decrypting. */
  lookupHash(plain: string): string;
}

export function createFieldCipher(secret: Uint8Array): FieldCipher {
  if (secret.length < 32) throw new Error('platform secret must be at least 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), info, 16 + 16));
  const encKey = derive('geoshare field enc').subarray(0, 16);
  const macKey = derive('geoshare field mac');
  const lookupKey = derive('geoshare field lookup');
  const mac = (data: Buffer) => createHmac('sm3', macKey).update(data).digest();

  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-cbc', encKey, iv);
      const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
      return `v1:${Buffer.concat([body, mac(body)]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1:')) throw new Error('unknown field cipher version');
      const raw = Buffer.from(stored.slice(3), 'base64');
      const body = raw.subarray(0, raw.length - 32);
      if (!timingSafeEqual(mac(body), raw.subarray(raw.length - 32))) throw new Error('field cipher MAC mismatch');
      const d = createDecipheriv('sm4-cbc', encKey, body.subarray(0, 16));
      return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
    },
    lookupHash: (plain) => hmacSm3Hex(lookupKey, plain),
  };
}
