import { CatalogService } from './modules/catalog/catalog.service.js';
import { IngestService } from './modules/catalog/ingest.service.js';
import { AdminAreaService } from './modules/geo/admin-area.service.js';
import { OrgService } from './modules/identity/org.service.js';
import type { SecurityPolicy } from './modules/identity/security.policy.js';
import { SessionService } from './modules/identity/session.service.js';
import { UserService } from './modules/identity/user.service.js';
import { TileService } from './modules/sharing/tile.service.js';
import { UsageService } from './modules/sharing/usage.service.js';
import { AuditService } from './platform/audit/audit.service.js';
import type { CalendarData } from './platform/calendar/calendar.rules.js';
import { CalendarService } from './platform/calendar/calendar.service.js';
import type { Clock } from './platform/clock.js';
import { createFieldCipher } from './platform/crypto/field-cipher.js';
import type { Db } from './platform/db/db.port.js';
import { storageSource, TileRenderer } from './platform/raster/tile.render.js';
import type { Storage } from './platform/storage/storage.port.js';

/** The ports the platform runs on; only server.ts (and tests) decide what they are. */
export interface Ports {
  db: Db;
  clock: Clock;
  /** ≥ 32 random bytes: derives the field-encryption keys (SM4) and lookup digests */
  secret: Uint8Array;
  calendarData: CalendarData;
  security: SecurityPolicy;
  /** asset files (COGs, thumbnails) */
  storage: Storage;
}

/** Wires each service with exactly the dependencies it names. */
export function buildServices(p: Ports) {
  const audit = new AuditService(p.db, p.clock);
  const usage = new UsageService(p.db, p.clock);
  const catalog = new CatalogService(p.db, audit, p.clock, p.storage, usage);
  return {
    db: p.db,
    audit,
    calendar: new CalendarService(p.db, p.calendarData, audit, p.clock),
    orgs: new OrgService(p.db, audit, p.clock),
    users: new UserService(p.db, audit, p.clock, createFieldCipher(p.secret), p.security),
    sessions: new SessionService(p.db, audit, p.clock, p.security),
    adminAreas: new AdminAreaService(p.db),
    catalog,
    ingest: new IngestService(p.db, p.storage, catalog),
    tiles: new TileService(catalog, new TileRenderer(storageSource(p.storage)), usage),
    usage,
    storage: p.storage,
  };
}
export type Services = ReturnType<typeof buildServices>;
