/**
 * The audit chain (ZS-25, BX-21, MNR-16): hash = SM3(prev_hash ‖ canonical event), where the canonical event is
 * JSON with keys sorted at every depth. Pure: the hash function is passed in.
 */
export interface AuditEventFields {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys; `undefined` members dropped as JSON.stringify does, so jsonb round trips agree. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Only the event's own fields enter the hash (named one by one: a stored row also carries its hashes). */
export const chainHash = (hash: (s: string) => string, prevHash: string, e: AuditEventFields): string =>
  hash(
    prevHash +
      canonicalJson({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        orgId: e.orgId,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        summary: e.summary,
        ip: e.ip,
      }),
  );

export interface StoredAuditEvent extends AuditEventFields {
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: number; reason: string };

/**
 * Walks events in id order, continuing from `prevHash` / `expectedId` (so a long chain can be checked in pages),
 * and names the first event whose link, hash or position is wrong.
 */
export function verifyChain(
  hash: (s: string) => string,
  events: StoredAuditEvent[],
  start: { prevHash: string; expectedId: number },
): ChainCheck & { prevHash: string; expectedId: number } {
  let { prevHash, expectedId } = start;
  let checked = 0;
  for (const e of events) {
    const broken = (reason: string) => ({
      ok: false as const,
      checked,
      firstBrokenId: e.id,
      reason,
      prevHash,
      expectedId,
    });
    if (e.id !== expectedId) return broken(`编号不连续：期望 #${expectedId}，实际 #${e.id}（有记录被删除或插入）`);
    if (e.prevHash !== prevHash) return broken('前序哈希与上一条记录不一致（链被改接）');
    if (chainHash(hash, prevHash, e) !== e.hash) return broken('记录内容与其哈希不符（内容被篡改）');
    prevHash = e.hash;
    expectedId += 1;
    checked += 1;
  }
  return { ok: true, checked, prevHash, expectedId };
}
