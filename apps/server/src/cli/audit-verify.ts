/**
 * `npm run audit:verify`: re-computes the SM3 audit chain (ZS-25) on the configured database (same environment as
 * `npm start`) and names the first tampered row. Exit code 0 = intact, 1 = tampered, 2 = could not run.
 */
import { AuditService } from '../platform/audit/audit.service.js';
import { systemClock } from '../platform/clock.js';
import { openRuntime } from '../runtime.js';

try {
  const rt = await openRuntime(process.env, 'audit:verify');
  const r = await new AuditService(rt.ports.db, systemClock).verify();
  await rt.close();
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
