import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { applicationRoutes } from './modules/applications/application.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { ingestRoutes } from './modules/catalog/ingest.routes.js';
import { stacRoutes } from './modules/catalog/stac.routes.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { feedbackRoutes } from './modules/feedback/feedback.routes.js';
import { geoRoutes } from './modules/geo/geo.routes.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { negotiationRoutes } from './modules/negotiation/negotiation.routes.js';
import { notificationRoutes } from './modules/notifications/notification.routes.js';
import { publicationRoutes } from './modules/publication/publication.routes.js';
import { agreementRoutes } from './modules/sharing/agreement.routes.js';
import { downloadRoutes } from './modules/sharing/download.routes.js';
import { downloadQuotaRoutes } from './modules/sharing/download-quota.routes.js';
import { mosaicRoutes } from './modules/sharing/mosaic.routes.js';
import { tileRoutes } from './modules/sharing/tile.routes.js';
import { tokenRoutes } from './modules/sharing/token.routes.js';
import { usageRoutes } from './modules/sharing/usage.routes.js';
import { wmtsRoutes } from './modules/sharing/wmts.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { registerErrorHandler } from './platform/errors/error-handler.js';
import type { App, AppConfig } from './platform/http/app-types.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { buildServices, type Ports } from './services.js';

const USAGE_FLUSH_MS = 5000;
const DOWNLOAD_SWEEP_MS = 3600_000;
const DEADLINE_SWEEP_MS = 600_000;

export interface AppDeps extends Ports {
  config: AppConfig;
  /** built web UI (apps/web/dist); served with SPA fallback when present */
  webDistDir?: string;
  logger?: FastifyServerOptions['logger'];
  version?: string;
}

/** Builds the whole platform as a Fastify instance; it never reads the environment or listens. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', buildServices(deps));
  app.decorate('config', deps.config);
  // Usage counts (MNR-16) are flushed every few seconds and once more when the app closes.
  every(app, USAGE_FLUSH_MS, 'usage flush', () => app.services.usage.flush());
  app.addHook('onClose', () => app.services.usage.flush());
  // The tile pixel workers (started on first tile) stop with the app.
  app.addHook('onClose', () => app.services.pixels.close());
  // Cached COG headers keep their file open between tiles; closed with the app.
  app.addHook('onClose', () => app.services.tileRenderer.close());
  // Generated download files (area clips, watermarked previews) are removed once their link has expired.
  every(app, DOWNLOAD_SWEEP_MS, 'download clean-up', () => app.services.downloads.cleanExpired());
  // ZS-21: review deadlines of data applications — reminders on the last working day, escalation once overdue.
  every(app, DEADLINE_SWEEP_MS, 'deadline sweep', () => app.services.applications.sweepDeadlines());
  const serveWeb = deps.webDistDir !== undefined && existsSync(join(deps.webDistDir, 'index.html'));
  registerErrorHandler(app, { spaFallback: serveWeb });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'GeoShare 遥感影像统筹共享与监测监管平台 API', version: deps.version ?? '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'geoshare_session' },
          // personal API tokens (我的令牌): Authorization: Bearer gs_…
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerRequestContext(app, app.services.sessions, app.services.tokens);

  app.get('/api/health', { schema: { tags: ['平台'] } }, async () => {
    await app.services.db.query('SELECT 1');
    return { status: 'ok', database: app.services.db.kind, version: deps.version ?? '0.1.0' };
  });
  await app.register(identityRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(geoRoutes);
  await app.register(stacRoutes);
  await app.register(catalogRoutes);
  await app.register(ingestRoutes);
  await app.register(tileRoutes);
  await app.register(wmtsRoutes);
  await app.register(mosaicRoutes);
  await app.register(usageRoutes);
  await app.register(tokenRoutes);
  await app.register(agreementRoutes);
  await app.register(downloadRoutes);
  await app.register(downloadQuotaRoutes);
  await app.register(feedbackRoutes);
  await app.register(negotiationRoutes);
  await app.register(publicationRoutes);
  await app.register(documentRoutes);
  await app.register(applicationRoutes);
  await app.register(notificationRoutes);

  if (serveWeb) await app.register(fastifyStatic, { root: deps.webDistDir!, wildcard: false, index: 'index.html' });
  return app;
}

/** Runs `task` every `ms` in the background (never keeping the process alive); stops when the app closes. */
function every(app: App, ms: number, name: string, task: () => Promise<unknown>): void {
  const timer = setInterval(() => task().catch((err) => app.log.error({ err }, `${name} failed`)), ms);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
