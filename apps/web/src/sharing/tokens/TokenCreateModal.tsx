import { type CreatedApiToken, TOKEN_SCOPES, type TokenScope } from '@geoshare/shared';
import { Checkbox, Form, Input, Select } from 'antd';
import { FormModal } from '../../common/FormModal';
import { optionsOf } from '../../common/options';
import { sharingApi } from '../sharing.api';
import { SCOPE_LABELS } from './token-labels';

interface TokenValues {
  name: string;
  scopes: TokenScope[];
  /** days; 0 for 永不过期 */
  expiresInDays: number;
}

const SCOPE_OPTIONS = optionsOf(TOKEN_SCOPES, SCOPE_LABELS);

const EXPIRY_OPTIONS = [
  { value: 30, label: '30 天' },
  { value: 90, label: '90 天' },
  { value: 365, label: '365 天' },
  { value: 0, label: '永不过期' },
];

interface TokenCreateModalProps {
  open: boolean;
  onClose: () => void;
  /** with the secret, to show it once */
  onCreated: (created: CreatedApiToken) => void;
}

/** 新建令牌: a name, what it may be used for, and how long it lives. */
export function TokenCreateModal({ open, onClose, onCreated }: TokenCreateModalProps) {
  const [form] = Form.useForm<TokenValues>();

  const submit = async ({ name, scopes, expiresInDays }: TokenValues) => {
    const created = await sharingApi.createToken({
      name: name.trim(),
      scopes,
      expiresInDays: expiresInDays === 0 ? null : expiresInDays,
    });
    onClose();
    onCreated(created);
  };

  return (
    <FormModal
      title="新建令牌"
      open={open}
      form={form}
      testId="token"
      initialValues={{ scopes: ['stac', 'tiles'], expiresInDays: 90 }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label="名称"
        extra="说明令牌的用途或使用它的系统，便于日后区分"
        rules={[{ required: true, whitespace: true, max: 60, message: '请输入不超过 60 字的名称' }]}
      >
        <Input placeholder="例如：区规划院 GIS 平台" data-testid="token-name" />
      </Form.Item>
      <Form.Item name="scopes" label="权限范围" rules={[{ required: true, message: '请至少选择一项权限' }]}>
        <Checkbox.Group options={SCOPE_OPTIONS} data-testid="token-scopes" />
      </Form.Item>
      <Form.Item name="expiresInDays" label="有效期">
        <Select options={EXPIRY_OPTIONS} data-testid="token-expiry" />
      </Form.Item>
    </FormModal>
  );
}
