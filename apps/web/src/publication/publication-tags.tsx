import {
  PUBLICATION_KIND_LABELS,
  PUBLICATION_STATE_LABELS,
  type PublicationKind,
  type PublicationReview,
  type PublicationState,
} from '@geoshare/shared';
import { type TableColumnsType, Tag, Typography } from 'antd';
import { deadlineText } from '../applications/application-format';

const STATE_COLOURS: Record<PublicationState, string> = {
  submitted: 'orange',
  approved: 'green',
  rejected: 'red',
  changesRequested: 'gold',
};

export function PublicationStateTag({ state }: { state: PublicationState }) {
  return <Tag color={STATE_COLOURS[state]}>{PUBLICATION_STATE_LABELS[state]}</Tag>;
}

/** The answer deadline (5 working days, ZS-21) with what is left of it, red once overdue. */
export function DeadlineText({ review }: { review: PublicationReview }) {
  const left = deadlineText(review);
  return (
    <span>
      {review.dueDate}
      {left && <Typography.Text type={review.overdue ? 'danger' : 'secondary'}>（{left}）</Typography.Text>}
    </span>
  );
}

export const publicationColumns: TableColumnsType<PublicationReview> = [
  { title: '成果名称', dataIndex: 'title' },
  { title: '发布方式', dataIndex: 'kind', render: (k: PublicationKind) => PUBLICATION_KIND_LABELS[k] },
  { title: '申请单位', dataIndex: 'orgName' },
  {
    title: '状态',
    key: 'state',
    render: (_, r) => (
      <>
        <PublicationStateTag state={r.state} />
        {r.classified && <Tag color="red">含涉密数据</Tag>}
      </>
    ),
  },
  { title: '答复期限', key: 'due', render: (_, r) => (r.state === 'submitted' ? <DeadlineText review={r} /> : '—') },
  {
    title: '审核意见编号',
    dataIndex: 'number',
    render: (n: string | null) => (n ? <span className="mono">{n}</span> : '—'),
  },
];
