import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import { quadrants, writeTestCog } from '../../../platform/raster/__tests__/tile.fixtures.js';
import type { Services } from '../../../services.js';
import { baseItem } from '../../catalog/__tests__/catalog.fixtures.js';
import type { NewItem } from '../../catalog/catalog.service.js';

/** One 1024 px JPEG COG in EPSG:4490 over the catalogue fixtures' footprint (114.2–114.3°E, 27.45–27.55°N). */
const KEY = 'items/dom-2024/tiles/data.tif';

export const writeTileCog = (services: Services) =>
  writeTestCog(
    services.storage,
    KEY,
    { width: 1024, height: 1024, compression: 'jpeg', quality: 90 },
    { crs: { kind: 'geographic', epsg: 4490 }, origin: [114.2, 27.55], pixelSize: [0.1 / 1024, 0.1 / 1024] },
    quadrants(1024, 1024),
  );

/** Catalogue entries in `dom-2024` whose data asset is that COG, each with its own overrides. */
export async function givenTileItems(services: Services, items: [string, Partial<NewItem>][]): Promise<void> {
  const properties = { 'proj:epsg': 4490, 'proj:shape': [1024, 1024] };
  for (const [id, over] of items) {
    await services.catalog.createItem(
      SYSTEM_CONTEXT,
      baseItem({ id, gsd: 10, properties, checksumSm3: null, ...over }),
      [
        {
          key: 'data',
          storageKey: KEY,
          mediaType: 'image/tiff; application=geotiff; profile=cloud-optimized',
          title: '正射影像',
          roles: ['data'],
          size: null,
          checksumSm3: null,
        },
      ],
    );
  }
}
