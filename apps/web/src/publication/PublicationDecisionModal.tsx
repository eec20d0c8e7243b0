import type { PublicationEvent, PublicationReview } from '@geoshare/shared';
import { Form, Input } from 'antd';
import { FormModal } from '../common/FormModal';
import { useSucceeded } from '../common/useSucceeded';
import { publicationApi } from './publication.api';

type Decision = Exclude<PublicationEvent, 'resubmit'>;

/** What each reviewer decision asks for: an optional 审核意见 for approval, a reason otherwise. */
const DECISIONS: Record<Decision, { title: string; label: string; required: boolean; done: string }> = {
  approve: { title: '审核通过', label: '审核意见（可选）', required: false, done: '已通过，审核意见编号已生成' },
  reject: { title: '不予通过', label: '不予通过的理由', required: true, done: '已答复不予通过' },
  requestChanges: { title: '退回修改', label: '需要修改的内容', required: true, done: '已退回申请单位修改' },
};

interface PublicationDecisionModalProps {
  review: PublicationReview;
  decision: Decision | null;
  onClose: () => void;
  onDone: () => void;
}

/** The reviewer's decision (BX-18, MNR-12): approval is the written consent (ZS-23), numbered GKSH-YYYY-NNN. */
export function PublicationDecisionModal({ review, decision, onClose, onDone }: PublicationDecisionModalProps) {
  const [form] = Form.useForm<{ text?: string }>();
  const succeeded = useSucceeded(onDone, onClose);
  const d = DECISIONS[decision ?? 'approve'];

  const submit = async ({ text }: { text?: string }) => {
    const t = text?.trim() ?? '';
    if (decision === 'approve') await publicationApi.approve(review.id, t || null);
    else if (decision === 'reject') await publicationApi.reject(review.id, t);
    else await publicationApi.requestChanges(review.id, t);
    succeeded(d.done);
  };

  return (
    <FormModal<{ text?: string }>
      title={`${d.title}：${review.title}`}
      open={decision !== null}
      form={form}
      testId={`publication-${decision ?? 'decision'}`}
      okText={d.title}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="text"
        label={d.label}
        rules={[
          ...(d.required ? [{ required: true, whitespace: true, message: `请填写${d.label}` }] : []),
          { max: 2000, message: '不超过 2000 字' },
        ]}
      >
        <Input.TextArea rows={4} data-testid="publication-decision-text" />
      </Form.Item>
    </FormModal>
  );
}
