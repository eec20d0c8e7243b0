/**
 * `npm run audit:verify`: re-computes the SM3 audit chain (ZS-25) on the configured database (same environment as
 * `npm start`) and names the first tampered row. Exit code 0 = intact, 1 = tampered, 2 = could not run.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditService } from '../platform/audit/audit.service.js';
import { systemClock } from '../platform/clock.js';
import { lockDataDir } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/open.js';

const dataDir = resolve(process.env.GEOSHARE_DATA_DIR ?? './data');
const databaseUrl = process.env.DATABASE_URL || undefined;
try {
  if (!databaseUrl && !existsSync(join(dataDir, 'pglite'))) {
    throw new Error(
      `no embedded database in ${dataDir} (start the platform once, or set GEOSHARE_DATA_DIR / DATABASE_URL)`,
    );
  }
  const unlock = databaseUrl ? () => undefined : lockDataDir(dataDir, 'audit:verify');
  const db = await openDatabase({ databaseUrl, pgliteDir: join(dataDir, 'pglite') });
  const r = await new AuditService(db, systemClock).verify();
  await db.close();
  unlock();
  if (r.ok) {
    console.log(`审计链完整：共校验 ${r.checked} 条记录 (audit chain intact, ${r.checked} events)`);
    process.exit(0);
  }
  console.log(
    `审计链被篡改：第 #${r.firstBrokenId} 条 — ${r.reason} (audit chain broken at event #${r.firstBrokenId})`,
  );
  process.exit(1);
} catch (e) {
  console.error(`audit:verify could not run: ${(e as Error).message}`);
  process.exit(2);
}
