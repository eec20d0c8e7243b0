import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { ingestRoutes } from './modules/catalog/ingest.routes.js';
import { stacRoutes } from './modules/catalog/stac.routes.js';
import { geoRoutes } from './modules/geo/geo.routes.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { tileRoutes } from './modules/sharing/tile.routes.js';
import { usageRoutes } from './modules/sharing/usage.routes.js';
import { wmtsRoutes } from './modules/sharing/wmts.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { registerErrorHandler } from './platform/errors/error-handler.js';
import type { App, AppConfig } from './platform/http/app-types.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { buildServices, type Ports } from './services.js';

const USAGE_FLUSH_MS = 5000;

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
  const usageFlush = setInterval(
    () => app.services.usage.flush().catch((err) => app.log.error({ err }, 'usage flush failed')),
    USAGE_FLUSH_MS,
  );
  usageFlush.unref();
  app.addHook('onClose', async () => {
    clearInterval(usageFlush);
    await app.services.usage.flush();
  });
  const serveWeb = deps.webDistDir !== undefined && existsSync(join(deps.webDistDir, 'index.html'));
  registerErrorHandler(app, { spaFallback: serveWeb });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'GeoShare 遥感影像统筹共享与监测监管平台 API', version: deps.version ?? '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'geoshare_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerRequestContext(app, app.services.sessions);

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
  await app.register(usageRoutes);

  if (serveWeb) await app.register(fastifyStatic, { root: deps.webDistDir!, wildcard: false, index: 'index.html' });
  return app;
}
