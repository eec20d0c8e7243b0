import type {
  FundingSource,
  ItemPatch,
  Org,
  Secrecy,
  SharingMethod,
  SharingType,
  UpdateFrequency,
} from '@geoshare/shared';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select } from 'antd';
import { useMemo } from 'react';
import { changedFields } from '../../common/changed-fields';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useServerFieldErrors } from '../../common/useServerFieldErrors';
import { catalogueApi } from '../catalogue.api';
import { FUNDING_SOURCE_OPTIONS, SECRECY_OPTIONS } from '../options';
import type { StacItem } from '../stac';
import { CustodyFields, orgIdByName, SharingFields } from './CatalogueFormFields';

interface ItemValues {
  title: string;
  description?: string;
  secrecy: Secrecy;
  secrecyTerm?: string;
  sharingType: SharingType;
  sharingBasis?: string;
  sharingMethod: SharingMethod;
  fundingSource?: FundingSource;
  custodianOrgId?: string;
  providerOrgId?: string;
  updateFrequency?: UpdateFrequency;
  usageRequirements?: string;
  cloudCover?: number;
  platform?: string;
}

const FIELD_OF_CODE = {
  CATALOG_SHARING_BASIS_REQUIRED: 'sharingBasis',
  CATALOG_SECRECY_UNDETERMINED: 'secrecy',
} as const satisfies Record<string, keyof ItemValues>;

function valuesOf(item: StacItem, orgs: Org[]): ItemValues {
  const p = item.properties;
  return {
    title: p.title,
    description: p.description,
    secrecy: p['geoshare:secrecy'],
    secrecyTerm: p['geoshare:secrecy_term'],
    sharingType: p['geoshare:sharing_type'],
    sharingBasis: p['geoshare:sharing_basis'],
    sharingMethod: p['geoshare:sharing_method'],
    fundingSource: p['geoshare:funding_source'],
    custodianOrgId: orgIdByName(orgs, p['geoshare:custodian']),
    providerOrgId: orgIdByName(orgs, p['geoshare:provider']),
    updateFrequency: p['geoshare:update_frequency'],
    usageRequirements: p['geoshare:usage_requirements'],
    cloudCover: p['eo:cloud_cover'],
    platform: p.platform,
  };
}

const text = (v: string | undefined) => v?.trim() || null;

/** Every editable field as the API wants it (empty as null), so that two of them compare field by field. */
function toPatch(v: ItemValues): Required<ItemPatch> {
  return {
    title: v.title.trim(),
    description: text(v.description),
    secrecy: v.secrecy,
    secrecyTerm: text(v.secrecyTerm),
    sharingType: v.sharingType,
    sharingBasis: text(v.sharingBasis),
    sharingMethod: v.sharingMethod,
    fundingSource: v.fundingSource ?? null,
    custodianOrgId: v.custodianOrgId ?? null,
    providerOrgId: v.providerOrgId ?? null,
    updateFrequency: v.updateFrequency ?? null,
    usageRequirements: text(v.usageRequirements),
    cloudCover: v.cloudCover ?? null,
    platform: text(v.platform),
  };
}

interface ItemEditDrawerProps {
  open: boolean;
  item: StacItem | null;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}

/** 编辑目录条目 (ZS-11 upkeep): sends only the changed fields; 待定密 entries get their secrecy decided here. */
export function ItemEditDrawer({ open, item, orgs, onClose, onSaved }: ItemEditDrawerProps) {
  const [form] = Form.useForm<ItemValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof ItemValues>(FIELD_OF_CODE);
  const initial = useMemo(() => (item ? valuesOf(item, orgs) : undefined), [item, orgs]);

  const save = async (values: ItemValues) => {
    if (!item || !initial) return;
    const patch = changedFields(toPatch(initial), toPatch(values));
    if (Object.keys(patch).length > 0) await catalogueApi.updateItem(item.collection, item.id, patch);
    message.success('目录条目已保存');
    onSaved();
    onClose();
  };
  const { saving, submit } = useFormSubmit(form, save, fieldErrors.show);
  const undetermined = initial?.secrecy === 'undetermined';

  return (
    <Drawer
      title={item ? `编辑 ${item.properties['geoshare:catalogue_no']}` : ''}
      open={open}
      onClose={onClose}
      size={520}
      mask={{ closable: false }}
      extra={
        <Button type="primary" loading={saving} onClick={submit} data-testid="item-form-ok">
          保存
        </Button>
      }
      data-testid="item-form-drawer"
    >
      {undetermined && (
        <Alert
          type="warning"
          showIcon
          title="该条目待定密：定密前按涉密数据管理，不能发布。请确定密级。"
          className="page-alert"
        />
      )}
      <Form<ItemValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={fieldErrors.onValuesChange}
        data-testid="item-form"
      >
        <Form.Item
          name="title"
          label="名称"
          rules={[{ required: true, whitespace: true, max: 200, message: '请输入名称（不超过 200 字）' }]}
        >
          <Input data-testid="item-form-title" />
        </Form.Item>
        <Form.Item name="description" label="摘要" rules={[{ max: 4000, message: '不超过 4000 字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="secrecy"
          label="密级"
          rules={[{ required: true, message: '请选择密级' }]}
          {...fieldErrors.itemProps('secrecy')}
        >
          <Select options={SECRECY_OPTIONS} data-testid="item-form-secrecy" />
        </Form.Item>
        <Form.Item name="secrecyTerm" label="保密期限" rules={[{ max: 50, message: '不超过 50 字' }]}>
          <Input placeholder="如：长期、10 年" />
        </Form.Item>
        <SharingFields testId="item-form" basisProps={fieldErrors.itemProps('sharingBasis')} />
        <Form.Item name="fundingSource" label="资金来源">
          <Select allowClear options={FUNDING_SOURCE_OPTIONS} />
        </Form.Item>
        <CustodyFields orgs={orgs} />
        <Form.Item name="platform" label="卫星/平台" rules={[{ max: 50, message: '不超过 50 字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="cloudCover" label="云量（%）">
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
