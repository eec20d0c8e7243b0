import type { VerificationReason } from '@geoshare/shared';
import { sm2Verify } from '../../platform/crypto/sm2.js';

/** A sealed document's stored evidence: the digest as issued, its signature and the signing key. */
export interface SealEvidence {
  sm3: string;
  signature: string;
  publicKey: string;
}

/**
 * ZS-14: a file is genuine when the stored signature verifies over the stored digest AND the file's own SM3 equals
 * that digest. The signature is judged first: when the record itself was tampered with, no file can be genuine.
 */
export function judgeSeal(e: SealEvidence, fileSm3: string): { valid: boolean; reason: VerificationReason } {
  if (!sm2Verify(e.publicKey, Buffer.from(e.sm3, 'hex'), e.signature))
    return { valid: false, reason: 'SIGNATURE_INVALID' };
  if (fileSm3 !== e.sm3) return { valid: false, reason: 'ALTERED' };
  return { valid: true, reason: 'OK' };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document ids are UUIDs; anything else cannot name a document (and never reaches SQL as a uuid cast). */
export const isDocumentId = (id: string): boolean => UUID.test(id);

/** `https://host/` → `https://host/verify/<id>`: the public verification page printed as a QR code. */
export const verifyUrl = (baseUrl: string, id: string): string => `${baseUrl.replace(/\/+$/, '')}/verify/${id}`;
