import { FEEDBACK_STATE_LABELS, FEEDBACK_STATES, type Feedback, type FeedbackState, type Role } from '@geoshare/shared';
import { Checkbox, Flex, Select, Table, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { loadCollections } from '../catalogue/catalogue.api';
import { optionsOf } from '../common/options';
import { useOpenedId } from '../common/useOpenedId';
import { PageContainer } from '../layout/PageContainer';
import { useSession } from '../session/session-context';
import { FeedbackDrawer } from './FeedbackDrawer';
import { FeedbackSummaryTab } from './FeedbackSummaryTab';
import { type FeedbackFilter, feedbackApi } from './feedback.api';
import { feedbackColumns } from './feedback-tags';

/** Who sees every report and the summary (as GET /api/feedback/summary allows). */
const FEEDBACK_OVERSIGHT: readonly Role[] = ['custodian', 'leader', 'admin'];

const STATE_OPTIONS = optionsOf(FEEDBACK_STATES, FEEDBACK_STATE_LABELS);

/** 问题列表: the reports the caller may see, filtered; a row opens its detail with the custodian's actions. */
function FeedbackList() {
  const [filter, setFilter] = useState<FeedbackFilter>({});
  const [openId, setOpenId] = useOpenedId();
  const load = useCallback((signal: AbortSignal) => feedbackApi.list(filter, signal), [filter]);
  const { data, loading, reload } = useApiData(load);
  const { data: collections = [] } = useApiData(loadCollections);
  const set = (patch: FeedbackFilter) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <>
      <Flex gap={16} align="center" wrap className="page-alert">
        <Checkbox onChange={(e) => set({ mine: e.target.checked || undefined })} data-testid="feedback-filter-mine">
          只看我提交的
        </Checkbox>
        <Checkbox
          onChange={(e) => set({ escalated: e.target.checked || undefined })}
          data-testid="feedback-filter-escalated"
        >
          只看已上报领导的
        </Checkbox>
        <Select
          allowClear
          placeholder="全部状态"
          options={STATE_OPTIONS}
          onChange={(state?: FeedbackState) => set({ state })}
          style={{ width: 140 }}
          data-testid="feedback-filter-state"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部数据集"
          options={collections.map((c) => ({ value: c.id, label: c.title }))}
          onChange={(collectionId?: string) => set({ collectionId })}
          style={{ width: 260 }}
          data-testid="feedback-filter-collection"
        />
      </Flex>
      <Table<Feedback>
        rowKey="id"
        columns={feedbackColumns}
        dataSource={data?.items}
        loading={loading}
        rowClassName="row-clickable"
        onRow={(f) => ({ onClick: () => setOpenId(f.id) })}
        data-testid="feedback-table"
      />
      <FeedbackDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </>
  );
}

/**
 * 问题反馈 (MNR-19, ZS-24): reports on catalogue items and the custodian's answers; 汇总 (custodians, leaders) gives the
 * periodic summary with its Excel export.
 */
export function FeedbackPage() {
  const { hasRole } = useSession();
  const oversees = FEEDBACK_OVERSIGHT.some(hasRole);
  return (
    <PageContainer title="问题反馈">
      {oversees ? (
        <Tabs
          items={[
            { key: 'list', label: '问题列表', children: <FeedbackList /> },
            { key: 'summary', label: '汇总', children: <FeedbackSummaryTab /> },
          ]}
          data-testid="feedback-tabs"
        />
      ) : (
        <FeedbackList />
      )}
    </PageContainer>
  );
}
