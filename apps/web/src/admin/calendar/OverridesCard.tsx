import { PlusOutlined } from '@ant-design/icons';
import type { CalendarOverride } from '@geoshare/shared';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNotifyError } from '../../api/useNotifyError';
import { isoDate } from '../../common/format';
import { calendarApi } from './calendar.api';

const workingLabel = (working: boolean) => (working ? '上班' : '休息');

interface OverrideValues {
  date: Dayjs;
  working: boolean;
  note: string;
}

interface OverridesCardProps {
  year: number;
  overrides: CalendarOverride[];
  loading: boolean;
  onChanged: () => void;
}

/** Admin overrides of the official calendar for one year: a date made a working day or a day off. */
export function OverridesCard({ year, overrides, loading, onChanged }: OverridesCardProps) {
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<OverrideValues>();
  const [saving, setSaving] = useState(false);

  const add = ({ date, working, note }: OverrideValues) => {
    setSaving(true);
    calendarApi
      .setOverride({ date: isoDate(date), working, note: note.trim() })
      .then(() => {
        message.success('调整日已保存');
        form.resetFields(['date', 'note']);
        onChanged();
      }, notifyError)
      .finally(() => setSaving(false));
  };

  const remove = (date: string) =>
    calendarApi.deleteOverride(date).then(() => {
      message.success('调整日已删除');
      onChanged();
    }, notifyError);

  const columns: TableColumnsType<CalendarOverride> = [
    { title: '日期', dataIndex: 'date' },
    {
      title: '类型',
      dataIndex: 'working',
      render: (working: boolean) => <Tag color={working ? 'blue' : 'red'}>{workingLabel(working)}</Tag>,
    },
    { title: '备注', dataIndex: 'note' },
    {
      title: '操作',
      key: 'actions',
      render: (_, o) => (
        <Popconfirm title={`删除 ${o.date} 的调整？`} onConfirm={() => remove(o.date)}>
          <Button type="link" size="small" danger data-testid="override-delete">
            删除
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card title={`${year} 年调整日`} size="small">
      <Form<OverrideValues>
        form={form}
        layout="inline"
        initialValues={{ working: true }}
        onFinish={add}
        className="override-form"
      >
        <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            placeholder="日期"
            disabledDate={(d) => d.year() !== year}
            defaultPickerValue={dayjs().year(year)}
            data-testid="override-date"
          />
        </Form.Item>
        <Form.Item name="working">
          <Radio.Group
            options={[
              { value: true, label: workingLabel(true) },
              { value: false, label: workingLabel(false) },
            ]}
            data-testid="override-working"
          />
        </Form.Item>
        <Form.Item
          name="note"
          rules={[{ required: true, whitespace: true, max: 100, message: '请填写备注（不超过 100 字）' }]}
        >
          <Input placeholder="备注，如：防汛值班" data-testid="override-note" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="override-add">
            添加
          </Button>
        </Form.Item>
      </Form>
      <Table<CalendarOverride>
        rowKey="date"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={overrides}
        loading={loading}
        data-testid="calendar-overrides"
      />
    </Card>
  );
}
