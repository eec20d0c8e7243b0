import type { Org } from '@geoshare/shared';
import { Form, Input, Select } from 'antd';
import { SHARING_METHOD_OPTIONS, SHARING_TYPE_OPTIONS, UPDATE_FREQUENCY_OPTIONS } from '../options';

/** Form fields shared by the collection and the item forms. */

interface SharingFieldsProps {
  /** prefix of the test ids */
  testId: string;
  /** the server's error under 共享依据, if any */
  basisProps: { validateStatus?: 'error'; help?: string };
}

/**
 * 共享类型, 共享依据, 共享方式, 使用要求 of a collection or item form (ZS-12: 不予共享 must name its legal basis,
 * so the basis is required then).
 */
export function SharingFields({ testId, basisProps }: SharingFieldsProps) {
  const sharingType = Form.useWatch('sharingType', Form.useFormInstance());
  const basisRequired = sharingType === 'none';
  return (
    <>
      <Form.Item name="sharingType" label="共享类型" rules={[{ required: true, message: '请选择共享类型' }]}>
        <Select options={SHARING_TYPE_OPTIONS} data-testid={`${testId}-sharing-type`} />
      </Form.Item>
      <Form.Item
        name="sharingBasis"
        label="共享依据"
        dependencies={['sharingType']}
        required={basisRequired}
        extra={basisRequired ? '不予共享的数据必须注明法律法规或政策依据（ZS-12）' : undefined}
        rules={[
          { required: basisRequired, whitespace: true, message: '请填写不予共享的法律法规或政策依据' },
          { max: 500, message: '不超过 500 字' },
        ]}
        {...basisProps}
      >
        <Input.TextArea rows={2} data-testid={`${testId}-sharing-basis`} />
      </Form.Item>
      <Form.Item name="sharingMethod" label="共享方式" rules={[{ required: true, message: '请选择共享方式' }]}>
        <Select options={SHARING_METHOD_OPTIONS} data-testid={`${testId}-sharing-method`} />
      </Form.Item>
      <Form.Item name="usageRequirements" label="使用要求" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/**
 * The STAC answers name the custodian and provider units but do not give their ids; organisation names are unique,
 * so the id is found by name (undefined when the unit is not named or unknown).
 */
export const orgIdByName = (orgs: Org[], name: string | undefined): string | undefined =>
  name ? orgs.find((o) => o.name === name)?.id : undefined;

/** 保管单位, 提供单位, 更新频率. */
export function CustodyFields({ orgs }: { orgs: Org[] }) {
  const options = orgs.map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <Form.Item name="custodianOrgId" label="保管单位">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} />
      </Form.Item>
      <Form.Item name="providerOrgId" label="提供单位">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} />
      </Form.Item>
      <Form.Item name="updateFrequency" label="更新频率">
        <Select allowClear options={UPDATE_FREQUENCY_OPTIONS} />
      </Form.Item>
    </>
  );
}
