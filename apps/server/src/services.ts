import {
  AGREEMENT_SUBJECT,
  APPLICATION_SUBJECT,
  ApplicationDocuments,
} from './modules/applications/application.documents.js';
import { ApplicationService } from './modules/applications/application.service.js';
import { CatalogService, type OnlineUseGate } from './modules/catalog/catalog.service.js';
import { IngestService } from './modules/catalog/ingest.service.js';
import { DocumentService } from './modules/documents/document.service.js';
import { FeedbackService } from './modules/feedback/feedback.service.js';
import { AdminAreaService } from './modules/geo/admin-area.service.js';
import { OrgService } from './modules/identity/org.service.js';
import type { SecurityPolicy } from './modules/identity/security.policy.js';
import { SessionService } from './modules/identity/session.service.js';
import { UserService } from './modules/identity/user.service.js';
import { NegotiationService } from './modules/negotiation/negotiation.service.js';
import { NotificationService } from './modules/notifications/notification.service.js';
import { PublicationService } from './modules/publication/publication.service.js';
import { AgreementService } from './modules/sharing/agreement.service.js';
import { DownloadService } from './modules/sharing/download.service.js';
import { DownloadQuotaService } from './modules/sharing/download-quota.service.js';
import { MosaicService } from './modules/sharing/mosaic.service.js';
import { TileService } from './modules/sharing/tile.service.js';
import { TokenService } from './modules/sharing/token.service.js';
import { UsageService } from './modules/sharing/usage.service.js';
import { AuditService } from './platform/audit/audit.service.js';
import type { CalendarData } from './platform/calendar/calendar.rules.js';
import { CalendarService } from './platform/calendar/calendar.service.js';
import type { Clock } from './platform/clock.js';
import { createFieldCipher } from './platform/crypto/field-cipher.js';
import type { Db } from './platform/db/db.port.js';
import { inProcessPixels, pixelPool } from './platform/raster/pixel-pool.js';
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
  /** worker threads for tile pixel work (default: the cores available); 0 runs it on the event loop (bench baseline) */
  pixelThreads?: number;
}

/** Wires each service with exactly the dependencies it names. */
export function buildServices(p: Ports) {
  const audit = new AuditService(p.db, p.clock);
  const usage = new UsageService(p.db, p.clock);
  // Data files need the collection's online agreement (MNR-16): the agreement service, built below, is the gate.
  const onlineUse: OnlineUseGate = {
    assertSigned: (ctx, collectionId): Promise<void> => agreements.assertSigned(ctx, collectionId),
  };
  const catalog = new CatalogService(p.db, audit, p.clock, p.storage, usage, onlineUse);
  // Tile pixel work off the event loop; the app stops the workers when it closes.
  const pixels = p.pixelThreads === 0 ? inProcessPixels() : pixelPool(p.pixelThreads);
  const tileRenderer = new TileRenderer(storageSource(p.storage), pixels);
  const calendar = new CalendarService(p.db, p.calendarData, audit, p.clock);
  const agreements = new AgreementService(p.db, audit, p.clock, catalog);
  const downloadQuotas = new DownloadQuotaService(p.db, audit, p.clock);
  const documents = new DocumentService(p.db, audit, p.clock, p.storage, createFieldCipher(p.secret));
  const notifications = new NotificationService(p.db, p.clock);
  const cipher = createFieldCipher(p.secret);
  const applications = new ApplicationService(
    p.db,
    audit,
    p.clock,
    calendar,
    cipher,
    notifications,
    new ApplicationDocuments(documents, cipher),
  );
  documents.registerAccess(APPLICATION_SUBJECT, (ctx, id) => applications.maySee(ctx, id));
  documents.registerAccess(AGREEMENT_SUBJECT, (ctx, id) => applications.maySeeAgreement(ctx, id));
  return {
    db: p.db,
    audit,
    calendar,
    orgs: new OrgService(p.db, audit, p.clock),
    users: new UserService(p.db, audit, p.clock, createFieldCipher(p.secret), p.security),
    sessions: new SessionService(p.db, audit, p.clock, p.security),
    adminAreas: new AdminAreaService(p.db),
    catalog,
    ingest: new IngestService(p.db, p.storage, catalog),
    tiles: new TileService(catalog, tileRenderer, usage, agreements),
    mosaics: new MosaicService(p.db, catalog, tileRenderer, usage, p.clock, agreements),
    pixels,
    tileRenderer,
    usage,
    tokens: new TokenService(p.db, audit, p.clock, p.secret, usage),
    agreements,
    downloadQuotas,
    downloads: new DownloadService(
      p.db,
      audit,
      p.clock,
      p.storage,
      p.secret,
      catalog,
      agreements,
      usage,
      downloadQuotas,
    ),
    storage: p.storage,
    feedback: new FeedbackService(p.db, audit, p.clock, notifications),
    negotiation: new NegotiationService(p.db, audit, p.clock, notifications),
    publication: new PublicationService(p.db, audit, p.clock, calendar, p.storage, notifications),
    documents,
    notifications,
    applications,
  };
}
export type Services = ReturnType<typeof buildServices>;
