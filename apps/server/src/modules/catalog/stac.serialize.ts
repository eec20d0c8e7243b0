import { metadataLevel, onlineAssetDenial, thumbnailAllowed, type Viewer } from './catalog.access.rules.js';
import type { ItemRow } from './catalog.repository.js';

/** STAC 1.0.0 with the eo extension (cloud cover); GeoShare's own fields live under the `geoshare:` prefix. */
export const STAC_VERSION = '1.0.0';
export const EO_EXTENSION = 'https://stac-extensions.github.io/eo/v1.1.0/schema.json';

export interface Urls {
  /** absolute origin + API prefix, e.g. http://host:8080/api */
  api: string;
}

export const stacRoot = (u: Urls) => `${u.api}/stac`;

/** Fields every viewer may see of a visible entry (its existence and public catalogue metadata). */
function publicProperties(r: ItemRow): Record<string, unknown> {
  return {
    datetime: r.datetime.toISOString(),
    title: r.title,
    gsd: r.gsd ?? undefined,
    platform: r.platform ?? undefined,
    'eo:cloud_cover': r.cloud_cover ?? undefined,
    'geoshare:catalogue_no': r.catalogue_no,
    'geoshare:product_type': r.product_type,
    'geoshare:secrecy': r.secrecy,
    'geoshare:sharing_type': r.sharing_type,
    'geoshare:sharing_basis': r.sharing_basis ?? undefined,
    'geoshare:sharing_method': r.sharing_method,
    'geoshare:custodian': r.custodian_name ?? undefined,
    'geoshare:districts': r.district_codes,
    'geoshare:published': r.published,
  };
}

/** The rest, for viewers cleared for the item's level (MNR-9 / ZS-9 catalogue fields in full). */
function fullProperties(r: ItemRow): Record<string, unknown> {
  return {
    description: r.description ?? undefined,
    instruments: r.instruments.length ? r.instruments : undefined,
    created: r.created_at.toISOString(),
    updated: r.updated_at.toISOString(),
    'geoshare:format': r.format ?? undefined,
    'geoshare:data_volume': r.data_volume ?? undefined,
    'geoshare:secrecy_term': r.secrecy_term ?? undefined,
    'geoshare:funding_source': r.funding_source ?? undefined,
    'geoshare:provider': r.provider_name ?? undefined,
    'geoshare:custodian_id': r.custodian_org_id ?? undefined,
    'geoshare:provider_id': r.provider_org_id ?? undefined,
    'geoshare:update_frequency': r.update_frequency ?? undefined,
    'geoshare:usage_requirements': r.usage_requirements ?? undefined,
    'geoshare:checksum_sm3': r.checksum_sm3 ?? undefined,
    ...r.properties,
  };
}

const dropUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * One catalogue row as a STAC Item for `viewer`. Asset links appear only where the access rules allow them online
 * (BX-16): a classified item has no `assets` href at all, whatever the viewer's clearance.
 */
export function toStacItem(
  r: ItemRow,
  viewer: Viewer,
  u: Urls,
  opts: { approved?: boolean } = {},
): Record<string, unknown> {
  const facts = {
    secrecy: r.secrecy,
    sharingType: r.sharing_type,
    sharingMethod: r.sharing_method,
    custodianOrgId: r.custodian_org_id,
  };
  const level = metadataLevel(viewer, facts);
  const itemUrl = `${stacRoot(u)}/collections/${encodeURIComponent(r.collection_id)}/items/${encodeURIComponent(r.id)}`;
  const assetUrl = (key: string) =>
    `${u.api}/assets/${encodeURIComponent(r.collection_id)}/${encodeURIComponent(r.id)}/${encodeURIComponent(key)}`;
  const dataAllowed = onlineAssetDenial(viewer, facts, opts.approved) === null;
  const assets: Record<string, unknown> = {};
  for (const a of r.assets) {
    const isThumb = a.roles.includes('thumbnail') || a.roles.includes('overview');
    if (!(isThumb ? thumbnailAllowed(facts) : dataAllowed)) continue;
    assets[a.key] = dropUndefined({
      href: assetUrl(a.key),
      type: a.media_type,
      title: a.title ?? undefined,
      roles: a.roles,
      'file:size': level === 'full' ? (a.size ?? undefined) : undefined,
    });
  }
  return {
    type: 'Feature',
    stac_version: STAC_VERSION,
    stac_extensions: r.cloud_cover === null ? [] : [EO_EXTENSION],
    id: r.id,
    collection: r.collection_id,
    geometry: JSON.parse(r.geojson),
    bbox: r.bbox,
    properties: dropUndefined({
      ...publicProperties(r),
      ...(level === 'full' ? fullProperties(r) : {}),
      'geoshare:metadata_level': level,
    }),
    links: [
      { rel: 'self', href: itemUrl, type: 'application/geo+json' },
      {
        rel: 'parent',
        href: `${stacRoot(u)}/collections/${encodeURIComponent(r.collection_id)}`,
        type: 'application/json',
      },
      {
        rel: 'collection',
        href: `${stacRoot(u)}/collections/${encodeURIComponent(r.collection_id)}`,
        type: 'application/json',
      },
      { rel: 'root', href: stacRoot(u), type: 'application/json' },
    ],
    assets,
  };
}
