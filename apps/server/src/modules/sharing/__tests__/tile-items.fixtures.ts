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
  for (const [id, over] of items) await givenCogItem(services, id, KEY, over);
}

/** One catalogue entry (in `dom-2024` unless overridden) whose data asset is the COG at `storageKey`. */
export async function givenCogItem(
  services: Services,
  id: string,
  storageKey: string,
  over: Partial<NewItem> = {},
): Promise<void> {
  const properties = { 'proj:epsg': 4490, 'proj:shape': [1024, 1024] };
  await services.catalog.createItem(SYSTEM_CONTEXT, baseItem({ id, gsd: 10, properties, checksumSm3: null, ...over }), [
    {
      key: 'data',
      storageKey,
      mediaType: 'image/tiff; application=geotiff; profile=cloud-optimized',
      title: '正射影像',
      roles: ['data'],
      size: null,
      checksumSm3: null,
    },
  ]);
}

/**
 * MNR-16: every user has signed the current online agreement for every collection — for tests about something else
 * than the agreement (the agreement's own tests sign through the API).
 */
export async function givenAgreementsSigned(services: Services): Promise<void> {
  await services.db.query(
    `INSERT INTO sharing_agreement_signature (user_id, collection_id, version, org_id, signed_at)
     SELECT u.id, c.id, (SELECT version FROM sharing_agreement_version ORDER BY seq DESC LIMIT 1), u.org_id, now()
     FROM app_user u CROSS JOIN catalog_collection c
     ON CONFLICT DO NOTHING`,
  );
}
