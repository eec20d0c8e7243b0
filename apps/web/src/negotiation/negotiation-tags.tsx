import { NEGOTIATION_STATE_LABELS, type Negotiation, type NegotiationState } from '@geoshare/shared';
import { type TableColumnsType, Tag } from 'antd';
import { chinaDateTime } from '../applications/application-format';

const STATE_COLOURS: Record<NegotiationState, string> = {
  open: 'orange',
  agreed: 'green',
  declined: 'default',
  escalated: 'volcano',
};

export function NegotiationStateTag({ state }: { state: NegotiationState }) {
  return <Tag color={STATE_COLOURS[state]}>{NEGOTIATION_STATE_LABELS[state]}</Tag>;
}

/** The columns of the list of cases. */
export const negotiationColumns: TableColumnsType<Negotiation> = [
  { title: '提出时间', dataIndex: 'createdAt', width: 150, render: (at: string) => chinaDateTime(at) },
  {
    title: '数据',
    key: 'item',
    render: (_, n) => (
      <>
        {n.itemTitle}
        <div className="mono">{n.catalogueNo}</div>
      </>
    ),
  },
  { title: '需求单位', dataIndex: 'orgName' },
  { title: '状态', dataIndex: 'state', render: (s: NegotiationState) => <NegotiationStateTag state={s} /> },
];
