import { USAGE_LOG_KIND_LABELS, USAGE_LOG_KINDS, type UsageLogInput, type UsageLogKind } from '@geoshare/shared';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../common/FormModal';
import { isoDate } from '../common/format';
import { optionsOf } from '../common/options';
import { useServerFieldErrors } from '../common/useServerFieldErrors';
import { chinaDate } from './application-format';
import { applicationsApi } from './applications.api';

interface UsageValues {
  kind: UsageLogKind;
  occurredOn: Dayjs;
  description: string;
  copies?: number;
  thirdPartyName?: string;
  thirdPartyForeign?: boolean;
  thirdPartyAgreementNo?: string;
  approvalNo?: string;
  witness?: string;
}

const FIELD_OF_CODE = {
  USAGE_LOG_DATE_INVALID: 'occurredOn',
  USAGE_LOG_COPIES_REQUIRED: 'copies',
  USAGE_LOG_THIRD_PARTY_AGREEMENT_REQUIRED: 'thirdPartyAgreementNo',
  USAGE_LOG_FOREIGN_APPROVAL_REQUIRED: 'approvalNo',
  USAGE_LOG_WITNESS_REQUIRED: 'witness',
} as const satisfies Record<string, keyof UsageValues>;

const KIND_OPTIONS = optionsOf(USAGE_LOG_KINDS, USAGE_LOG_KIND_LABELS);

const optional = (s?: string) => s?.trim() || undefined;

/** Only the fields of the chosen kind go to the server (BX-23). */
function toInput(v: UsageValues): UsageLogInput {
  const base = { kind: v.kind, occurredOn: isoDate(v.occurredOn), description: v.description.trim() };
  if (v.kind === 'copy') return { ...base, copies: v.copies };
  if (v.kind === 'delegation') {
    return {
      ...base,
      thirdPartyName: optional(v.thirdPartyName),
      thirdPartyForeign: v.thirdPartyForeign === true,
      thirdPartyAgreementNo: optional(v.thirdPartyAgreementNo),
      ...(v.thirdPartyForeign ? { approvalNo: optional(v.approvalNo) } : {}),
    };
  }
  if (v.kind === 'destruction') return { ...base, witness: optional(v.witness) };
  return base;
}

interface UsageLogFormModalProps {
  open: boolean;
  applicationId: string;
  /** an ISO instant: entries fall on or after its China date and not after today */
  handedOverAt: string | null;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 登记 a custody, use, copy, third-party delegation or destruction (BX-23, MNR-18): a delegation names the third party
 * and its confidentiality agreement, a foreign one also the approval (BX-F4); a destruction its witness.
 */
export function UsageLogFormModal({ open, applicationId, handedOverAt, onClose, onSaved }: UsageLogFormModalProps) {
  const [form] = Form.useForm<UsageValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof UsageValues>(FIELD_OF_CODE);
  const kind = Form.useWatch('kind', form);
  const foreign = Form.useWatch('thirdPartyForeign', form);
  const firstDay = chinaDate(handedOverAt, '');
  const today = chinaDate(new Date().toISOString());

  const submit = async (v: UsageValues) => {
    await applicationsApi.addUsageLog(applicationId, toInput(v));
    message.success('使用情况已登记');
    onSaved();
    onClose();
  };

  return (
    <FormModal<UsageValues>
      title="使用登记"
      open={open}
      form={form}
      testId="usage"
      okText="登记"
      initialValues={{ kind: 'use' }}
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      <Form.Item name="kind" label="登记类型" rules={[{ required: true, message: '请选择登记类型' }]}>
        <Select options={KIND_OPTIONS} data-testid="usage-kind" />
      </Form.Item>
      <Form.Item
        name="occurredOn"
        label="日期"
        rules={[{ required: true, message: '请选择日期' }]}
        {...fieldErrors.itemProps('occurredOn')}
      >
        <DatePicker
          disabledDate={(d) => isoDate(d) < firstDay || isoDate(d) > today}
          style={{ width: 200 }}
          data-testid="usage-date"
        />
      </Form.Item>
      <Form.Item
        name="description"
        label="情况说明"
        rules={[
          { required: true, whitespace: true, message: '请填写情况说明' },
          { max: 1000, message: '情况说明不超过 1000 字' },
        ]}
      >
        <Input.TextArea rows={3} data-testid="usage-description" />
      </Form.Item>
      {kind === 'copy' && (
        <Form.Item
          name="copies"
          label="复制份数"
          rules={[{ required: true, type: 'number', min: 1, max: 1000, message: '请填写 1–1000 的复制份数' }]}
          {...fieldErrors.itemProps('copies')}
        >
          <InputNumber min={1} max={1000} precision={0} data-testid="usage-copies" />
        </Form.Item>
      )}
      {kind === 'delegation' && (
        <>
          <Form.Item
            name="thirdPartyName"
            label="第三方名称"
            rules={[{ required: true, whitespace: true, max: 200, message: '请填写 200 字以内的第三方名称' }]}
          >
            <Input data-testid="usage-third-party" />
          </Form.Item>
          <Form.Item name="thirdPartyForeign" valuePropName="checked">
            <Checkbox data-testid="usage-foreign">第三方为境外组织、机构、个人或外商投资企业</Checkbox>
          </Form.Item>
          <Form.Item
            name="thirdPartyAgreementNo"
            label="与第三方签订的保密责任书编号"
            rules={[{ required: true, whitespace: true, max: 100, message: '请填写 100 字以内的保密责任书编号' }]}
            {...fieldErrors.itemProps('thirdPartyAgreementNo')}
          >
            <Input data-testid="usage-agreement-no" />
          </Form.Item>
          {foreign && (
            <Form.Item
              name="approvalNo"
              label="自然资源主管部门审批文号"
              rules={[{ required: true, whitespace: true, max: 100, message: '请填写 100 字以内的审批文号' }]}
              {...fieldErrors.itemProps('approvalNo')}
            >
              <Input data-testid="usage-approval-no" />
            </Form.Item>
          )}
        </>
      )}
      {kind === 'destruction' && (
        <Form.Item
          name="witness"
          label="监销人"
          rules={[{ required: true, whitespace: true, max: 50, message: '请填写 50 字以内的监销人姓名' }]}
          {...fieldErrors.itemProps('witness')}
        >
          <Input data-testid="usage-witness" />
        </Form.Item>
      )}
    </FormModal>
  );
}
