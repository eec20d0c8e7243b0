import '../catalogue.css';
import { PlusOutlined } from '@ant-design/icons';
import { PRODUCT_TYPE_LABELS, SHARING_METHOD_LABELS, UPDATE_FREQUENCY_LABELS } from '@geoshare/shared';
import { Button, Flex, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { loadAllOrgs } from '../../admin/orgs/orgs.api';
import { useAct } from '../../api/useAct';
import { useApiData } from '../../api/useApiData';
import { useEditor } from '../../common/useEditor';
import { PageContainer } from '../../layout/PageContainer';
import { catalogueApi, loadCollections } from '../catalogue.api';
import type { StacCollection } from '../stac';
import { PublishedTag, SharingTypeTag } from '../tags';
import { CollectionFormModal } from './CollectionFormModal';
import { CollectionItems } from './CollectionItems';
import { ExportButtons } from './ExportButtons';

/** 目录管理 (BX-13, MNR-9, ZS-11): collections and their entries, publishing, and the two catalogue exports. */
export function CatalogueManagePage() {
  const act = useAct();
  const { data: collections = [], loading, reload } = useApiData(loadCollections);
  const { data: orgs = [] } = useApiData(loadAllOrgs);
  const editor = useEditor<StacCollection>();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [checkedIds, setCheckedIds] = useState<string[]>([]);
  const current = collections.find((c) => c.id === currentId) ?? null;

  const columns: TableColumnsType<StacCollection> = [
    { title: '标识', dataIndex: 'id', render: (id: string) => <span className="mono">{id}</span> },
    { title: '名称', dataIndex: 'title' },
    {
      title: '产品类型',
      dataIndex: 'geoshare:product_type',
      render: (t: StacCollection['geoshare:product_type']) => PRODUCT_TYPE_LABELS[t],
    },
    {
      title: '共享类型',
      dataIndex: 'geoshare:sharing_type',
      render: (t: StacCollection['geoshare:sharing_type']) => <SharingTypeTag sharingType={t} />,
    },
    {
      title: '共享方式',
      dataIndex: 'geoshare:sharing_method',
      render: (m: StacCollection['geoshare:sharing_method']) => SHARING_METHOD_LABELS[m],
    },
    {
      title: '更新频率',
      dataIndex: 'geoshare:update_frequency',
      render: (f: StacCollection['geoshare:update_frequency']) => UPDATE_FREQUENCY_LABELS[f],
    },
    { title: '条目数', dataIndex: 'geoshare:item_count' },
    {
      title: '状态',
      dataIndex: 'geoshare:published',
      render: (published: boolean) => <PublishedTag published={published} />,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) => {
        const published = c['geoshare:published'];
        return (
          // The row click opens the entries: the actions keep their clicks to themselves.
          // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from reaching the row
          // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside handle the keyboard
          <span onClick={(e) => e.stopPropagation()}>
            <Space size={0}>
              <Button type="link" size="small" onClick={() => editor.show(c)} data-testid="collection-edit">
                编辑
              </Button>
              <Button
                type="link"
                size="small"
                onClick={() =>
                  act(catalogueApi.publishCollection(c.id, !published), published ? '已撤回' : '已发布', reload)
                }
                data-testid="collection-publish"
              >
                {published ? '撤回' : '发布'}
              </Button>
            </Space>
          </span>
        );
      },
    },
  ];

  return (
    <PageContainer
      title="目录管理"
      extra={
        <Flex gap={8} align="center" wrap>
          {checkedIds.length > 0 && (
            <Typography.Text type="secondary">导出已勾选的 {checkedIds.length} 个数据集</Typography.Text>
          )}
          <ExportButtons collectionIds={checkedIds} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="collection-create">
            新建数据集
          </Button>
        </Flex>
      }
    >
      <Table<StacCollection>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={collections}
        loading={loading}
        pagination={false}
        rowSelection={{ selectedRowKeys: checkedIds, onChange: (keys) => setCheckedIds(keys.map(String)) }}
        onRow={(c) => ({ onClick: () => setCurrentId(c.id) })}
        rowClassName={(c) => (c.id === currentId ? 'row-clickable row-selected' : 'row-clickable')}
        data-testid="collections-table"
        className="collections-table"
      />
      {current ? (
        <CollectionItems key={current.id} collection={current} orgs={orgs} />
      ) : (
        <Typography.Text type="secondary">点击数据集查看其目录条目</Typography.Text>
      )}
      <CollectionFormModal
        key={editor.key}
        open={editor.isOpen}
        collection={editor.target}
        orgs={orgs}
        onClose={editor.hide}
        onSaved={reload}
      />
    </PageContainer>
  );
}
