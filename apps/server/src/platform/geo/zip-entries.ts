/**
 * Names of the files in a ZIP archive, read from its central directory — without inflating anything. Used to refuse
 * archives that are not a Shapefile before a parser sees them (shpjs spins forever on some malformed input).
 * Returns null when the bytes are not a well-formed ZIP.
 */
export function zipEntryNames(buf: Uint8Array): string[] | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes at the very end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== CENTRAL) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > buf.length) return null;
    names.push(decoder.decode(buf.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
