import type { DownloadQuotaSetting } from '@geoshare/shared';
import { Button, Card, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAct } from '../../api/useAct';
import { formatDateTime } from '../../common/format';
import { downloadQuotasApi } from './download-quotas.api';
import { QuotaFields } from './QuotaFields';
import { limitsOf, type QuotaValues, valuesOf } from './quota-units';

interface DefaultQuotaCardProps {
  setting: DownloadQuotaSetting | undefined;
  onSaved: () => void;
}

/** The default quota: what every user gets whose unit has no quota of its own. */
export function DefaultQuotaCard({ setting, onSaved }: DefaultQuotaCardProps) {
  const [form] = Form.useForm<QuotaValues>();
  const act = useAct();
  const [saving, setSaving] = useState(false);

  // The form shows the saved values whenever they (re)load.
  useEffect(() => {
    if (setting) form.setFieldsValue(valuesOf(setting));
  }, [form, setting]);

  const save = (v: QuotaValues) => {
    setSaving(true);
    void act(downloadQuotasApi.setDefault(limitsOf(v)), '默认配额已保存', onSaved).finally(() => setSaving(false));
  };

  return (
    <Card title="默认配额" size="small" data-testid="quota-default">
      <Typography.Paragraph type="secondary">
        未单独设置配额的单位，其每位用户每日可生成的下载链接次数和数据量（按北京时间自然日计算）。
      </Typography.Paragraph>
      <Form<QuotaValues> form={form} layout="inline" onFinish={save} disabled={!setting}>
        <QuotaFields testId="quota-default" />
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="quota-default-save">
            保存
          </Button>
        </Form.Item>
      </Form>
      {setting && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          更新人：{setting.updatedBy ?? '系统预置'}　更新时间：{formatDateTime(setting.updatedAt)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
