import { APPLICATION_STATE_LABELS, type ApplicationState } from '@geoshare/shared';
import { Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { PageContainer } from '../layout/PageContainer';
import { ApplicationTable } from './ApplicationTable';
import { applicationsApi } from './applications.api';

/** The service centre's steps (BX-21, BX-22 step 3), in order. */
const PROVISION_STATES: readonly ApplicationState[] = ['approved', 'preparing', 'ready', 'handedOver'];
const ALL = 'all';

/** 待提供/待移交: approved applications through preparation, pick-up notice and hand-over, by state. */
export function ProvisionListPage() {
  const [tab, setTab] = useState<string>(ALL);
  const load = useCallback(
    (signal: AbortSignal) =>
      applicationsApi.list('provision', tab === ALL ? undefined : (tab as ApplicationState), signal),
    [tab],
  );
  const { data = [], loading } = useApiData(load);
  return (
    <PageContainer title="待提供/待移交">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: ALL, label: '全部' },
          ...PROVISION_STATES.map((s) => ({ key: s, label: APPLICATION_STATE_LABELS[s] })),
        ]}
        data-testid="provision-tabs"
      />
      <ApplicationTable rows={data} loading={loading} showOrg testId="applications-provision" />
    </PageContainer>
  );
}
