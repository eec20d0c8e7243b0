import { Segmented } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { PageContainer } from '../layout/PageContainer';
import { ApplicationTable } from './ApplicationTable';
import { applicationsApi } from './applications.api';

type Filter = 'pending' | 'all';

/**
 * 待审核: the reviewer's worklist (MNR-15, ZS-21). The server orders pending reviews first by deadline; overdue ones
 * show in red.
 */
export function ReviewListPage() {
  const [filter, setFilter] = useState<Filter>('pending');
  const load = useCallback(
    (signal: AbortSignal) => applicationsApi.list('review', filter === 'pending' ? 'inReview' : undefined, signal),
    [filter],
  );
  const { data = [], loading } = useApiData(load);
  return (
    <PageContainer
      title="待审核"
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'all', label: '全部' },
          ]}
          data-testid="review-filter"
        />
      }
    >
      <ApplicationTable rows={data} loading={loading} showOrg testId="applications-review" />
    </PageContainer>
  );
}
