import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_SEVERITY_LABELS,
  FEEDBACK_STATE_LABELS,
  type Feedback,
  type FeedbackCategory,
  type FeedbackSeverity,
  type FeedbackState,
} from '@geoshare/shared';
import { type TableColumnsType, Tag } from 'antd';
import { chinaDateTime } from '../applications/application-format';

const STATE_COLOURS: Record<FeedbackState, string> = {
  open: 'orange',
  confirmed: 'blue',
  dismissed: 'default',
  resolved: 'green',
};

export function FeedbackStateTag({ state }: { state: FeedbackState }) {
  return <Tag color={STATE_COLOURS[state]}>{FEEDBACK_STATE_LABELS[state]}</Tag>;
}

export function SeverityTag({ severity }: { severity: FeedbackSeverity }) {
  return <Tag color={severity === 'major' ? 'red' : 'default'}>{FEEDBACK_SEVERITY_LABELS[severity]}</Tag>;
}

/** MNR-19: escalated to the leaders. */
export function EscalatedTag() {
  return <Tag color="volcano">已上报领导</Tag>;
}

/** 问题类型 as grouped options: 使用问题, then the kinds of 质量问题. */
export const CATEGORY_OPTIONS = [
  { label: '使用问题', options: [{ value: 'use', label: FEEDBACK_CATEGORY_LABELS.use }] },
  {
    label: '质量问题',
    options: FEEDBACK_CATEGORIES.filter((c) => c !== 'use').map((c) => ({
      value: c,
      label: FEEDBACK_CATEGORY_LABELS[c],
    })),
  },
];

/** The columns of a list of reports (问题列表, 重大未结问题). */
export const feedbackColumns: TableColumnsType<Feedback> = [
  { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (at: string) => chinaDateTime(at) },
  {
    title: '数据',
    key: 'item',
    render: (_, f) => (
      <>
        {f.itemTitle}
        <div className="mono">{f.catalogueNo}</div>
      </>
    ),
  },
  { title: '问题类型', dataIndex: 'category', render: (c: FeedbackCategory) => FEEDBACK_CATEGORY_LABELS[c] },
  {
    title: '严重程度',
    key: 'severity',
    render: (_, f) => (
      <>
        <SeverityTag severity={f.severity} />
        {f.escalated && <EscalatedTag />}
      </>
    ),
  },
  { title: '状态', dataIndex: 'state', render: (s: FeedbackState) => <FeedbackStateTag state={s} /> },
  { title: '反馈单位', dataIndex: 'reporterOrgName' },
];
