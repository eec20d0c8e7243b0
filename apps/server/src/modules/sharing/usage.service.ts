import type { RequestContext } from '../../platform/auth/actor.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/db.port.js';
import { usageWorkbook } from './usage.export.js';
import { type UsageCount, type UsageFilter, type UsageStatsRow, usageRepository } from './usage.repository.js';

/** China Standard Time calendar day of an instant: usage statistics are kept in local days. */

/**
 * Records online use automatically (MNR-16, BX-21). Counts are aggregated in memory per day / user / item / kind and
 * written in one statement per flush (every few seconds and when the app closes), so serving a tile never waits on a
 * database write. A crash loses at most one flush interval of counts, never the audit trail of data downloads (those
 * are audited individually by the catalogue).
 */
export class UsageService {
  private pending = new Map<string, UsageCount>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  count(ctx: RequestContext, collectionId: string, itemId: string, kind: UsageCount['kind'], bytes = 0): void {
    const day = chinaDate(this.clock.now());
    const userId = ctx.actor?.userId ?? null;
    const key = `${day}|${userId}|${collectionId}|${itemId}|${kind}`;
    const c = this.pending.get(key);
    if (c) {
      c.count += 1;
      c.bytes += bytes;
    } else {
      this.pending.set(key, {
        day,
        userId,
        orgId: ctx.actor?.orgId ?? null,
        collectionId,
        itemId,
        kind,
        count: 1,
        bytes,
      });
    }
  }

  /** Writes the pending counts; counts that fail to write are kept for the next flush. */
  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await usageRepository.add(this.db, batch);
    } catch (e) {
      for (const c of batch) {
        const key = `${c.day}|${c.userId}|${c.collectionId}|${c.itemId}|${c.kind}`;
        const now = this.pending.get(key);
        if (now) {
          now.count += c.count;
          now.bytes += c.bytes;
        } else this.pending.set(key, c);
      }
      throw e;
    }
  }

  async stats(f: UsageFilter): Promise<UsageStatsRow[]> {
    await this.flush();
    return usageRepository.stats(this.db, f);
  }

  /** The statistics as an .xlsx workbook (MNR-16): one row per group and kind, with a title and a totals row. */
  async workbook(f: UsageFilter): Promise<Buffer> {
    const rows = await this.stats(f);
    const totals = await usageRepository.totals(this.db, f);
    return usageWorkbook(f, rows, totals, this.clock.now());
  }
}
