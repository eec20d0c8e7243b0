import { PlusOutlined } from '@ant-design/icons';
import { CLEARANCE_LABELS, ROLE_LABELS, type User } from '@geoshare/shared';
import { Button, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useAct } from '../../api/useAct';
import { useApiData } from '../../api/useApiData';
import { formatDateTime } from '../../common/format';
import { useEditor } from '../../common/useEditor';
import { PageContainer } from '../../layout/PageContainer';
import { loadAllOrgs } from '../orgs/orgs.api';
import { UserFormModal } from './UserFormModal';
import { usersApi } from './users.api';

const STATUS_TAGS: Record<User['status'], { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  disabled: { label: '停用', color: 'default' },
  locked: { label: '锁定', color: 'red' },
};

/** 用户管理: users by organisation and search text; create, edit, disable/enable, unlock. */
export function UsersPage() {
  const [query, setQuery] = useState<{ orgId?: string; q?: string }>({});
  const loadUsers = useCallback((signal: AbortSignal) => usersApi.list(query, signal), [query]);
  const { data: users = [], loading, reload } = useApiData(loadUsers);
  const { data: orgs = [] } = useApiData(loadAllOrgs);
  const editor = useEditor<User>();

  const run = useAct();
  const act = (action: Promise<unknown>, done: string) => run(action, done, reload);

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '所属机构', dataIndex: 'orgName' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: User['roles']) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
    },
    { title: '密级权限', dataIndex: 'clearance', render: (c: User['clearance']) => CLEARANCE_LABELS[c] },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: User['status']) => <Tag color={STATUS_TAGS[s].color}>{STATUS_TAGS[s].label}</Tag>,
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (at: string | null) => formatDateTime(at, '从未登录') },
    {
      title: '操作',
      key: 'actions',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => editor.show(user)} data-testid="user-edit">
            编辑
          </Button>
          {user.status === 'disabled' ? (
            <Button
              type="link"
              size="small"
              onClick={() => act(usersApi.update(user.id, { disabled: false }), '已启用')}
              data-testid="user-enable"
            >
              启用
            </Button>
          ) : (
            <Popconfirm
              title={`停用用户 ${user.displayName}？`}
              description="停用后该用户立即退出登录，且不能再登录。"
              onConfirm={() => act(usersApi.update(user.id, { disabled: true }), '已停用')}
            >
              <Button type="link" size="small" danger data-testid="user-disable">
                停用
              </Button>
            </Popconfirm>
          )}
          {user.status === 'locked' && (
            <Button
              type="link"
              size="small"
              onClick={() => act(usersApi.unlock(user.id), '已解锁')}
              data-testid="user-unlock"
            >
              解锁
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="用户管理"
      extra={
        <Flex gap={8}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部机构"
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(orgId?: string) => setQuery((q) => ({ ...q, orgId }))}
            style={{ width: 220 }}
            data-testid="users-org-filter"
          />
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            onSearch={(q) => setQuery((prev) => ({ ...prev, q: q.trim() || undefined }))}
            style={{ width: 240 }}
            data-testid="users-search"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="user-create">
            新建用户
          </Button>
        </Flex>
      }
    >
      <Table<User> rowKey="id" columns={columns} dataSource={users} loading={loading} data-testid="users-table" />
      <UserFormModal
        key={editor.key}
        open={editor.isOpen}
        user={editor.target}
        orgs={orgs}
        onClose={editor.hide}
        onSaved={reload}
      />
    </PageContainer>
  );
}
