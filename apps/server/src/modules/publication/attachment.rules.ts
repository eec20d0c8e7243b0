import type { PublicationMediaType } from '@geoshare/shared';

/** File signatures (first bytes): the type is read from the content, never from the name or the browser's claim. */
const SIGNATURES: { type: PublicationMediaType; magic: number[] }[] = [
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** The media type of an attachment by its magic bytes; null for anything but PNG, JPEG or PDF. */
export function sniffMediaType(data: Uint8Array): PublicationMediaType | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => data[i] === b))?.type ?? null;
}
