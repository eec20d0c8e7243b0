import '../sharing.css';
import { PlusOutlined } from '@ant-design/icons';
import type { ApiTokenView, CreatedApiToken, TokenScope } from '@geoshare/shared';
import { Alert, Button, Modal, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAct } from '../../api/useAct';
import { useApiData } from '../../api/useApiData';
import { formatDateTime } from '../../common/format';
import { useEditor } from '../../common/useEditor';
import { PageContainer } from '../../layout/PageContainer';
import { sharingApi } from '../sharing.api';
import { TokenCreateModal } from './TokenCreateModal';
import { SCOPE_LABELS, STATUS_TAGS, tokenStatus } from './token-labels';

/** The secret of a new token, shown this once (only its hash is kept), with a copy button. */
function SecretModal({ created, onClose }: { created: CreatedApiToken | null; onClose: () => void }) {
  return (
    <Modal
      open={created !== null}
      title={`令牌「${created?.token.name ?? ''}」已创建`}
      width={600}
      okText="我已保存"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title="令牌只显示这一次，请立即复制并妥善保存"
        description="平台只保存令牌的摘要，关闭后无法再次查看；遗失或泄露时请撤销并新建。"
      />
      <Typography.Paragraph
        copyable={{ text: created?.secret, tooltips: ['复制', '已复制'] }}
        className="token-secret mono"
        data-testid="token-secret"
      >
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        调用时在请求头中携带：<span className="mono">Authorization: Bearer &lt;令牌&gt;</span>
      </Typography.Text>
    </Modal>
  );
}

/** 我的令牌: personal API tokens for other systems (STAC search, tiles, downloads), created, listed and revoked. */
export function TokensPage() {
  const { data: tokens = [], loading, reload } = useApiData(sharingApi.tokens);
  const editor = useEditor<null>();
  const act = useAct();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const now = new Date();

  const columns: TableColumnsType<ApiTokenView> = [
    { title: '名称', dataIndex: 'name' },
    {
      title: '权限范围',
      dataIndex: 'scopes',
      render: (scopes: TokenScope[]) =>
        scopes.map((s) => (
          <Tag key={s} color="blue">
            {SCOPE_LABELS[s]}
          </Tag>
        )),
    },
    { title: '前缀', dataIndex: 'prefix', render: (prefix: string) => <span className="mono">{prefix}…</span> },
    { title: '创建时间', dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
    { title: '有效期至', dataIndex: 'expiresAt', render: (at: string | null) => formatDateTime(at, '永不过期') },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: (at: string | null) => formatDateTime(at, '从未使用') },
    {
      title: '状态',
      key: 'status',
      render: (_, token) => {
        const tag = STATUS_TAGS[tokenStatus(token, now)];
        return <Tag color={tag.color}>{tag.label}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, token) =>
        token.revokedAt === null && (
          <Popconfirm
            title={`撤销令牌「${token.name}」？`}
            description="撤销后使用该令牌的系统将立即无法访问，且不可恢复。"
            okText="撤销"
            okButtonProps={{ danger: true, 'data-testid': 'token-revoke-confirm' }}
            onConfirm={() => act(sharingApi.revokeToken(token.id), '令牌已撤销', reload)}
          >
            <Button type="link" size="small" danger data-testid={`token-revoke-${token.id}`}>
              撤销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title="我的令牌"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="token-create">
          新建令牌
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        className="page-alert"
        title="令牌供其他系统调用 STAC 检索、瓦片服务与数据下载接口，权限与您的账号相同，每次调用均被记录。"
      />
      <Table<ApiTokenView>
        rowKey="id"
        columns={columns}
        dataSource={tokens}
        loading={loading}
        pagination={false}
        data-testid="tokens-table"
      />
      <TokenCreateModal
        key={editor.key}
        open={editor.isOpen}
        onClose={editor.hide}
        onCreated={(c) => {
          setCreated(c);
          reload();
        }}
      />
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </PageContainer>
  );
}
