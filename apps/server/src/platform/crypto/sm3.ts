import { createHash, createHmac } from 'node:crypto';

/** SM3 (GB/T 32905) hex digest: the platform's hash for checksums, audit chain and token storage. */
export const sm3Hex = (data: string | Uint8Array): string => createHash('sm3').update(data).digest('hex');

/** HMAC-SM3 hex: a keyed, deterministic digest used to look up encrypted values (e.g. ID numbers). */
export const hmacSm3Hex = (key: Uint8Array, data: string): string => createHmac('sm3', key).update(data).digest('hex');
