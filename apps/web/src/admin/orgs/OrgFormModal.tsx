import { ORG_KIND_LABELS, ORG_KINDS, type Org, type OrgInput, type OrgKind } from '@geoshare/shared';
import { App, Checkbox, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { changedFields } from '../../common/changed-fields';
import { FormModal } from '../../common/FormModal';
import { upperCase } from '../../common/format';
import { optionsOf } from '../../common/options';
import { useServerFieldErrors } from '../../common/useServerFieldErrors';
import { orgsApi } from './orgs.api';

interface OrgValues {
  name: string;
  shortName?: string;
  kind: OrgKind;
  creditCode?: string;
  parentId?: string;
  acceptInvalidCreditCode?: boolean;
}

const FIELD_OF_CODE = {
  ORG_NAME_TAKEN: 'name',
  ORG_CREDIT_CODE_FORMAT: 'creditCode',
  ORG_CREDIT_CODE_INVALID: 'creditCode',
  ORG_CREDIT_CODE_TAKEN: 'creditCode',
  ORG_PARENT_INVALID: 'parentId',
} as const satisfies Record<string, keyof OrgValues>;

const KIND_OPTIONS = optionsOf(ORG_KINDS, ORG_KIND_LABELS);

/** The form values as the API wants them: trimmed, empty as null. */
function toInput(v: OrgValues): OrgInput {
  return {
    name: v.name.trim(),
    shortName: v.shortName?.trim() || null,
    kind: v.kind,
    creditCode: v.creditCode?.trim() || null,
    parentId: v.parentId ?? null,
  };
}

function valuesOf(org: Org): OrgValues {
  return {
    name: org.name,
    shortName: org.shortName ?? undefined,
    kind: org.kind,
    creditCode: org.creditCode ?? undefined,
    parentId: org.parentId ?? undefined,
  };
}

/** `org` and everything below it: not eligible as its parent. */
function selfAndDescendants(org: Org, orgs: Org[]): Set<string> {
  const ids = new Set([org.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) {
      if (o.parentId && ids.has(o.parentId) && !ids.has(o.id)) {
        ids.add(o.id);
        grew = true;
      }
    }
  }
  return ids;
}

interface OrgFormModalProps {
  open: boolean;
  /** null: create a new organisation */
  org: Org | null;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 新建机构 / 编辑. A credit code failing the GB 32100 check (ZS-19) is refused by the server; the admin may then
 * confirm it as a legacy code and save again with `acceptInvalidCreditCode`.
 */
export function OrgFormModal({ open, org, orgs, onClose, onSaved }: OrgFormModalProps) {
  const [form] = Form.useForm<OrgValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof OrgValues>(FIELD_OF_CODE);
  const overrideOffered = fieldErrors.errors.creditCode?.code === 'ORG_CREDIT_CODE_INVALID';
  const initial = useMemo(() => (org ? valuesOf(org) : undefined), [org]);

  const parentOptions = useMemo(() => {
    const excluded = org ? selfAndDescendants(org, orgs) : new Set<string>();
    return orgs.filter((o) => !excluded.has(o.id)).map((o) => ({ value: o.id, label: o.name }));
  }, [org, orgs]);

  const submit = async (values: OrgValues) => {
    const input = toInput(values);
    const accept = overrideOffered && values.acceptInvalidCreditCode ? { acceptInvalidCreditCode: true } : {};
    if (org && initial) {
      const patch = changedFields(toInput(initial), input);
      if (Object.keys(patch).length > 0) await orgsApi.update(org.id, { ...patch, ...accept });
    } else {
      await orgsApi.create({ ...input, ...accept });
    }
    message.success(org ? '机构已保存' : '机构已创建');
    onSaved();
    onClose();
  };

  return (
    <FormModal
      title={org ? '编辑机构' : '新建机构'}
      open={open}
      form={form}
      testId="org"
      initialValues={initial ?? { kind: 'department' }}
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label="机构名称"
        rules={[{ required: true, whitespace: true, min: 2, max: 100, message: '请输入 2–100 字的机构名称' }]}
        {...fieldErrors.itemProps('name')}
      >
        <Input data-testid="org-name" />
      </Form.Item>
      <Form.Item name="shortName" label="简称" rules={[{ max: 30, message: '简称不超过 30 字' }]}>
        <Input data-testid="org-short-name" />
      </Form.Item>
      <Form.Item name="kind" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
        <Select options={KIND_OPTIONS} data-testid="org-kind" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        normalize={upperCase}
        rules={[{ max: 18, message: '统一社会信用代码为 18 位' }]}
        {...fieldErrors.itemProps('creditCode')}
      >
        <Input maxLength={18} className="mono" placeholder="18 位，可不填" data-testid="org-credit-code" />
      </Form.Item>
      {overrideOffered && (
        <Form.Item name="acceptInvalidCreditCode" valuePropName="checked">
          <Checkbox data-testid="org-credit-code-override">这是历史遗留代码，确认按原样保存</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="parentId" label="上级机构" {...fieldErrors.itemProps('parentId')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={parentOptions}
          placeholder="无"
          data-testid="org-parent"
        />
      </Form.Item>
    </FormModal>
  );
}
