import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type ApplicationInput, COPY_MEDIA, COPY_MEDIUM_LABELS, type CopyMedium } from '@geoshare/shared';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, type FormListFieldData, Input, Row, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useNotifyError } from '../api/useNotifyError';
import { basket, useBasket } from '../catalogue/basket';
import { upperCase } from '../common/format';
import { optionsOf } from '../common/options';
import { PageContainer } from '../layout/PageContainer';
import { useSession } from '../session/session-context';
import { AgreementSection } from './AgreementSection';
import { applicationsApi } from './applications.api';
import { idNumberRule } from './id-number-rule';
import { OrderItems, useOrderLines } from './OrderItems';
import './applications.css';

type ApplicationValues = Omit<ApplicationInput, 'items' | 'medium'> & { medium?: CopyMedium };

const MEDIUM_OPTIONS = optionsOf(COPY_MEDIA, COPY_MEDIUM_LABELS);
const EMPTY_PROJECT = { name: '', dataType: '', resolution: '', imagingTime: '', coverage: '' };
const EMPTY_HANDLER = { name: '', idNumber: '', phone: '' };

/** A required text of at most `max` characters (the contract's limits). */
const text = (label: string, max: number) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { max, message: `${label}不超过 ${max} 字` },
];
const PHONE_RULES = [
  { required: true, message: '请填写联系电话' },
  { pattern: /^[0-9+\- ]{7,20}$/, message: '联系电话为 7–20 位数字，可含 +、- 和空格' },
];

const trimmed = (s: string) => s.trim();

/** The form values as the API wants them, trimmed. */
function toInput(v: ApplicationValues, items: ApplicationInput['items']): ApplicationInput {
  const letter = v.letter;
  return {
    letter: {
      regionName: trimmed(letter.regionName),
      areaDescription: trimmed(letter.areaDescription),
      precision: trimmed(letter.precision),
      imagingTime: trimmed(letter.imagingTime),
      dataType: trimmed(letter.dataType),
      purpose: trimmed(letter.purpose),
    },
    purpose: trimmed(v.purpose),
    projects: v.projects.map((p) => ({
      name: trimmed(p.name),
      dataType: trimmed(p.dataType),
      resolution: trimmed(p.resolution),
      imagingTime: trimmed(p.imagingTime),
      coverage: trimmed(p.coverage),
    })),
    handlers: v.handlers.map((h) => ({
      name: trimmed(h.name),
      idNumber: trimmed(h.idNumber),
      phone: trimmed(h.phone),
    })),
    legalRepresentative: trimmed(v.legalRepresentative),
    orderProject: trimmed(v.orderProject),
    medium: v.medium as CopyMedium,
    items,
  };
}

/** A required text field of the form: its name, label and limit (the contract's), hint and test id. */
interface TextField {
  field: string;
  label: string;
  max: number;
  placeholder?: string;
  testId: string;
}

/** 申请函 (附件1) fields, with their column span (of 24); 用途 is a text area below them. */
const LETTER_FIELDS: (TextField & { span: number })[] = [
  { field: 'regionName', label: '地域范围', max: 100, placeholder: '如 示范市中心城区', testId: 'app-region', span: 8 },
  {
    field: 'areaDescription',
    label: '申请范围',
    max: 300,
    placeholder: '如 中心城区约 120 平方千米',
    testId: 'app-area',
    span: 16,
  },
  { field: 'precision', label: '精度', max: 100, placeholder: '如 优于 0.5 米', testId: 'app-precision', span: 8 },
  {
    field: 'imagingTime',
    label: '成像时间',
    max: 100,
    placeholder: '如 2026 年 1–6 月',
    testId: 'app-imaging-time',
    span: 8,
  },
  {
    field: 'dataType',
    label: '数据类型',
    max: 100,
    placeholder: '如 数字正射影像（DOM）',
    testId: 'app-data-type',
    span: 8,
  },
];

/** 应用项目及申请数据情况 (附件2) columns, with their flex share; row `i` has test ids `${testId}-${i}`. */
const PROJECT_FIELDS: (TextField & { flex: string })[] = [
  { field: 'name', label: '项目或任务名称', max: 200, testId: 'app-project-name', flex: '3' },
  { field: 'dataType', label: '数据类型', max: 100, placeholder: '如 DOM', testId: 'app-project-data-type', flex: '2' },
  {
    field: 'resolution',
    label: '分辨率',
    max: 50,
    placeholder: '如 0.5 米',
    testId: 'app-project-resolution',
    flex: '1',
  },
  {
    field: 'imagingTime',
    label: '成像时间',
    max: 100,
    placeholder: '如 2026 年',
    testId: 'app-project-imaging-time',
    flex: '2',
  },
  { field: 'coverage', label: '覆盖范围', max: 200, testId: 'app-project-coverage', flex: '3' },
];

interface RowListProps {
  name: 'projects' | 'handlers';
  /** the contract's maximum number of rows */
  max: number;
  /** the values of an added row */
  empty: object;
  /** what a row is, for its add and remove buttons */
  noun: string;
  addTestId: string;
  /** the columns of row `i`; labels go on the first row only */
  columns: (f: FormListFieldData, i: number) => ReactNode;
}

/** A table-like list of form rows: at least one, each removable, added up to `max`. */
function RowList({ name, max, empty, noun, addTestId, columns }: RowListProps) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Row key={f.key} gutter={8} align="top" wrap={false}>
              {columns(f, i)}
              <Col flex="none" className={i === 0 ? 'form-row-remove-first' : undefined}>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  disabled={fields.length === 1}
                  onClick={() => remove(f.name)}
                  aria-label={`删除${noun}`}
                />
              </Col>
            </Row>
          ))}
          {fields.length < max && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(empty)} data-testid={addTestId}>
              添加{noun}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** 应用项目及申请数据情况 (附件2): one row per project or task. */
function ProjectRows() {
  return (
    <RowList
      name="projects"
      max={20}
      empty={EMPTY_PROJECT}
      noun="项目"
      addTestId="app-project-add"
      columns={(f, i) =>
        PROJECT_FIELDS.map((c) => (
          <Col key={c.field} flex={c.flex}>
            <Form.Item name={[f.name, c.field]} label={i === 0 ? c.label : undefined} rules={text(c.label, c.max)}>
              <Input placeholder={c.placeholder} data-testid={`${c.testId}-${i}`} />
            </Form.Item>
          </Col>
        ))
      }
    />
  );
}

/** 经办人信息 (附件2): the people who may pick the data up (BX-F3/F5 check their ID number at hand-over). */
function HandlerRows() {
  return (
    <RowList
      name="handlers"
      max={5}
      empty={EMPTY_HANDLER}
      noun="经办人"
      addTestId="app-handler-add"
      columns={(f, i) => (
        <>
          <Col flex="2">
            <Form.Item name={[f.name, 'name']} label={i === 0 ? '姓名' : undefined} rules={text('姓名', 50)}>
              <Input data-testid={`app-handler-name-${i}`} />
            </Form.Item>
          </Col>
          <Col flex="3">
            <Form.Item
              name={[f.name, 'idNumber']}
              label={i === 0 ? '身份证号码' : undefined}
              normalize={upperCase}
              required
              rules={[idNumberRule]}
              validateTrigger="onBlur"
            >
              <Input maxLength={18} className="mono" data-testid={`app-handler-id-${i}`} />
            </Form.Item>
          </Col>
          <Col flex="2">
            <Form.Item name={[f.name, 'phone']} label={i === 0 ? '联系电话' : undefined} rules={PHONE_RULES}>
              <Input data-testid={`app-handler-phone-${i}`} />
            </Form.Item>
          </Col>
        </>
      )}
    />
  );
}

/**
 * 新建申请 (BX-22 step 2): the application letter (附件1), form (附件2), order (附件3) from the request basket, and the
 * unit's confidentiality agreement (附件4). Saved as a draft or submitted at once; the basket is emptied of the
 * ordered items afterwards.
 */
export function NewApplicationPage() {
  const [form] = Form.useForm<ApplicationValues>();
  const { me } = useSession();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const entries = useBasket();
  const { data: lines = [], loading: linesLoading } = useOrderLines(entries);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const blocked = lines.some((l) => l.blocked);

  const save = async (submit: boolean) => {
    const values = await form.validateFields().catch((err: { errorFields?: { name: (string | number)[] }[] }) => {
      // A long form: bring the first problem into view.
      const first = err.errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return null;
    });
    if (values === null) return;
    if (blocked) {
      message.error('订单中有不能申请的数据，请移出后再提交');
      return;
    }
    setSaving(submit ? 'submit' : 'draft');
    setFailure(null);
    try {
      const items = entries.map((e) => ({ collectionId: e.collection, itemId: e.id }));
      const { id } = await applicationsApi.create(toInput(values, items), submit);
      for (const e of entries) basket.remove(e);
      message.success(submit ? '申请已提交' : '草稿已保存');
      navigate(`/applications/${id}`);
    } catch (err) {
      notifyError(err);
      setFailure(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  if (entries.length === 0) {
    return (
      <PageContainer title="新建申请">
        <Empty description="申请篮是空的：请先在目录检索中选择数据「加入申请」">
          <Button type="primary" onClick={() => navigate('/catalogue')} data-testid="app-go-catalogue">
            前往目录检索
          </Button>
        </Empty>
      </PageContainer>
    );
  }

  return (
    <PageContainer title="新建申请">
      <Form<ApplicationValues>
        form={form}
        layout="vertical"
        initialValues={{ projects: [EMPTY_PROJECT], handlers: [EMPTY_HANDLER] }}
        data-testid="app-form"
      >
        <Card title="一、申请函（附件1）" size="small" className="application-section">
          <Row gutter={16}>
            {LETTER_FIELDS.map((c) => (
              <Col key={c.field} span={c.span}>
                <Form.Item name={['letter', c.field]} label={c.label} rules={text(c.label, c.max)}>
                  <Input placeholder={c.placeholder} data-testid={c.testId} />
                </Form.Item>
              </Col>
            ))}
            <Col span={24}>
              <Form.Item name={['letter', 'purpose']} label="用途（工作用途及使用目的）" rules={text('用途', 500)}>
                <Input.TextArea rows={2} data-testid="app-letter-purpose" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="二、申请表（附件2）" size="small" className="application-section">
          <Form.Item label="单位名称">
            <Input value={me?.orgName} disabled />
          </Form.Item>
          <Form.Item name="purpose" label="使用目的" rules={text('使用目的', 1000)}>
            <Input.TextArea rows={2} data-testid="app-purpose" />
          </Form.Item>
          <Form.Item label="应用项目及申请数据情况" required className="application-section">
            <ProjectRows />
          </Form.Item>
          <Form.Item label="经办人信息" required className="application-section">
            <HandlerRows />
          </Form.Item>
          <Form.Item
            name="legalRepresentative"
            label="法定（授权）代表人"
            rules={text('法定（授权）代表人', 50)}
            style={{ maxWidth: 320 }}
          >
            <Input data-testid="app-legal-rep" />
          </Form.Item>
        </Card>

        <Card title="三、订单（附件3）" size="small" className="application-section">
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item name="orderProject" label="项目或任务名称" rules={text('项目或任务名称', 200)}>
                <Input data-testid="app-order-project" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="medium" label="数据拷贝介质" rules={[{ required: true, message: '请选择拷贝介质' }]}>
                <Select options={MEDIUM_OPTIONS} placeholder="请选择" data-testid="app-medium" />
              </Form.Item>
            </Col>
          </Row>
          <OrderItems lines={lines} loading={linesLoading} />
        </Card>

        <Card title="四、保密协议（附件4）" size="small" className="application-section">
          <AgreementSection />
        </Card>
      </Form>

      {failure && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          title={failure}
          className="page-alert"
          data-testid="app-failure"
        />
      )}
      <Flex gap={8} justify="end">
        <Button
          onClick={() => save(false)}
          loading={saving === 'draft'}
          disabled={saving !== null}
          data-testid="app-save-draft"
        >
          保存草稿
        </Button>
        <Button
          type="primary"
          onClick={() => save(true)}
          loading={saving === 'submit'}
          disabled={saving !== null || blocked}
          data-testid="app-submit"
        >
          提交申请
        </Button>
      </Flex>
    </PageContainer>
  );
}
