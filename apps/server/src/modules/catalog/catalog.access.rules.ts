import type { Clearance, Role, Secrecy, SharingMethod, SharingType } from '@geoshare/shared';

/**
 * Who may see what of the catalogue — enforced in the queries (the data layer), never only in the UI.
 * - BX-16 / MNR-5: assets (files, thumbnails, tiles) of classified items are never served online, to anyone;
 *   classified data leaves only through the application procedure.
 * - A user below an item's secrecy level sees its existence and public metadata only.
 * - `undetermined` (待定密) is treated as the highest level until a catalogue manager decides (no silent default).
 * - Anonymous callers see only published, non-classified, unconditionally shared items (ZS-21 direct access).
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; orgId: string; roles: readonly Role[]; clearance: Clearance };

const SECRECY_RANK: Record<Secrecy, number> = { public: 0, secret: 1, confidential: 2, undetermined: 3 };
const CLEARANCE_RANK: Record<Clearance, number> = { public: 0, secret: 1, confidential: 2 };

/** Catalogue managers and admins keep the catalogue and see every entry, published or not. */
export const isCatalogueKeeper = (v: Viewer): boolean =>
  v.kind === 'user' && (v.roles.includes('catalogueManager') || v.roles.includes('admin'));

export const isClassified = (s: Secrecy): boolean => s !== 'public';

/**
 * SQL predicate over `i` (catalog_item) and `c` (catalog_collection) selecting the entries visible to `v`;
 * pushes its parameters onto `params`.
 */
export function visibilitySql(v: Viewer, params: unknown[]): string {
  if (v.kind === 'anonymous') {
    return "(i.published AND c.published AND i.secrecy = 'public' AND i.sharing_type = 'unconditional')";
  }
  if (isCatalogueKeeper(v)) return 'TRUE';
  params.push(v.orgId);
  const org = `$${params.length}::uuid`;
  return `((i.published AND c.published) OR i.custodian_org_id = ${org} OR i.provider_org_id = ${org})`;
}

export interface ItemAccessFacts {
  secrecy: Secrecy;
  sharingType: SharingType;
  sharingMethod: SharingMethod;
  custodianOrgId: string | null;
}

/** 'full' metadata for users cleared for the level (or keepers / the custodian unit), else 'public' metadata only. */
export function metadataLevel(v: Viewer, item: ItemAccessFacts): 'full' | 'public' {
  if (item.secrecy === 'public' || isCatalogueKeeper(v)) return 'full';
  if (v.kind === 'anonymous') return 'public';
  if (item.custodianOrgId === v.orgId && item.secrecy !== 'undetermined') return 'full';
  return CLEARANCE_RANK[v.clearance] >= SECRECY_RANK[item.secrecy] ? 'full' : 'public';
}

export type AssetDenial = 'classified' | 'notShared' | 'offlineOnly' | 'applicationRequired';

/**
 * Whether an item's files may be served online to `v` (BX-16, ZS-12, ZS-21). Visibility is checked before this.
 * Conditional items need an approved application first (the sharing module grants it).
 */
export function onlineAssetDenial(
  v: Viewer,
  item: ItemAccessFacts,
  hasApprovedApplication = false,
): AssetDenial | null {
  if (isClassified(item.secrecy)) return 'classified';
  if (item.sharingType === 'none') return 'notShared';
  if (item.sharingMethod === 'offline') return 'offlineOnly';
  if (
    item.sharingType === 'conditional' &&
    !isCatalogueKeeper(v) &&
    item.custodianOrgId !== (v.kind === 'user' ? v.orgId : null) &&
    !hasApprovedApplication
  ) {
    return 'applicationRequired';
  }
  return null;
}

/**
 * SQL predicate over `i` twin to `onlineAssetDenial` (without an approved application): the entries whose files may be
 * served online to `v` — mosaics select their items with it (BX-16: classified entries never contribute a pixel).
 * Pushes its parameters onto `params`.
 */
export function onlineAccessSql(v: Viewer, params: unknown[]): string {
  const base = "i.secrecy = 'public' AND i.sharing_type <> 'none' AND i.sharing_method = 'online'";
  if (isCatalogueKeeper(v)) return `(${base})`;
  if (v.kind === 'anonymous') return `(${base} AND i.sharing_type = 'unconditional')`;
  params.push(v.orgId);
  const org = `$${params.length}::uuid`;
  return `(${base} AND (i.sharing_type = 'unconditional' OR i.custodian_org_id = ${org} OR EXISTS (${APPROVED_LINE_SQL}
    AND a.org_id = ${org} AND l.collection_id = i.collection_id AND l.item_id = i.id)))`;
}

/**
 * Order lines of data applications that were approved and not withdrawn (ZS-21): a conditional entry named in one is
 * online for the applying unit (`l`, `a` = application_line, data_application).
 */
export const APPROVED_LINE_SQL = `SELECT 1 FROM application_line l JOIN data_application a ON a.id = l.application_id
  WHERE l.decision IN ('approved', 'auto') AND a.state IN ('approved', 'preparing', 'ready', 'handedOver')`;

/** Thumbnails are previews, not data: shown for any non-classified visible item (they carry pixels, so never classified). */
export const thumbnailAllowed = (item: ItemAccessFacts): boolean => !isClassified(item.secrecy);
