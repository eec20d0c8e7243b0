import './workflow.css';
import type { WorkflowEvent } from '@geoshare/shared';
import { Timeline, Typography } from 'antd';
import { chinaDateTime } from '../applications/application-format';

export interface HistoryStep {
  title: string;
  /** the reason, answer or number the step recorded */
  detail?: string | null;
  colour?: 'blue' | 'green' | 'red' | 'gray';
}

interface WorkflowHistoryProps {
  events: WorkflowEvent[];
  /** how a module names one of its audit actions */
  describe: (e: WorkflowEvent) => HistoryStep;
  testId: string;
}

/** 办理记录 of a case read from the audit trail, oldest first: what, when (China time), who, and the note. */
export function WorkflowHistory({ events, describe, testId }: WorkflowHistoryProps) {
  return (
    <>
      <Typography.Title level={5} className="workflow-history-title">
        办理记录
      </Typography.Title>
      <Timeline
        data-testid={testId}
        items={events.map((e, i) => {
          const step = describe(e);
          return {
            key: `${e.at}-${i}`,
            color: step.colour ?? 'blue',
            content: (
              <>
                <Typography.Text strong>{step.title}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {chinaDateTime(e.at)} · {e.actorName ?? '系统'}
                  </Typography.Text>
                </div>
                {step.detail && <div>{step.detail}</div>}
              </>
            ),
          };
        })}
      />
    </>
  );
}
