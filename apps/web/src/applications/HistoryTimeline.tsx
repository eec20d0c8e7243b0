import { APPLICATION_STATE_LABELS, type ApplicationEvent, type WorkflowEvent } from '@geoshare/shared';
import { type HistoryStep, WorkflowHistory } from '../common/WorkflowHistory';
import { EVENT_LABELS } from './application-format';

/** The step's change of state, reason or note, carried as the history's summary. */
type Change = Pick<ApplicationEvent, 'fromState' | 'toState' | 'note'>;

const toWorkflow = (e: ApplicationEvent): WorkflowEvent => ({
  at: e.at,
  actorName: e.actorName,
  action: e.action,
  summary: { fromState: e.fromState, toState: e.toState, note: e.note } satisfies Change,
});

function describe(e: WorkflowEvent): HistoryStep {
  const c = e.summary as Change;
  const label = EVENT_LABELS[e.action] ?? e.action;
  return {
    title: c.fromState === c.toState ? label : `${label}（→ ${APPLICATION_STATE_LABELS[c.toState]}）`,
    detail: c.note,
    colour:
      c.toState === 'rejected' || c.toState === 'withdrawn' ? 'red' : c.toState === 'handedOver' ? 'green' : 'blue',
  };
}

/** 办理记录: every transition of the application, oldest first (what, when, who, and the note). */
export function HistoryTimeline({ events }: { events: ApplicationEvent[] }) {
  return <WorkflowHistory events={events.map(toWorkflow)} describe={describe} testId="application-history" />;
}
