import { App, Form, Input } from 'antd';
import { FormModal } from '../common/FormModal';
import { useServerFieldErrors } from '../common/useServerFieldErrors';
import { authApi } from '../session/auth.api';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELD_OF_CODE = {
  AUTH_PASSWORD_WRONG: 'currentPassword',
  AUTH_PASSWORD_WEAK: 'newPassword',
} as const satisfies Record<string, keyof PasswordValues>;

/** 修改密码: current password, then the new one twice. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PasswordValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof PasswordValues>(FIELD_OF_CODE);

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    await authApi.changePassword({ currentPassword, newPassword });
    message.success('密码已修改');
    onClose();
  };

  return (
    <FormModal
      title="修改密码"
      open={open}
      form={form}
      testId="password"
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      <Form.Item
        name="currentPassword"
        label="当前密码"
        rules={[{ required: true, message: '请输入当前密码' }]}
        {...fieldErrors.itemProps('currentPassword')}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra="至少 8 位，且包含大写字母、小写字母、数字、符号中的三类"
        rules={[{ required: true, message: '请输入新密码' }]}
        {...fieldErrors.itemProps('newPassword')}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
    </FormModal>
  );
}
