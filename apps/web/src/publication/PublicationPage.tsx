import { PlusOutlined } from '@ant-design/icons';
import {
  PUBLICATION_STATE_LABELS,
  PUBLICATION_STATES,
  type PublicationReview,
  type PublicationState,
} from '@geoshare/shared';
import { Button, Checkbox, Flex, Select, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { optionsOf } from '../common/options';
import { useEditor } from '../common/useEditor';
import { useOpenedId } from '../common/useOpenedId';
import { PageContainer } from '../layout/PageContainer';
import { PublicationDrawer } from './PublicationDrawer';
import { PublicationFormDrawer } from './PublicationFormDrawer';
import { type PublicationFilter, publicationApi } from './publication.api';
import { publicationColumns } from './publication-tags';

const STATE_OPTIONS = optionsOf(PUBLICATION_STATES, PUBLICATION_STATE_LABELS);

/**
 * 发布审核 (BX-18, MNR-12, MNR-18, ZS-23): units request to publish or display imagery and derived maps with their
 * sources cited; reviewers answer within 5 working days (pending requests first, by deadline).
 */
export function PublicationPage() {
  const [filter, setFilter] = useState<PublicationFilter>({});
  const [openId, setOpenId] = useOpenedId();
  const editor = useEditor<PublicationReview>();
  const load = useCallback((signal: AbortSignal) => publicationApi.list(filter, signal), [filter]);
  const { data, loading, reload } = useApiData(load);

  return (
    <PageContainer
      title="发布审核"
      extra={
        <Flex gap={16} align="center">
          <Checkbox
            onChange={(e) => setFilter((f) => ({ ...f, mine: e.target.checked || undefined }))}
            data-testid="publication-filter-mine"
          >
            只看本单位的
          </Checkbox>
          <Select
            allowClear
            placeholder="全部状态"
            options={STATE_OPTIONS}
            onChange={(state?: PublicationState) => setFilter((f) => ({ ...f, state }))}
            style={{ width: 140 }}
            data-testid="publication-filter-state"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="publication-create">
            新建发布申请
          </Button>
        </Flex>
      }
    >
      <Table<PublicationReview>
        rowKey="id"
        columns={publicationColumns}
        dataSource={data}
        loading={loading}
        rowClassName="row-clickable"
        onRow={(r) => ({ onClick: () => setOpenId(r.id) })}
        data-testid="publication-table"
      />
      <PublicationDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={reload}
        onResubmit={(r) => editor.show(r)}
      />
      <PublicationFormDrawer
        key={editor.key}
        open={editor.isOpen}
        review={editor.target}
        onClose={editor.hide}
        onSaved={() => {
          reload();
          setOpenId(null);
        }}
      />
    </PageContainer>
  );
}
