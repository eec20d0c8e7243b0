import { TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { StacItem } from '../catalogue/stac';
import { FormModal } from '../common/FormModal';
import { negotiationApi } from './negotiation.api';

interface NegotiateValues {
  reason: string;
}

/**
 * 申请协商 (ZS-12, ZS-21): a 不予共享 entry cannot be applied for; the unit states why it needs it and asks the provider,
 * with the legal basis of the refusal in view. Renders nothing for entries that can be applied for.
 */
export function NegotiateButton({ item }: { item: StacItem }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NegotiateValues>();
  const { message } = App.useApp();
  const p = item.properties;
  if (p['geoshare:sharing_type'] !== 'none') return null;

  const submit = async (v: NegotiateValues) => {
    await negotiationApi.create({ collectionId: item.collection, itemId: item.id, reason: v.reason.trim() });
    message.success('协商请求已提交，答复后可在「共享协商」中查看');
    form.resetFields();
    setOpen(false);
  };

  return (
    <>
      <Button icon={<TeamOutlined />} onClick={() => setOpen(true)} data-testid="item-negotiate">
        申请协商
      </Button>
      <FormModal<NegotiateValues>
        title={`申请协商：${p.title}`}
        open={open}
        form={form}
        testId="negotiation"
        okText="提交"
        onSubmit={submit}
        onClose={() => setOpen(false)}
      >
        <Alert
          type="info"
          showIcon
          title={`不予共享依据：${p['geoshare:sharing_basis'] ?? '未注明依据'}`}
          description="提供方答复不同意或 5 个工作日内未答复的，可提请领导协调。"
          className="page-alert"
        />
        <Form.Item
          name="reason"
          label="用途及需要理由"
          rules={[
            { required: true, whitespace: true, message: '请说明用途及需要理由' },
            { min: 10, max: 2000, message: '用途及需要理由 10–2000 字' },
          ]}
        >
          <Input.TextArea
            rows={4}
            placeholder="如：编制中心城区排水防涝规划，需要该区域的高分辨率正射影像"
            data-testid="negotiation-reason"
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
