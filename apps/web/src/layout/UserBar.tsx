import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@geoshare/shared';
import { Button, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useNotifyError } from '../api/useNotifyError';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { useEditor } from '../common/useEditor';
import { useSession } from '../session/session-context';

/** Header right side: who is signed in, 修改密码 and 退出登录. */
export function UserBar() {
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const passwordEditor = useEditor<null>();
  if (!me) return null;

  const signOut = () =>
    logout().then(
      () => navigate('/login', { replace: true }),
      (err: unknown) => notifyError(err),
    );

  return (
    <Flex align="center" gap={12} data-testid="user-bar">
      <UserOutlined />
      <Typography.Text strong data-testid="user-name">
        {me.displayName}
      </Typography.Text>
      <Typography.Text type="secondary">{me.orgName}</Typography.Text>
      <span>
        {me.roles.map((role) => (
          <Tag key={role} color="blue">
            {ROLE_LABELS[role]}
          </Tag>
        ))}
      </span>
      <Button icon={<KeyOutlined />} onClick={() => passwordEditor.show()} data-testid="change-password">
        修改密码
      </Button>
      <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="logout">
        退出登录
      </Button>
      <ChangePasswordModal key={passwordEditor.key} open={passwordEditor.isOpen} onClose={passwordEditor.hide} />
    </Flex>
  );
}
