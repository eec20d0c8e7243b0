import { Form, InputNumber } from 'antd';
import { QUOTA_INPUT_BOUNDS } from './quota-units';

const { count, gb } = QUOTA_INPUT_BOUNDS;

/** The two limits of a quota, 次/日 and GB/日; test ids `${testId}-count` and `${testId}-bytes`. */
export function QuotaFields({ testId, labels = true }: { testId: string; labels?: boolean }) {
  return (
    <>
      <Form.Item
        name="limitCount"
        label={labels ? '每日下载次数' : undefined}
        rules={[{ required: true, message: `请填写每日下载次数（${count.min}–${count.max} 次）` }]}
      >
        <InputNumber
          min={count.min}
          max={count.max}
          precision={0}
          suffix="次/日"
          style={{ width: 180 }}
          data-testid={`${testId}-count`}
        />
      </Form.Item>
      <Form.Item
        name="limitGb"
        label={labels ? '每日下载容量' : undefined}
        rules={[{ required: true, message: `请填写每日下载容量（${gb.min}–${gb.max} GB）` }]}
      >
        <InputNumber
          min={gb.min}
          max={gb.max}
          precision={3}
          suffix="GB/日"
          style={{ width: 200 }}
          data-testid={`${testId}-bytes`}
        />
      </Form.Item>
    </>
  );
}
