import type { Org } from '@geoshare/shared';
import { Button, Card, Checkbox, Flex, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useAct } from '../../api/useAct';
import { formatNumber } from '../../common/format';
import { useEditor } from '../../common/useEditor';
import { catalogueApi } from '../catalogue.api';
import { SearchPager } from '../SearchPager';
import { allOf, compare, NEWEST_FIRST, PAGE_SIZE, withFilter } from '../search-request';
import type { StacCollection, StacItem, StacSearchBody } from '../stac';
import { PublishedTag, SecrecyTag, SharingTypeTag } from '../tags';
import { useStacSearch } from '../useStacSearch';
import { ItemEditDrawer } from './ItemEditDrawer';

interface ItemsQuery {
  undeterminedOnly: boolean;
  unpublishedOnly: boolean;
}

function itemsBody(collectionId: string, q: ItemsQuery): StacSearchBody {
  const conditions = [
    ...(q.undeterminedOnly ? [compare('=', 'geoshare:secrecy', 'undetermined')] : []),
    ...(q.unpublishedOnly ? [compare('=', 'geoshare:published', false)] : []),
  ];
  return { collections: [collectionId], ...withFilter(allOf(conditions)), limit: PAGE_SIZE, sortby: NEWEST_FIRST };
}

/** The entries of one collection, newest first: edit, publish or withdraw; 待定密 and unpublished filters. */
export function CollectionItems({ collection, orgs }: { collection: StacCollection; orgs: Org[] }) {
  const act = useAct();
  const [query, setQuery] = useState<ItemsQuery>({ undeterminedOnly: false, unpublishedOnly: false });
  const body = useMemo(() => itemsBody(collection.id, query), [collection.id, query]);
  const search = useStacSearch(body);
  const editor = useEditor<StacItem>();

  const columns: TableColumnsType<StacItem> = [
    {
      title: '统一编号',
      key: 'no',
      render: (_, i) => <span className="mono">{i.properties['geoshare:catalogue_no']}</span>,
    },
    { title: '名称', key: 'title', render: (_, i) => i.properties.title },
    { title: '时间', key: 'datetime', render: (_, i) => dayjs(i.properties.datetime).format('YYYY-MM-DD') },
    {
      title: '分辨率',
      key: 'gsd',
      render: (_, i) => (i.properties.gsd === undefined ? '—' : `${formatNumber(i.properties.gsd)} 米`),
    },
    { title: '密级', key: 'secrecy', render: (_, i) => <SecrecyTag secrecy={i.properties['geoshare:secrecy']} /> },
    {
      title: '共享类型',
      key: 'sharing',
      render: (_, i) => <SharingTypeTag sharingType={i.properties['geoshare:sharing_type']} />,
    },
    {
      title: '已发布',
      key: 'published',
      render: (_, i) => <PublishedTag published={i.properties['geoshare:published']} />,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, i) => {
        const published = i.properties['geoshare:published'];
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => editor.show(i)} data-testid="item-edit">
              编辑
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() =>
                act(
                  catalogueApi.publishItem(i.collection, i.id, !published),
                  published ? '已撤回' : '已发布',
                  search.reload,
                )
              }
              data-testid="item-publish"
            >
              {published ? '撤回' : '发布'}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title={`「${collection.title}」的目录条目`}
      extra={
        <Flex gap={16}>
          <Checkbox
            checked={query.undeterminedOnly}
            onChange={(e) => setQuery((q) => ({ ...q, undeterminedOnly: e.target.checked }))}
            data-testid="items-undetermined-only"
          >
            仅看待定密
          </Checkbox>
          <Checkbox
            checked={query.unpublishedOnly}
            onChange={(e) => setQuery((q) => ({ ...q, unpublishedOnly: e.target.checked }))}
            data-testid="items-unpublished-only"
          >
            仅看未发布
          </Checkbox>
        </Flex>
      }
    >
      <Table<StacItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={search.page?.features ?? []}
        loading={search.loading}
        pagination={false}
        data-testid="items-table"
      />
      <SearchPager search={search} testId="items-matched" />
      <ItemEditDrawer
        key={editor.key}
        open={editor.isOpen}
        item={editor.target}
        orgs={orgs}
        onClose={editor.hide}
        onSaved={search.reload}
      />
    </Card>
  );
}
