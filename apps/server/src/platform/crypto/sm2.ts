import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 digital signatures (GB/T 32918.2) on the recommended curve sm2p256v1, for electronic seals (ZS-14).
 * Signing always hashes e = SM3(Z_A ‖ M) with Z_A over the default distinguishing identifier, so any conforming
 * implementation (GmSSL, BouncyCastle, a CA's verifier) checks our signatures. Node's own `sm2` key type is not used:
 * OpenSSL's EVP defaults differ (no Z_A unless told), which silently breaks interoperability.
 * Keys and signatures are lower-case hex: private key 64 chars, public key `04‖x‖y` 130 chars, signature r‖s 128 chars.
 */
export const SM2_USER_ID = '1234567812345678';

/** Order n of the sm2p256v1 base point (GB/T 32918.5): r and s must lie in [1, n-1]. */
const CURVE_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const PUBLIC_KEY = /^04[0-9a-f]{128}$/;
const PRIVATE_KEY = /^[0-9a-f]{64}$/;
const SIGNATURE = /^[0-9a-f]{128}$/;

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyOf(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex.toLowerCase());
}

/** Signs `message` (the hash with Z_A is computed here); returns r‖s as 128 hex chars. */
export function sm2Sign(privateKeyHex: string, message: Uint8Array): string {
  const d = privateKeyHex.toLowerCase();
  // A malformed key is a programming error, never user input: fail loudly instead of signing with garbage.
  if (!PRIVATE_KEY.test(d) || !inRange(BigInt(`0x${d}`))) throw new Error('invalid SM2 private key');
  return sm2.doSignature(message, d, { hash: true, userId: SM2_USER_ID, publicKey: sm2PublicKeyOf(d) });
}

/**
 * True only for a well-formed signature that verifies. The library skips the range checks of GB/T 32918.2 step B1/B2
 * and throws on some malformed input, so both are handled here: anything odd is simply "not valid".
 */
export function sm2Verify(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  const q = publicKeyHex.toLowerCase();
  const sig = signatureHex.toLowerCase();
  if (!PUBLIC_KEY.test(q) || !SIGNATURE.test(sig)) return false;
  if (!inRange(BigInt(`0x${sig.slice(0, 64)}`)) || !inRange(BigInt(`0x${sig.slice(64)}`))) return false;
  try {
    return sm2.doVerifySignature(message, sig, q, { hash: true, userId: SM2_USER_ID });
  } catch {
    // not a point on the curve, or the verification point is the point at infinity
    return false;
  }
}

const inRange = (v: bigint) => v >= 1n && v < CURVE_N;
