import { Alert, Button, Card, DatePicker, Form, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { isoDate } from '../../common/format';
import { calendarApi } from './calendar.api';

interface DeadlineValues {
  from: Dayjs;
  days: number;
}

type Outcome = { ok: true; text: string } | { ok: false; text: string };

/** 期限计算: the date N working days after a start date, as the server computes every deadline (YQ-22). */
export function DeadlineCard() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [running, setRunning] = useState(false);

  const compute = ({ from, days }: DeadlineValues) => {
    setRunning(true);
    calendarApi
      .deadline(isoDate(from), days)
      .then(
        (r) =>
          setOutcome({
            ok: true,
            text: `${r.from} 起 ${r.days} 个工作日，期限为 ${r.deadline}（${dayjs(r.deadline).format('dddd')}）`,
          }),
        (err: unknown) => setOutcome({ ok: false, text: errorMessage(err) }),
      )
      .finally(() => setRunning(false));
  };

  return (
    <Card title="期限计算" size="small">
      <Form<DeadlineValues>
        layout="inline"
        initialValues={{ from: dayjs(), days: 5 }}
        onFinish={compute}
        onValuesChange={() => setOutcome(null)}
      >
        <Form.Item name="from" label="起算日" rules={[{ required: true, message: '请选择起算日' }]}>
          <DatePicker allowClear={false} data-testid="deadline-from" />
        </Form.Item>
        <Form.Item name="days" label="工作日数" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={1} max={366} precision={0} data-testid="deadline-days" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={running} data-testid="deadline-submit">
            计算
          </Button>
        </Form.Item>
      </Form>
      {outcome && (
        <Alert
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          title={outcome.text}
          className="card-alert"
          data-testid="deadline-result"
        />
      )}
    </Card>
  );
}
