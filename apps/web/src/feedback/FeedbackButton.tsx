import { MessageOutlined } from '@ant-design/icons';
import {
  FEEDBACK_SEVERITIES,
  FEEDBACK_SEVERITY_LABELS,
  type FeedbackCategory,
  type FeedbackSeverity,
} from '@geoshare/shared';
import { App, Button, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { StacItem } from '../catalogue/stac';
import { FormModal } from '../common/FormModal';
import { optionsOf } from '../common/options';
import { useServerFieldErrors } from '../common/useServerFieldErrors';
import { feedbackApi } from './feedback.api';
import { CATEGORY_OPTIONS } from './feedback-tags';

interface FeedbackValues {
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  description: string;
  lon?: number;
  lat?: number;
}

const FIELD_OF_CODE = { FEEDBACK_LOCATION_OUTSIDE_ITEM: 'lon' } as const satisfies Record<string, keyof FeedbackValues>;
const SEVERITY_OPTIONS = optionsOf(FEEDBACK_SEVERITIES, FEEDBACK_SEVERITY_LABELS);

const given = (n: unknown): n is number => typeof n === 'number';

/** Both or neither of longitude and latitude. */
const pairedWith =
  (other: 'lon' | 'lat') =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: async (_: unknown, value: unknown) => {
      if (given(value) !== given(getFieldValue(other))) throw new Error('经度和纬度须同时填写或同时留空');
    },
  });

/**
 * 反馈问题 (MNR-19, ZS-24): reports a use or quality problem with this entry to its custodian, optionally with where on
 * the image it is (CGCS2000 lon/lat, EPSG:4490).
 */
export function FeedbackButton({ item }: { item: StacItem }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FeedbackValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof FeedbackValues>(FIELD_OF_CODE);
  const [west, south, east, north] = item.bbox;

  const submit = async (v: FeedbackValues) => {
    await feedbackApi.create({
      collectionId: item.collection,
      itemId: item.id,
      category: v.category,
      severity: v.severity,
      description: v.description.trim(),
      location: given(v.lon) && given(v.lat) ? { type: 'Point', coordinates: [v.lon, v.lat] } : null,
    });
    message.success('问题已提交，保管单位答复后可在「问题反馈」中查看');
    form.resetFields();
    setOpen(false);
  };

  return (
    <>
      <Button icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="item-feedback">
        反馈问题
      </Button>
      <FormModal<FeedbackValues>
        title={`反馈问题：${item.properties.title}`}
        open={open}
        form={form}
        testId="feedback"
        okText="提交"
        initialValues={{ severity: 'normal' }}
        onSubmit={submit}
        onFieldError={fieldErrors.show}
        onValuesChange={fieldErrors.onValuesChange}
        onClose={() => setOpen(false)}
      >
        <Form.Item name="category" label="问题类型" rules={[{ required: true, message: '请选择问题类型' }]}>
          <Select options={CATEGORY_OPTIONS} placeholder="使用问题或质量问题" data-testid="feedback-category" />
        </Form.Item>
        <Form.Item name="severity" label="严重程度" extra="重大问题经保管单位确认后上报领导">
          <Radio.Group options={SEVERITY_OPTIONS} data-testid="feedback-severity" />
        </Form.Item>
        <Form.Item
          name="description"
          label="问题描述"
          rules={[
            { required: true, whitespace: true, message: '请描述问题' },
            { min: 5, max: 2000, message: '问题描述 5–2000 字' },
          ]}
        >
          <Input.TextArea
            rows={4}
            placeholder="如：影像东北角云量约 30%，超过 20% 的要求"
            data-testid="feedback-description"
          />
        </Form.Item>
        <Form.Item
          label="问题位置（可选，CGCS2000 经纬度）"
          extra={
            <Typography.Text type="secondary">
              影像范围：经度 {west.toFixed(4)}–{east.toFixed(4)}，纬度 {south.toFixed(4)}–{north.toFixed(4)}
            </Typography.Text>
          }
          {...fieldErrors.itemProps('lon')}
        >
          <Flex gap={8}>
            <Form.Item name="lon" noStyle dependencies={['lat']} rules={[pairedWith('lat')]}>
              <InputNumber
                min={-180}
                max={180}
                step={0.0001}
                placeholder="经度"
                style={{ width: 160 }}
                data-testid="feedback-lon"
              />
            </Form.Item>
            <Form.Item name="lat" noStyle dependencies={['lon']} rules={[pairedWith('lon')]}>
              <InputNumber
                min={-90}
                max={90}
                step={0.0001}
                placeholder="纬度"
                style={{ width: 160 }}
                data-testid="feedback-lat"
              />
            </Form.Item>
          </Flex>
        </Form.Item>
      </FormModal>
    </>
  );
}
