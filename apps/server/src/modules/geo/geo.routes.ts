import { AdminAreaCollection } from '@geoshare/shared';
import type { App } from '../../platform/http/app-types.js';

/**
 * GET /api/geo/admin-areas → the service area's city and districts as a GeoJSON FeatureCollection (EPSG:4490).
 * Public: administrative boundaries are published data, and the public catalogue page needs them.
 */
export async function geoRoutes(app: App): Promise<void> {
  app.get(
    '/api/geo/admin-areas',
    {
      schema: {
        tags: ['地理'],
        response: { 200: AdminAreaCollection },
      },
    },
    () => app.services.adminAreas.featureCollection(),
  );
}
