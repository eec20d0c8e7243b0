import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Queryable } from '../../../platform/db/db.port.js';
import type { Services } from '../../../services.js';
import type { NewItem } from '../catalog.service.js';

/** A square footprint (lon/lat degrees, EPSG:4490) centred on (lon, lat) with half-size d. */
export const square = (lon: number, lat: number, d = 0.05) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

/** One district (本溪 style name, fictional code) so items get district codes and free-text names. */
export async function givenDistrict(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES
       ('990100', '示范市', 'city', NULL, ST_Multi(ST_MakeEnvelope(114, 27, 115, 28, 4490))),
       ('990102', '本溪区', 'district', '990100', ST_Multi(ST_MakeEnvelope(114, 27, 114.5, 28, 4490))),
       ('990103', '东湖区', 'district', '990100', ST_Multi(ST_MakeEnvelope(114.5, 27, 115, 28, 4490)))`,
  );
}

export const baseItem = (over: Partial<NewItem> & Pick<NewItem, 'id'>): NewItem => ({
  collectionId: 'dom-2024',
  title: `影像 ${over.id}`,
  description: null,
  datetime: '2024-06-01T02:00:00Z',
  geometry: square(114.25, 27.5),
  gsd: 0.5,
  platform: 'GF-2',
  instruments: ['PMS'],
  cloudCover: 5,
  productType: 'dom',
  format: 'COG',
  dataVolume: 1024,
  secrecy: 'public',
  secrecyTerm: null,
  sharingType: 'unconditional',
  sharingBasis: null,
  sharingMethod: 'online',
  fundingSource: 'municipal',
  custodianOrgId: null,
  providerOrgId: null,
  updateFrequency: 'yearly',
  usageRequirements: null,
  properties: {},
  checksumSm3: null,
  published: true,
  ...over,
});

/**
 * A published collection `dom-2024` with five items:
 * pub (public, unconditional, published, with a data asset and a thumbnail), cond (public, conditional),
 * secret (秘密), draft (public, unpublished), east (public, in 东湖区, 2023, cloudy).
 */
export async function givenCatalog(s: Services): Promise<void> {
  await givenDistrict(s.db);
  await s.catalog.createCollection(SYSTEM_CONTEXT, {
    id: 'dom-2024',
    title: '2024 年数字正射影像 0.5 米',
    description: '全市 0.5 米 DOM',
    productType: 'dom',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await s.catalog.publishCollection(SYSTEM_CONTEXT, 'dom-2024', true);
  const put = async (key: string, body: string) => ({
    storageKey: key,
    size: (await s.storage.put(key, Buffer.from(body))).size,
  });
  const data = await put('items/dom-2024/pub/data.tif', 'tiff bytes');
  const thumb = await put('items/dom-2024/pub/thumb.png', 'png bytes');
  await s.catalog.createItem(SYSTEM_CONTEXT, baseItem({ id: 'pub' }), [
    {
      key: 'data',
      storageKey: data.storageKey,
      mediaType: 'image/tiff; application=geotiff; profile=cloud-optimized',
      title: '正射影像',
      roles: ['data'],
      size: data.size,
      checksumSm3: null,
    },
    {
      key: 'thumbnail',
      storageKey: thumb.storageKey,
      mediaType: 'image/png',
      title: '缩略图',
      roles: ['thumbnail'],
      size: thumb.size,
      checksumSm3: null,
    },
  ]);
  await s.catalog.createItem(
    SYSTEM_CONTEXT,
    baseItem({ id: 'cond', sharingType: 'conditional', datetime: '2024-07-01T02:00:00Z' }),
    [],
  );
  const secretData = await put('items/dom-2024/secret/data.tif', 'secret tiff');
  await s.catalog.createItem(
    SYSTEM_CONTEXT,
    baseItem({ id: 'secret', secrecy: 'secret', sharingType: 'conditional', datetime: '2024-08-01T02:00:00Z' }),
    [
      {
        key: 'data',
        storageKey: secretData.storageKey,
        mediaType: 'image/tiff',
        title: null,
        roles: ['data'],
        size: secretData.size,
        checksumSm3: null,
      },
    ],
  );
  await s.catalog.createItem(
    SYSTEM_CONTEXT,
    baseItem({ id: 'draft', published: false, datetime: '2024-09-01T02:00:00Z' }),
    [],
  );
  await s.catalog.createItem(
    SYSTEM_CONTEXT,
    baseItem({
      id: 'east',
      geometry: square(114.75, 27.5),
      datetime: '2023-05-01T02:00:00Z',
      cloudCover: 40,
      platform: 'GF-1',
      gsd: 2,
    }),
    [],
  );
}
