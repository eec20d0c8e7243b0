import type { CollectionInput, Org, ProductType, SharingMethod, SharingType, UpdateFrequency } from '@geoshare/shared';
import { App, Form, Input, Select } from 'antd';
import { FormModal } from '../../common/FormModal';
import { useServerFieldErrors } from '../../common/useServerFieldErrors';
import { catalogueApi } from '../catalogue.api';
import { PRODUCT_TYPE_OPTIONS } from '../options';
import type { StacCollection } from '../stac';
import { CustodyFields, orgIdByName, SharingFields } from './CatalogueFormFields';

interface CollectionValues {
  id: string;
  title: string;
  description: string;
  productType: ProductType;
  keywords?: string[];
  custodianOrgId?: string;
  providerOrgId?: string;
  updateFrequency?: UpdateFrequency;
  sharingType: SharingType;
  sharingBasis?: string;
  sharingMethod: SharingMethod;
  usageRequirements?: string;
}

const FIELD_OF_CODE = {
  CATALOG_COLLECTION_EXISTS: 'id',
  CATALOG_SHARING_BASIS_REQUIRED: 'sharingBasis',
} as const satisfies Record<string, keyof CollectionValues>;

/** The provider named with a role of `role` in a STAC collection's providers. */
const providerName = (c: StacCollection, role: string) => c.providers.find((p) => p.roles.includes(role))?.name;

function valuesOf(c: StacCollection, orgs: Org[]): CollectionValues {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    productType: c['geoshare:product_type'],
    keywords: c.keywords,
    custodianOrgId: orgIdByName(orgs, providerName(c, 'host')),
    providerOrgId: orgIdByName(orgs, providerName(c, 'producer')),
    updateFrequency: c['geoshare:update_frequency'],
    sharingType: c['geoshare:sharing_type'],
    sharingBasis: c['geoshare:sharing_basis'],
    sharingMethod: c['geoshare:sharing_method'],
    usageRequirements: c['geoshare:usage_requirements'],
  };
}

/** The form values as the API wants them: trimmed, empty as null; PUT replaces all, so the licence is kept. */
function toInput(v: CollectionValues, license: string | undefined): Omit<CollectionInput, 'id'> {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    productType: v.productType,
    keywords: v.keywords ?? [],
    ...(license ? { license } : {}),
    custodianOrgId: v.custodianOrgId ?? null,
    providerOrgId: v.providerOrgId ?? null,
    ...(v.updateFrequency ? { updateFrequency: v.updateFrequency } : {}),
    sharingType: v.sharingType,
    sharingBasis: v.sharingBasis?.trim() || null,
    sharingMethod: v.sharingMethod,
    usageRequirements: v.usageRequirements?.trim() || null,
  };
}

interface CollectionFormModalProps {
  open: boolean;
  /** null: create a new collection */
  collection: StacCollection | null;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}

/** 新建数据集 / 编辑 (MNR-9, ZS-9 catalogue fields; ZS-12: 不予共享 needs its basis). */
export function CollectionFormModal({ open, collection, orgs, onClose, onSaved }: CollectionFormModalProps) {
  const [form] = Form.useForm<CollectionValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof CollectionValues>(FIELD_OF_CODE);

  const submit = async (v: CollectionValues) => {
    if (collection) await catalogueApi.updateCollection(collection.id, toInput(v, collection.license));
    else await catalogueApi.createCollection({ id: v.id.trim(), ...toInput(v, undefined) });
    message.success(collection ? '数据集已保存' : '数据集已创建');
    onSaved();
    onClose();
  };

  return (
    <FormModal
      title={collection ? `编辑数据集 ${collection.id}` : '新建数据集'}
      open={open}
      form={form}
      testId="collection"
      initialValues={
        collection ? valuesOf(collection, orgs) : { sharingType: 'conditional', sharingMethod: 'online', keywords: [] }
      }
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      {!collection && (
        <Form.Item
          name="id"
          label="数据集标识"
          extra="小写字母或数字开头，可含小写字母、数字和 _ . -，例如 dom-2024"
          rules={[
            { required: true, message: '请输入数据集标识' },
            { pattern: /^[a-z0-9][a-z0-9_.-]{1,63}$/, message: '2–64 位小写字母、数字或 _ . -，以字母或数字开头' },
          ]}
          {...fieldErrors.itemProps('id')}
        >
          <Input className="mono" data-testid="collection-id" />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label="名称"
        rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请输入 2–200 字的名称' }]}
      >
        <Input data-testid="collection-title" />
      </Form.Item>
      <Form.Item
        name="description"
        label="摘要"
        rules={[{ required: true, whitespace: true, max: 4000, message: '请输入摘要（不超过 4000 字）' }]}
      >
        <Input.TextArea rows={3} data-testid="collection-description" />
      </Form.Item>
      <Form.Item name="productType" label="产品类型" rules={[{ required: true, message: '请选择产品类型' }]}>
        <Select options={PRODUCT_TYPE_OPTIONS} data-testid="collection-product-type" />
      </Form.Item>
      <Form.Item name="keywords" label="关键词">
        <Select mode="tags" placeholder="输入后回车" data-testid="collection-keywords" />
      </Form.Item>
      <CustodyFields orgs={orgs} />
      <SharingFields testId="collection" basisProps={fieldErrors.itemProps('sharingBasis')} />
    </FormModal>
  );
}
