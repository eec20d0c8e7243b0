import type { Negotiation, NegotiationEvent } from '@geoshare/shared';
import { Form, Input } from 'antd';
import { FormModal } from '../common/FormModal';
import { useSucceeded } from '../common/useSucceeded';
import { negotiationApi } from './negotiation.api';

interface ActionValues {
  text?: string;
}

/** What each action asks for and says; only escalating may go without a text. */
const ACTIONS: Record<
  NegotiationEvent,
  { title: string; label: string; placeholder: string; done: string; required: boolean }
> = {
  agree: {
    title: '同意提供',
    label: '答复（提供条件）',
    placeholder: '如：同意提供，目录管理员调整为有条件共享后按有条件共享申请',
    done: '已答复同意',
    required: true,
  },
  decline: {
    title: '不同意提供',
    label: '答复（法律依据）',
    placeholder: '如：依据《测绘成果管理条例》第十七条不予提供',
    done: '已答复不同意',
    required: true,
  },
  escalate: {
    title: '提请协调',
    label: '提请理由（可选）',
    placeholder: '如：提供方 5 个工作日内未答复',
    done: '已提请领导协调',
    required: false,
  },
};

interface NegotiationActionModalProps {
  negotiation: Negotiation;
  event: NegotiationEvent | null;
  onClose: () => void;
  onDone: () => void;
}

/** 同意 / 不同意 (provider or leader) and 提请协调 (the requesting unit), ZS-21. */
export function NegotiationActionModal({ negotiation, event, onClose, onDone }: NegotiationActionModalProps) {
  const [form] = Form.useForm<ActionValues>();
  const succeeded = useSucceeded(onDone, onClose);
  const action = ACTIONS[event ?? 'agree'];

  const submit = async (v: ActionValues) => {
    const text = v.text?.trim() ?? '';
    if (event === 'agree') await negotiationApi.agree(negotiation.id, text);
    else if (event === 'decline') await negotiationApi.decline(negotiation.id, text);
    else await negotiationApi.escalate(negotiation.id, text || undefined);
    succeeded(action.done);
  };

  return (
    <FormModal<ActionValues>
      title={action.title}
      open={event !== null}
      form={form}
      testId={`negotiation-${event ?? 'action'}`}
      okText={action.title}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="text"
        label={action.label}
        rules={[
          { required: action.required, whitespace: true, message: `请填写${action.label}` },
          { max: 2000, message: '不超过 2000 字' },
        ]}
      >
        <Input.TextArea rows={4} placeholder={action.placeholder} data-testid="negotiation-action-text" />
      </Form.Item>
    </FormModal>
  );
}
