import {
  NEGOTIATION_STATE_LABELS,
  NEGOTIATION_STATES,
  type Negotiation,
  type NegotiationState,
} from '@geoshare/shared';
import { Checkbox, Flex, Select, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { optionsOf } from '../common/options';
import { useOpenedId } from '../common/useOpenedId';
import { PageContainer } from '../layout/PageContainer';
import { NegotiationDrawer } from './NegotiationDrawer';
import { type NegotiationFilter, negotiationApi } from './negotiation.api';
import { negotiationColumns } from './negotiation-tags';

const STATE_OPTIONS = optionsOf(NEGOTIATION_STATES, NEGOTIATION_STATE_LABELS);

/**
 * 共享协商 (ZS-12, ZS-21): requests for 不予共享 data. A unit sees its own cases and escalates them; reviewers and
 * catalogue managers answer; leaders decide escalated cases. A row opens its detail with the caller's actions.
 */
export function NegotiationsPage() {
  const [filter, setFilter] = useState<NegotiationFilter>({});
  const [openId, setOpenId] = useOpenedId();
  const load = useCallback((signal: AbortSignal) => negotiationApi.list(filter, signal), [filter]);
  const { data, loading, reload } = useApiData(load);
  const set = (patch: NegotiationFilter) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <PageContainer title="共享协商">
      <Flex gap={16} align="center" wrap className="page-alert">
        <Checkbox onChange={(e) => set({ mine: e.target.checked || undefined })} data-testid="negotiation-filter-mine">
          只看我提出的
        </Checkbox>
        <Select
          allowClear
          placeholder="全部状态"
          options={STATE_OPTIONS}
          onChange={(state?: NegotiationState) => set({ state })}
          style={{ width: 140 }}
          data-testid="negotiation-filter-state"
        />
      </Flex>
      <Table<Negotiation>
        rowKey="id"
        columns={negotiationColumns}
        dataSource={data?.items}
        loading={loading}
        rowClassName="row-clickable"
        onRow={(n) => ({ onClick: () => setOpenId(n.id) })}
        data-testid="negotiation-table"
      />
      <NegotiationDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </PageContainer>
  );
}
