import { type Static, Type } from 'typebox';

/** BX-19 product types; `result` = survey results (MNR). */
export const PRODUCT_TYPES = ['primary', 'dom', 'fiscal', 'aerial', 'result'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  primary: '初级产品',
  dom: '数字正射影像（DOM）',
  fiscal: '其他财政资金购置影像',
  aerial: '航空摄影',
  result: '调查监测成果',
};

/** Secrecy level of an item (MNR-5). `undetermined` (待定密) is treated as classified until decided. */
export const SECRECY_LEVELS = ['public', 'secret', 'confidential', 'undetermined'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];
export const SECRECY_LABELS: Record<Secrecy, string> = {
  public: '非涉密',
  secret: '秘密',
  confidential: '机密',
  undetermined: '待定密',
};

export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];
export const SHARING_TYPE_LABELS: Record<SharingType, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  none: '不予共享',
};

export const SHARING_METHODS = ['online', 'offline'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];
export const SHARING_METHOD_LABELS: Record<SharingMethod, string> = { online: '在线', offline: '离线' };

export const FUNDING_SOURCES = ['provincial', 'municipal', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  provincial: '省级财政',
  municipal: '市级财政',
  other: '其他',
};

export const UPDATE_FREQUENCIES = ['realtime', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];
export const UPDATE_FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  realtime: '实时',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  irregular: '不定期',
};

/** BX-8 resolution classes used by filters and coverage: ≤0.5 m, ≤1 m, ≤2 m, coarser. */
export const RESOLUTION_CLASSES = [
  { key: 'sub05', label: '≤0.5 米', maxGsd: 0.5 },
  { key: 'sub1', label: '≤1 米', maxGsd: 1 },
  { key: 'sub2', label: '≤2 米', maxGsd: 2 },
  { key: 'coarse', label: '>2 米', maxGsd: Number.POSITIVE_INFINITY },
] as const;

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
