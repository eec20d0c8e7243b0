import {
  CLEARANCE_LABELS,
  CLEARANCES,
  type Clearance,
  checkIdNumber,
  type Org,
  ROLE_LABELS,
  ROLES,
  type Role,
  type User,
  type UserPatch,
} from '@geoshare/shared';
import { App, Form, type FormRule, Input, Select } from 'antd';
import { changedFields } from '../../common/changed-fields';
import { FormModal } from '../../common/FormModal';
import { upperCase } from '../../common/format';
import { optionsOf } from '../../common/options';
import { useServerFieldErrors } from '../../common/useServerFieldErrors';
import { usersApi } from './users.api';

interface UserValues {
  username: string;
  displayName: string;
  password?: string;
  orgId: string;
  roles: Role[];
  clearance: Clearance;
  idNumber?: string;
  phone?: string;
}

const FIELD_OF_CODE = {
  USER_USERNAME_TAKEN: 'username',
  AUTH_PASSWORD_WEAK: 'password',
  PERSON_ID_NUMBER_INVALID: 'idNumber',
  USER_SELF_LOCKOUT: 'roles',
} as const satisfies Record<string, keyof UserValues>;

const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const CLEARANCE_OPTIONS = optionsOf(CLEARANCES, CLEARANCE_LABELS);

const ID_NUMBER_PROBLEMS = {
  badFormat: '身份证号码应为 18 位，最后一位为数字或 X',
  badBirthDate: '身份证号码中的出生日期无效',
  badCheck: '身份证号码校验位不正确',
} as const;

/** GB 11643 check in the browser (ZS-19); the server checks again. */
const idNumberRule: FormRule = {
  validator: async (_, value?: string) => {
    if (!value?.trim()) return;
    const check = checkIdNumber(value);
    if (check.kind !== 'valid') throw new Error(ID_NUMBER_PROBLEMS[check.kind]);
  },
};

const optional = (value?: string) => value?.trim() || undefined;

type EditableValues = Pick<UserValues, 'displayName' | 'orgId' | 'roles' | 'clearance' | 'phone'>;

const editableOf = (u: User): EditableValues => ({
  displayName: u.displayName,
  orgId: u.orgId,
  roles: u.roles,
  clearance: u.clearance,
  phone: u.phone ?? undefined,
});

/** The editable fields as the API wants them: trimmed, empty phone as null. */
const toApi = (v: EditableValues) => ({
  displayName: v.displayName.trim(),
  orgId: v.orgId,
  roles: v.roles,
  clearance: v.clearance,
  phone: optional(v.phone) ?? null,
});

interface UserFormModalProps {
  open: boolean;
  /** null: create a new user */
  user: User | null;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}

/** 新建用户 / 编辑 (editing cannot change the username; a password typed there resets it). */
export function UserFormModal({ open, user, orgs, onClose, onSaved }: UserFormModalProps) {
  const [form] = Form.useForm<UserValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof UserValues>(FIELD_OF_CODE);

  const submit = async (v: UserValues) => {
    const idNumber = optional(v.idNumber);
    if (user) {
      const patch: UserPatch = changedFields(toApi(editableOf(user)), toApi(v));
      if (v.password) patch.password = v.password;
      if (idNumber) patch.idNumber = idNumber;
      if (Object.keys(patch).length > 0) await usersApi.update(user.id, patch);
    } else {
      await usersApi.create({
        username: v.username.trim(),
        password: v.password ?? '',
        ...toApi(v),
        idNumber: idNumber ?? null,
      });
    }
    message.success(user ? '用户已保存' : '用户已创建');
    onSaved();
    onClose();
  };

  return (
    <FormModal
      title={user ? `编辑用户 ${user.username}` : '新建用户'}
      open={open}
      form={form}
      testId="user"
      initialValues={user ? editableOf(user) : { clearance: 'public' }}
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      {!user && (
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '以字母开头，3–32 位字母、数字或 _ . -' },
          ]}
          {...fieldErrors.itemProps('username')}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label="姓名"
        rules={[{ required: true, whitespace: true, max: 50, message: '请输入姓名（不超过 50 字）' }]}
      >
        <Input data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="password"
        label={user ? '重置密码' : '初始密码'}
        extra="至少 8 位，且包含大写字母、小写字母、数字、符号中的三类"
        rules={user ? [] : [{ required: true, message: '请输入初始密码' }]}
        {...fieldErrors.itemProps('password')}
      >
        <Input.Password
          autoComplete="new-password"
          placeholder={user ? '留空则不修改' : undefined}
          data-testid="user-password"
        />
      </Form.Item>
      <Form.Item name="orgId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          data-testid="user-org"
        />
      </Form.Item>
      <Form.Item
        name="roles"
        label="角色"
        rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}
        {...fieldErrors.itemProps('roles')}
      >
        <Select mode="multiple" options={ROLE_OPTIONS} data-testid="user-roles" />
      </Form.Item>
      <Form.Item name="clearance" label="密级权限" rules={[{ required: true, message: '请选择密级权限' }]}>
        <Select options={CLEARANCE_OPTIONS} data-testid="user-clearance" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label="身份证号"
        normalize={upperCase}
        extra={user?.idNumberMasked ? `当前：${user.idNumberMasked}，留空则不修改` : undefined}
        rules={[idNumberRule]}
        {...fieldErrors.itemProps('idNumber')}
      >
        <Input maxLength={18} className="mono" data-testid="user-id-number" />
      </Form.Item>
      <Form.Item
        name="phone"
        label="手机号"
        rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: '请输入有效的电话号码' }]}
      >
        <Input data-testid="user-phone" />
      </Form.Item>
    </FormModal>
  );
}
