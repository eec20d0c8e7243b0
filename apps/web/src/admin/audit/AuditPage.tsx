import type { AuditEvent, AuditVerifyResult } from '@geoshare/shared';
import { Button, Flex, Input, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../common/format';
import { PageContainer } from '../../layout/PageContainer';
import { VerifyButton, VerifyResultAlert } from './AuditVerify';
import { useAuditLog } from './useAuditLog';

const compactJson = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));

const COLUMNS: TableColumnsType<AuditEvent> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  { title: '操作人', dataIndex: 'actorName', width: 110, render: (name: string | null) => name ?? '系统' },
  { title: '动作', dataIndex: 'action', width: 160, render: (a: string) => <span className="mono">{a}</span> },
  { title: '对象类型', dataIndex: 'objectType', width: 110 },
  {
    title: '对象ID',
    dataIndex: 'objectId',
    width: 140,
    ellipsis: true,
    render: (id: string | null) => <span className="mono">{id ?? '—'}</span>,
  },
  { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  {
    title: '摘要',
    dataIndex: 'summary',
    render: (summary: unknown) => (
      <Typography.Text className="mono" ellipsis={{ tooltip: compactJson(summary) }} style={{ maxWidth: 360 }}>
        {compactJson(summary)}
      </Typography.Text>
    ),
  },
  {
    title: '哈希',
    dataIndex: 'hash',
    width: 130,
    render: (hash: string) => (
      <Tooltip title={hash}>
        <span className="mono">{hash.slice(0, 12)}</span>
      </Tooltip>
    ),
  },
];

/** 审计日志: the append-only trail, newest first, filtered by action; verifies the hash chain. */
export function AuditPage() {
  const [action, setAction] = useState('');
  const { items, loading, hasMore, loadMore } = useAuditLog(action);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);

  return (
    <PageContainer
      title="审计日志"
      extra={
        <Flex gap={8}>
          <Input.Search
            allowClear
            placeholder="按动作筛选，如 org.create"
            onSearch={(text) => setAction(text.trim())}
            style={{ width: 260 }}
            data-testid="audit-filter"
          />
          <VerifyButton onResult={setVerifyResult} />
        </Flex>
      }
    >
      {verifyResult && <VerifyResultAlert result={verifyResult} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        columns={COLUMNS}
        dataSource={items}
        loading={loading}
        pagination={false}
        data-testid="audit-table"
      />
      <Flex justify="center" className="load-more">
        {hasMore ? (
          <Button onClick={loadMore} loading={loading} data-testid="audit-load-more">
            加载更多
          </Button>
        ) : (
          <Typography.Text type="secondary">{items.length > 0 ? '已全部加载' : ''}</Typography.Text>
        )}
      </Flex>
    </PageContainer>
  );
}
