import {
  FEEDBACK_SEVERITIES,
  FEEDBACK_SEVERITY_LABELS,
  type Feedback,
  type FeedbackEvent,
  type FeedbackSeverity,
} from '@geoshare/shared';
import { Alert, Form, Input, Radio } from 'antd';
import { FormModal } from '../common/FormModal';
import { optionsOf } from '../common/options';
import { useSucceeded } from '../common/useSucceeded';
import { feedbackApi } from './feedback.api';

interface ActionValues {
  text: string;
  severity: FeedbackSeverity;
}

/** What each custodian action asks for and says. */
const ACTIONS: Record<FeedbackEvent, { title: string; label: string; placeholder: string; done: string }> = {
  confirm: {
    title: '确认问题',
    label: '答复反馈人',
    placeholder: '如：经核实问题属实，将于 5 个工作日内重新处理',
    done: '已确认',
  },
  dismiss: {
    title: '不予采纳',
    label: '答复反馈人（说明原因）',
    placeholder: '如：经核查云量为 8%，未超标',
    done: '已答复',
  },
  resolve: {
    title: '标记已解决',
    label: '处理结果',
    placeholder: '如：已重新正射纠正并替换原数据',
    done: '已标记解决',
  },
};

const SEVERITY_OPTIONS = optionsOf(FEEDBACK_SEVERITIES, FEEDBACK_SEVERITY_LABELS);

interface FeedbackActionModalProps {
  feedback: Feedback;
  event: FeedbackEvent | null;
  onClose: () => void;
  onDone: () => void;
}

/** The custodian's 确认 / 不予采纳 / 标记已解决 (MNR-19); confirming may correct the severity. */
export function FeedbackActionModal({ feedback, event, onClose, onDone }: FeedbackActionModalProps) {
  const [form] = Form.useForm<ActionValues>();
  const succeeded = useSucceeded(onDone, onClose);
  const severity = Form.useWatch('severity', form);
  const action = ACTIONS[event ?? 'confirm'];

  const submit = async (v: ActionValues) => {
    const text = v.text.trim();
    if (event === 'confirm') await feedbackApi.confirm(feedback.id, { response: text, severity: v.severity });
    else if (event === 'dismiss') await feedbackApi.dismiss(feedback.id, text);
    else await feedbackApi.resolve(feedback.id, text);
    succeeded(action.done);
  };

  return (
    <FormModal<ActionValues>
      title={action.title}
      open={event !== null}
      form={form}
      testId={`feedback-${event ?? 'action'}`}
      okText={action.title}
      initialValues={{ severity: feedback.severity }}
      onSubmit={submit}
      onClose={onClose}
    >
      {event === 'confirm' && (
        <>
          <Form.Item name="severity" label="严重程度">
            <Radio.Group options={SEVERITY_OPTIONS} data-testid="feedback-confirm-severity" />
          </Form.Item>
          {severity === 'major' && (
            <Alert type="warning" showIcon title="重大问题确认后将上报领导（MNR-19）" className="page-alert" />
          )}
        </>
      )}
      <Form.Item
        name="text"
        label={action.label}
        rules={[
          { required: true, whitespace: true, message: `请填写${action.label}` },
          { max: 2000, message: '不超过 2000 字' },
        ]}
      >
        <Input.TextArea rows={4} placeholder={action.placeholder} data-testid="feedback-action-text" />
      </Form.Item>
    </FormModal>
  );
}
