import type { DownloadQuotaLimits, DownloadQuotaSetting, Org } from '@geoshare/shared';
import { App, Form, Select } from 'antd';
import { FormModal } from '../../common/FormModal';
import { downloadQuotasApi } from './download-quotas.api';
import { QuotaFields } from './QuotaFields';
import { limitsOf, type QuotaValues, valuesOf } from './quota-units';

interface OrgQuotaValues extends QuotaValues {
  orgId: string;
}

interface OrgQuotaModalProps {
  open: boolean;
  /** the override being changed; null: add one */
  setting: DownloadQuotaSetting | null;
  /** the units that may be picked when adding (those without an override) */
  orgs: Org[];
  /** a new override starts from the default */
  defaults: DownloadQuotaLimits | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** 添加单位配额 / 修改: a unit's own quota, applying to every user of the unit instead of the default. */
export function OrgQuotaModal({ open, setting, orgs, defaults, onClose, onSaved }: OrgQuotaModalProps) {
  const [form] = Form.useForm<OrgQuotaValues>();
  const { message } = App.useApp();

  const submit = async (v: OrgQuotaValues) => {
    await downloadQuotasApi.setOrg(v.orgId, limitsOf(v));
    message.success('单位配额已保存');
    onSaved();
    onClose();
  };

  const initialValues: Partial<OrgQuotaValues> | undefined = setting?.orgId
    ? { orgId: setting.orgId, ...valuesOf(setting) }
    : defaults && valuesOf(defaults);
  const options = setting?.orgId
    ? [{ value: setting.orgId, label: setting.orgName ?? setting.orgId }]
    : orgs.map((o) => ({ value: o.id, label: o.name }));

  return (
    <FormModal<OrgQuotaValues>
      title={setting ? `修改单位配额：${setting.orgName ?? ''}` : '添加单位配额'}
      open={open}
      form={form}
      testId="quota-override"
      okTestId="quota-override-save"
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          disabled={setting !== null}
          options={options}
          placeholder="选择单位"
          data-testid="quota-override-org"
        />
      </Form.Item>
      <QuotaFields testId="quota-override" />
    </FormModal>
  );
}
