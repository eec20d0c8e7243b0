import type { NegotiationEvent, NegotiationState, WorkflowEvent } from '@geoshare/shared';
import { Descriptions } from 'antd';
import { useState } from 'react';
import { chinaDateTime } from '../applications/application-format';
import { CaseDrawer, type EventButton, useOpenedCase } from '../common/CaseDrawer';
import { type HistoryStep, WorkflowHistory } from '../common/WorkflowHistory';
import { NegotiationActionModal } from './NegotiationActionModal';
import { negotiationApi } from './negotiation.api';
import { NegotiationStateTag } from './negotiation-tags';

const EVENT_BUTTONS: Record<NegotiationEvent, EventButton> = {
  agree: { label: '同意提供', primary: true },
  decline: { label: '不同意提供', danger: true },
  escalate: { label: '提请协调' },
};

const STEP_TITLES: Record<string, string> = {
  'negotiation.create': '提出协商',
  'negotiation.agree': '同意提供',
  'negotiation.decline': '不同意提供',
  'negotiation.escalate': '提请领导协调',
};

/** A history step of a case: its answer or the escalation note. */
function describe(e: WorkflowEvent): HistoryStep {
  const s = (e.summary ?? {}) as { to?: NegotiationState; answer?: string; note?: string; reason?: string };
  return {
    title: STEP_TITLES[e.action] ?? e.action,
    detail: s.answer ?? s.note ?? s.reason,
    colour: s.to === 'agreed' ? 'green' : s.to === 'declined' ? 'gray' : s.to === 'escalated' ? 'red' : 'blue',
  };
}

interface NegotiationDrawerProps {
  id: string | null;
  onClose: () => void;
  /** a transition happened: the list reloads */
  onChanged: () => void;
}

/** One case: the item and its legal basis, the unit's reason, the answer; its history; the caller's actions now. */
export function NegotiationDrawer({ id, onClose, onChanged }: NegotiationDrawerProps) {
  const opened = useOpenedCase(id, negotiationApi.get);
  const [event, setEvent] = useState<NegotiationEvent | null>(null);

  return (
    <CaseDrawer
      title="共享协商详情"
      open={id !== null}
      onClose={onClose}
      size={560}
      testId="negotiation"
      opened={opened}
      buttons={EVENT_BUTTONS}
      onEvent={setEvent}
    >
      {(n) => (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'item', label: '数据', children: `${n.itemTitle}（${n.catalogueNo}）` },
              { key: 'basis', label: '不予共享依据', children: n.sharingBasis ?? '—' },
              { key: 'state', label: '状态', children: <NegotiationStateTag state={n.state} /> },
              {
                key: 'org',
                label: '需求单位',
                children: `${n.orgName}（${n.createdByName}），${chinaDateTime(n.createdAt)}`,
              },
              { key: 'reason', label: '用途及需要理由', children: n.reason },
              {
                key: 'answer',
                label: '答复',
                children: n.answer ? `${n.answer}（${n.answeredByName}，${chinaDateTime(n.answeredAt)}）` : '尚未答复',
              },
              ...(n.escalatedAt
                ? [
                    {
                      key: 'escalated',
                      label: '提请协调',
                      children: `${n.escalatedByName}，${chinaDateTime(n.escalatedAt)}`,
                    },
                  ]
                : []),
            ]}
          />
          <WorkflowHistory events={n.history} describe={describe} testId="negotiation-history" />
          <NegotiationActionModal
            key={event ?? 'none'}
            negotiation={n}
            event={event}
            onClose={() => setEvent(null)}
            onDone={() => {
              opened.reload();
              onChanged();
            }}
          />
        </>
      )}
    </CaseDrawer>
  );
}
