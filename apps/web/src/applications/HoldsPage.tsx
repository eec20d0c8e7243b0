import { PlusOutlined } from '@ant-design/icons';
import type { SubmissionHold } from '@geoshare/shared';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { loadAllOrgs } from '../admin/orgs/orgs.api';
import { useAct } from '../api/useAct';
import { useApiData } from '../api/useApiData';
import { FormModal } from '../common/FormModal';
import { isoDate } from '../common/format';
import { useEditor } from '../common/useEditor';
import { PageContainer } from '../layout/PageContainer';
import { chinaDateTime } from './application-format';
import { applicationsApi } from './applications.api';

interface HoldValues {
  orgId: string;
  title: string;
  dueDate: Dayjs;
  reason: string;
}

/** 登记未汇交: the unit, the result it owes, when it was due, and why (BX-11). */
function HoldFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<HoldValues>();
  const { message } = App.useApp();
  const { data: orgs = [] } = useApiData(loadAllOrgs);
  const submit = async (v: HoldValues) => {
    await applicationsApi.createHold({
      orgId: v.orgId,
      title: v.title.trim(),
      dueDate: isoDate(v.dueDate),
      reason: v.reason.trim(),
    });
    message.success('已登记，该单位在完成汇交前暂停供数');
    onSaved();
    onClose();
  };
  return (
    <FormModal<HoldValues>
      title="登记未汇交成果"
      open={open}
      form={form}
      testId="hold"
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          data-testid="hold-org"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="应汇交成果"
        rules={[{ required: true, whitespace: true, max: 200, message: '请填写 200 字以内的成果名称' }]}
      >
        <Input data-testid="hold-title" />
      </Form.Item>
      <Form.Item name="dueDate" label="应汇交日期" rules={[{ required: true, message: '请选择应汇交日期' }]}>
        <DatePicker style={{ width: 200 }} data-testid="hold-due" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="说明"
        rules={[{ required: true, whitespace: true, max: 500, message: '请填写 500 字以内的说明' }]}
      >
        <Input.TextArea rows={3} data-testid="hold-reason" />
      </Form.Item>
    </FormModal>
  );
}

type Filter = 'open' | 'all';

/** 未汇交限制 (BX-11): units that owe a submission get no further imagery until the hold is cleared. */
export function HoldsPage() {
  const [filter, setFilter] = useState<Filter>('open');
  const load = useCallback((signal: AbortSignal) => applicationsApi.holds(filter === 'open', signal), [filter]);
  const { data = [], loading, reload } = useApiData(load);
  const editor = useEditor<null>();
  const run = useAct();

  const columns: TableColumnsType<SubmissionHold> = [
    { title: '单位', dataIndex: 'orgName', width: 200 },
    { title: '应汇交成果', dataIndex: 'title' },
    { title: '应汇交日期', dataIndex: 'dueDate', width: 110 },
    { title: '说明', dataIndex: 'reason' },
    { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (at: string) => chinaDateTime(at) },
    {
      title: '状态',
      dataIndex: 'clearedAt',
      width: 170,
      render: (at: string | null) => (at ? <Tag>已解除 {chinaDateTime(at)}</Tag> : <Tag color="red">暂停供数</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, h) =>
        h.clearedAt ? null : (
          <Popconfirm
            title={`解除 ${h.orgName} 的供数限制？`}
            description="请确认该单位已完成汇交。"
            onConfirm={() => run(applicationsApi.clearHold(h.id), '已解除', reload)}
          >
            <Button type="link" size="small" data-testid="hold-clear">
              解除
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title="未汇交限制"
      extra={
        <Flex gap={8}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'open', label: '未解除' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="hold-create">
            登记未汇交
          </Button>
        </Flex>
      }
    >
      <Table<SubmissionHold>
        rowKey="id"
        columns={columns}
        dataSource={data}
        loading={loading}
        data-testid="holds-table"
      />
      <HoldFormModal key={editor.key} open={editor.isOpen} onClose={editor.hide} onSaved={reload} />
    </PageContainer>
  );
}
