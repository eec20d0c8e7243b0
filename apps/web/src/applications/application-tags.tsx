import {
  APPLICATION_STATE_LABELS,
  type ApplicationState,
  type ApplicationSummary,
  LINE_DECISION_LABELS,
  type LineDecision,
} from '@geoshare/shared';
import { Tag, Typography } from 'antd';
import { deadlineText, STATE_COLOURS } from './application-format';

export function StateTag({ state, testId }: { state: ApplicationState; testId?: string }) {
  return (
    <Tag color={STATE_COLOURS[state]} data-testid={testId}>
      {APPLICATION_STATE_LABELS[state]}
    </Tag>
  );
}

const DECISION_COLOURS: Record<LineDecision, string> = {
  auto: 'green',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};

export function DecisionTag({ decision }: { decision: LineDecision }) {
  return <Tag color={DECISION_COLOURS[decision]}>{LINE_DECISION_LABELS[decision]}</Tag>;
}

/** 涉密 when any ordered item is classified: it goes the offline way only (BX-16, MNR-17). */
export function ClassifiedTag({ classified }: { classified: boolean }) {
  return classified ? <Tag color="red">涉密</Tag> : null;
}

/** The review deadline (a China date) with the working days left, red once overdue (ZS-21). */
export function Deadline({
  summary,
  testId,
}: {
  summary: Pick<ApplicationSummary, 'reviewDue' | 'workingDaysLeft' | 'overdue' | 'escalated'>;
  testId?: string;
}) {
  if (!summary.reviewDue) return <span data-testid={testId}>—</span>;
  const text = deadlineText(summary);
  return (
    <span data-testid={testId}>
      {summary.reviewDue}
      {text && (
        <Typography.Text type={summary.overdue ? 'danger' : 'secondary'} strong={summary.overdue}>
          {' '}
          （{text}
          {summary.escalated ? '，已报领导督办' : ''}）
        </Typography.Text>
      )}
    </span>
  );
}
