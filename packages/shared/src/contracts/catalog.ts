import { type Static, Type } from 'typebox';
import {
  FUNDING_SOURCES,
  PRODUCT_TYPES,
  SECRECY_LEVELS,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_FREQUENCIES,
} from '../catalog/labels.js';

export const CollectionInput = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{1,63}$' }),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  productType: Type.Enum(PRODUCT_TYPES),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 })),
  license: Type.Optional(Type.String({ maxLength: 100 })),
  custodianOrgId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  providerOrgId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  updateFrequency: Type.Optional(Type.Enum(UPDATE_FREQUENCIES)),
  sharingType: Type.Enum(SHARING_TYPES),
  sharingBasis: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  sharingMethod: Type.Enum(SHARING_METHODS),
  usageRequirements: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});
export type CollectionInput = Static<typeof CollectionInput>;

/** Catalogue fields of an item a catalogue manager may set or change (MNR-9, ZS-9, ZS-12). */
export const ItemPatch = Type.Partial(
  Type.Object({
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Union([Type.String({ maxLength: 4000 }), Type.Null()]),
    secrecy: Type.Enum(SECRECY_LEVELS),
    secrecyTerm: Type.Union([Type.String({ maxLength: 50 }), Type.Null()]),
    sharingType: Type.Enum(SHARING_TYPES),
    sharingBasis: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    sharingMethod: Type.Enum(SHARING_METHODS),
    fundingSource: Type.Union([Type.Enum(FUNDING_SOURCES), Type.Null()]),
    custodianOrgId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    providerOrgId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    updateFrequency: Type.Union([Type.Enum(UPDATE_FREQUENCIES), Type.Null()]),
    usageRequirements: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
    cloudCover: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
    platform: Type.Union([Type.String({ maxLength: 50 }), Type.Null()]),
  }),
);
export type ItemPatch = Static<typeof ItemPatch>;
