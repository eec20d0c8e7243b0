import type { ProvisionRecord, Secrecy } from '@geoshare/shared';
import { Button, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApiData } from '../api/useApiData';
import { loadCollections } from '../catalogue/catalogue.api';
import { SecrecyTag } from '../catalogue/tags';
import { PageContainer } from '../layout/PageContainer';
import { chinaDateTime } from './application-format';
import { applicationsApi, type ProvisionQuery } from './applications.api';

const COLUMNS: TableColumnsType<ProvisionRecord> = [
  {
    title: '数据',
    dataIndex: 'itemTitle',
    render: (title: string, r) => (
      <>
        <div>{title}</div>
        <span className="mono">
          {r.collectionId} / {r.itemId}
        </span>
      </>
    ),
  },
  { title: '密级', dataIndex: 'secrecy', width: 90, render: (s: Secrecy) => <SecrecyTag secrecy={s} /> },
  { title: '使用单位', dataIndex: 'orgName', width: 180 },
  { title: '接收人', dataIndex: 'receiverName', width: 100 },
  { title: '移交时间', dataIndex: 'handedOverAt', width: 150, render: (at: string) => chinaDateTime(at) },
  {
    title: '申请表 / 移交单',
    key: 'numbers',
    width: 170,
    render: (_, r) => (
      <>
        <Link to={`/applications/${r.applicationId}`} className="mono">
          {r.applicationNumber}
        </Link>
        <div className="mono">{r.handoverNumber}</div>
      </>
    ),
  },
  { title: '使用登记', dataIndex: 'usageLogCount', width: 90, render: (n: number) => `${n} 条` },
  {
    title: '状态',
    dataIndex: 'destroyed',
    width: 90,
    render: (destroyed: boolean) => (destroyed ? <Tag>已销毁</Tag> : <Tag color="blue">持有中</Tag>),
  },
];

/** 提供记录 (BX-21): every hand-over of every item, permanently; filter by data set and item to trace its holders. */
export function ProvisionRecordsPage() {
  const [query, setQuery] = useState<ProvisionQuery>({});
  const [itemId, setItemId] = useState('');
  const load = useCallback((signal: AbortSignal) => applicationsApi.provisions(query, signal), [query]);
  const { data = [], loading } = useApiData(load);
  const { data: collections = [] } = useApiData(loadCollections);

  return (
    <PageContainer
      title="提供记录"
      extra={
        <Flex gap={8}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="数据集"
            style={{ width: 240 }}
            options={collections.map((c) => ({ value: c.id, label: c.title }))}
            value={query.collectionId}
            onChange={(collectionId?: string) => setQuery((q) => ({ ...q, collectionId }))}
            data-testid="provisions-collection"
          />
          <Input
            allowClear
            placeholder="数据标识（条目 ID）"
            style={{ width: 220 }}
            value={itemId}
            onChange={(e) => setItemId(e.target.value)}
            onPressEnter={() => setQuery((q) => ({ ...q, itemId: itemId.trim() || undefined }))}
            data-testid="provisions-item"
          />
          <Button onClick={() => setQuery((q) => ({ ...q, itemId: itemId.trim() || undefined }))}>查询</Button>
        </Flex>
      }
    >
      <Table<ProvisionRecord>
        rowKey={(r) => `${r.handoverNumber}/${r.collectionId}/${r.itemId}`}
        size="middle"
        columns={COLUMNS}
        dataSource={data}
        loading={loading}
        data-testid="provisions-table"
      />
    </PageContainer>
  );
}
