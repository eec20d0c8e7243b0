import type { RequestContext } from '../../platform/auth/actor.js';
import type { AgreementService } from './agreement.service.js';

/**
 * Short-lived memory of granted tile access (BX-16, MNR-16): a map view asks for dozens of tiles of the same entry per
 * second, and the catalogue lookup + access check behind each one is two database queries on the event loop. Only
 * grants are kept — a denial (classified, not shared, agreement not signed …) is checked again on every request — and
 * each for at most `TILE_ACCESS_TTL_MS`.
 *
 * Staleness bound: in this process an entry is dropped the moment the catalogue commits a change to it (item edit,
 * e.g. reclassification; publish / withdraw; collection edit or publish — `invalidate`), and grants of the online
 * agreement when a new version is published (`clear`). Another server process sharing the database sees such a
 * change at most `TILE_ACCESS_TTL_MS` later. A lookup that started before an invalidation never stores its (possibly
 * old) answer.
 */

/** How long a grant is reused, milliseconds (monotonic time, not the business clock). */
export const TILE_ACCESS_TTL_MS = 5_000;
/** Grants kept at most (viewer × entry); the least recently stored go first. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  expires: number;
  collectionId: string;
  itemId: string | null;
}

/** Who is asking, as far as access rules can tell callers apart: the user with org, roles and clearance, or nobody. */
export function viewerKey(ctx: RequestContext): string {
  const a = ctx.actor;
  return a ? `u:${a.userId}:${a.orgId}:${[...a.roles].sort().join(',')}:${a.clearance}` : 'anonymous';
}

export class TileAccessCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** bumped by every invalidation: a lookup that saw another epoch does not store its answer */
  private epoch = 0;

  constructor(
    private readonly ttlMs = TILE_ACCESS_TTL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The kept grant for `key`, or `load()`'s answer (kept when it resolves; a rejection is not kept). */
  async get(key: string, collectionId: string, itemId: string | null, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch) {
      this.entries.delete(key);
      this.entries.set(key, { value, expires: this.now() + this.ttlMs, collectionId, itemId });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Drops what was kept for an entry, or for every entry of a collection (`itemId` null). */
  invalidate(collectionId: string, itemId: string | null): void {
    this.epoch++;
    for (const [k, e] of this.entries) {
      if (e.collectionId === collectionId && (itemId === null || e.itemId === null || e.itemId === itemId))
        this.entries.delete(k);
    }
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}

/** `AgreementService.assertSigned` for tiles (MNR-16): a signature found is reused per user and collection. */
export class SignedAgreementCache {
  private readonly signed = new TileAccessCache<true>();

  constructor(private readonly agreements: AgreementService) {
    agreements.onNewVersion(() => this.signed.clear());
  }

  async assertSigned(ctx: RequestContext, collectionId: string): Promise<void> {
    if (!ctx.actor) return;
    await this.signed.get(`${ctx.actor.userId}|${collectionId}`, collectionId, null, async () => {
      await this.agreements.assertSigned(ctx, collectionId);
      return true;
    });
  }
}
