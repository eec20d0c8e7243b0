import {
  type ApplicationDetail,
  COPY_MEDIA,
  COPY_MEDIUM_LABELS,
  type CopyMedium,
  checkIdNumber,
  maskIdNumber,
} from '@geoshare/shared';
import { Alert, Form, Input, InputNumber, Select } from 'antd';
import { FormModal } from '../common/FormModal';
import { upperCase } from '../common/format';
import { optionsOf } from '../common/options';
import { useServerFieldErrors } from '../common/useServerFieldErrors';
import { useSucceeded } from '../common/useSucceeded';
import { applicationsApi } from './applications.api';
import { idNumberRule } from './id-number-rule';

interface ActionModalProps {
  open: boolean;
  application: ApplicationDetail;
  onClose: () => void;
  onDone: () => void;
}

/** 撤回 (draft or in review), with an optional reason kept in the history. */
export function WithdrawModal({ open, application, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<{ reason?: string }>();
  const succeeded = useSucceeded(onDone, onClose);
  const submit = async (v: { reason?: string }) => {
    await applicationsApi.withdraw(application.id, v.reason?.trim() || undefined);
    succeeded('申请已撤回');
  };
  return (
    <FormModal
      title="撤回申请"
      open={open}
      form={form}
      testId="withdraw"
      okText="撤回"
      okTestId="withdraw-submit"
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item name="reason" label="撤回原因" rules={[{ max: 500, message: '撤回原因不超过 500 字' }]}>
        <Input.TextArea rows={3} data-testid="withdraw-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface ReadyValues {
  sizeGb: number;
  medium: CopyMedium;
  pickupNote: string;
}

const MEDIUM_OPTIONS = optionsOf(COPY_MEDIA, COPY_MEDIUM_LABELS);

/** 通知领取 (BX-22 step 3): the prepared volume in GB, the copy medium, and where and when to pick it up. */
export function ReadyModal({ open, application, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<ReadyValues>();
  const succeeded = useSucceeded(onDone, onClose);
  const submit = async (v: ReadyValues) => {
    await applicationsApi.notifyPickup(application.id, {
      sizeGb: v.sizeGb,
      medium: v.medium,
      pickupNote: v.pickupNote.trim(),
    });
    succeeded('已通知申请单位领取');
  };
  return (
    <FormModal<ReadyValues>
      title="通知领取"
      open={open}
      form={form}
      testId="ready"
      okText="发送通知"
      okTestId="ready-submit"
      initialValues={{ medium: application.medium }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="sizeGb"
        label="数据量（GB）"
        rules={[{ required: true, type: 'number', min: 0.001, max: 100000, message: '请填写大于 0 的数据量（GB）' }]}
      >
        <InputNumber min={0} max={100000} step={0.1} suffix="GB" style={{ width: 200 }} data-testid="ready-size" />
      </Form.Item>
      <Form.Item name="medium" label="拷贝介质" rules={[{ required: true, message: '请选择拷贝介质' }]}>
        <Select options={MEDIUM_OPTIONS} data-testid="ready-medium" />
      </Form.Item>
      <Form.Item
        name="pickupNote"
        label="领取说明"
        rules={[
          { required: true, whitespace: true, message: '请填写领取地点、时间等' },
          { max: 500, message: '领取说明不超过 500 字' },
        ]}
      >
        <Input.TextArea
          rows={3}
          placeholder="如：请于 12 月 1 日前到市自然资源事务服务中心 305 室领取"
          data-testid="ready-note"
        />
      </Form.Item>
    </FormModal>
  );
}

interface HandoverValues {
  receiverName: string;
  receiverIdNumber: string;
  introductionLetter?: string;
  remarks?: string;
}

const HANDOVER_FIELD_OF_CODE = {
  HANDOVER_ID_MISMATCH: 'introductionLetter',
  HANDOVER_NAME_MISMATCH: 'receiverName',
  PERSON_ID_NUMBER_INVALID: 'receiverIdNumber',
} as const satisfies Record<string, keyof HandoverValues>;

/**
 * 办理移交 (BX-22 step 3, BX-F3/F5): the receiver shows an ID card; one who is not a handler of the form needs the
 * unit's introduction letter. The form only hints by the masked numbers it knows; the server compares the full ones.
 */
export function HandoverModal({ open, application, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<HandoverValues>();
  const succeeded = useSucceeded(onDone, onClose);
  const fieldErrors = useServerFieldErrors<keyof HandoverValues>(HANDOVER_FIELD_OF_CODE);
  const idNumber = Form.useWatch('receiverIdNumber', form);
  const check = idNumber ? checkIdNumber(idNumber) : null;
  const notHandler =
    check?.kind === 'valid' && !application.handlers.some((h) => h.idNumberMasked === maskIdNumber(check.idNumber));

  const submit = async (v: HandoverValues) => {
    const { handoverNumber } = await applicationsApi.handOver(application.id, {
      receiverName: v.receiverName.trim(),
      receiverIdNumber: v.receiverIdNumber.trim(),
      ...(v.introductionLetter?.trim() ? { introductionLetter: v.introductionLetter.trim() } : {}),
      ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}),
    });
    succeeded(`已移交，移交单编号 ${handoverNumber}`);
  };

  return (
    <FormModal<HandoverValues>
      title="办理移交"
      open={open}
      form={form}
      testId="handover"
      okText="确认移交"
      okTestId="handover-submit"
      onSubmit={submit}
      onFieldError={fieldErrors.show}
      onValuesChange={fieldErrors.onValuesChange}
      onClose={onClose}
    >
      <Alert
        type="info"
        showIcon
        className="page-alert"
        title="请核验接收人身份证原件"
        description={
          <>
            申请表经办人：
            {application.handlers.map((h) => (
              <span key={h.idNumberMasked}>
                {h.name}（<span className="mono">{h.idNumberMasked}</span>）{' '}
              </span>
            ))}
          </>
        }
      />
      <Form.Item
        name="receiverName"
        label="接收人姓名"
        rules={[{ required: true, whitespace: true, max: 50, message: '请填写 50 字以内的接收人姓名' }]}
        {...fieldErrors.itemProps('receiverName')}
      >
        <Input data-testid="handover-name" />
      </Form.Item>
      <Form.Item
        name="receiverIdNumber"
        label="身份证号码"
        normalize={upperCase}
        required
        rules={[idNumberRule]}
        validateTrigger="onBlur"
        {...fieldErrors.itemProps('receiverIdNumber')}
      >
        <Input maxLength={18} className="mono" data-testid="handover-id" />
      </Form.Item>
      <Form.Item
        name="introductionLetter"
        label="用户单位介绍信"
        required={notHandler}
        extra={notHandler ? '接收人不是申请表中的经办人，须出具用户单位介绍信（填写介绍信编号或说明）' : undefined}
        rules={[{ max: 200, message: '介绍信说明不超过 200 字' }]}
        {...fieldErrors.itemProps('introductionLetter')}
      >
        <Input placeholder="接收人为经办人时不填" data-testid="handover-letter" />
      </Form.Item>
      <Form.Item name="remarks" label="备注" rules={[{ max: 500, message: '备注不超过 500 字' }]}>
        <Input.TextArea rows={2} data-testid="handover-remarks" />
      </Form.Item>
    </FormModal>
  );
}
