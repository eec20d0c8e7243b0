import { type ApplicationDetail, COPY_MEDIUM_LABELS } from '@geoshare/shared';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Table, Tabs } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useAct } from '../api/useAct';
import { useApiData } from '../api/useApiData';
import { useEditor } from '../common/useEditor';
import { PageContainer } from '../layout/PageContainer';
import { HandoverModal, ReadyModal, WithdrawModal } from './ActionModals';
import { chinaDateTime } from './application-format';
import { ClassifiedTag, Deadline, StateTag } from './application-tags';
import { applicationsApi } from './applications.api';
import { DocumentLinks, DocumentsList } from './DocumentsList';
import { HistoryTimeline } from './HistoryTimeline';
import { LinesSection } from './LinesSection';
import { UsageLogTab } from './UsageLogTab';
import './applications.css';

type ActionModal = 'withdraw' | 'ready' | 'handover';

/** 附件1 and 附件2 as filled in. */
function FormContent({ a }: { a: ApplicationDetail }) {
  return (
    <>
      <Descriptions title="申请函（附件1）" size="small" column={3} bordered className="application-section">
        <Descriptions.Item label="地域范围">{a.letter.regionName}</Descriptions.Item>
        <Descriptions.Item label="申请范围" span={2}>
          {a.letter.areaDescription}
        </Descriptions.Item>
        <Descriptions.Item label="精度">{a.letter.precision}</Descriptions.Item>
        <Descriptions.Item label="成像时间">{a.letter.imagingTime}</Descriptions.Item>
        <Descriptions.Item label="数据类型">{a.letter.dataType}</Descriptions.Item>
        <Descriptions.Item label="用途" span={3}>
          {a.letter.purpose}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title="申请表（附件2）" size="small" column={2} bordered className="application-section">
        <Descriptions.Item label="单位名称">{a.orgName}</Descriptions.Item>
        <Descriptions.Item label="法定（授权）代表人">{a.legalRepresentative}</Descriptions.Item>
        <Descriptions.Item label="使用目的" span={2}>
          {a.purpose}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        className="application-section"
        dataSource={a.projects.map((p, i) => ({ ...p, key: i }))}
        columns={[
          { title: '项目或任务名称', dataIndex: 'name' },
          { title: '数据类型', dataIndex: 'dataType' },
          { title: '分辨率', dataIndex: 'resolution' },
          { title: '成像时间', dataIndex: 'imagingTime' },
          { title: '覆盖范围', dataIndex: 'coverage' },
        ]}
        data-testid="application-projects"
      />
      <Table
        rowKey="idNumberMasked"
        size="small"
        pagination={false}
        className="application-section"
        dataSource={a.handlers}
        columns={[
          { title: '经办人', dataIndex: 'name' },
          {
            title: '身份证号码',
            dataIndex: 'idNumberMasked',
            render: (v: string) => <span className="mono">{v}</span>,
          },
          { title: '联系电话', dataIndex: 'phone' },
        ]}
        data-testid="application-handlers"
      />
    </>
  );
}

/** The state, deadline, numbers and provision facts at the top of the page. */
function Summary({ a, agreementDocumentId }: { a: ApplicationDetail; agreementDocumentId: string | null }) {
  return (
    <Descriptions size="small" column={3} bordered className="application-section">
      <Descriptions.Item label="申请表编号">
        <span className="mono" data-testid="app-number">
          {a.number ?? '提交后生成'}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <StateTag state={a.state} testId="app-state" />
        <ClassifiedTag classified={a.classified} />
      </Descriptions.Item>
      <Descriptions.Item label="审核期限">
        <Deadline summary={a} testId="app-deadline" />
      </Descriptions.Item>
      <Descriptions.Item label="申请单位">{a.orgName}</Descriptions.Item>
      <Descriptions.Item label="填报人">{a.createdByName}</Descriptions.Item>
      <Descriptions.Item label="提交时间">{chinaDateTime(a.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label="订单号">
        <span className="mono">{a.orderNumber ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="订单项目">{a.orderProject}</Descriptions.Item>
      <Descriptions.Item label="拷贝介质">
        {COPY_MEDIUM_LABELS[a.medium]}
        {a.sizeGb !== null ? `，${a.sizeGb} GB` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="保密协议">
        {a.agreementNumber ? (
          <>
            <span className="mono">{a.agreementNumber}</span>（有效期至 {a.agreementValidUntil}）
            {agreementDocumentId && <DocumentLinks id={agreementDocumentId} kind="agreement" />}
          </>
        ) : (
          '提交时关联本单位有效的保密协议'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="移交单编号">
        <span className="mono">{a.handoverNumber ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="接收人">
        {a.receiverName ? `${a.receiverName}（${chinaDateTime(a.handedOverAt)}）` : '—'}
        {a.introductionLetter ? `，凭介绍信：${a.introductionLetter}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The sealed PDF of the agreement bound to the application (附件4), from the unit's agreements. */
function useAgreementDocument(a: ApplicationDetail | undefined): string | null {
  const agreementId = a?.agreementId ?? null;
  const load = useCallback(
    (signal: AbortSignal) => (agreementId ? applicationsApi.agreements(signal) : Promise.resolve([])),
    [agreementId],
  );
  const { data: agreements = [] } = useApiData(load);
  return agreements.find((x) => x.id === agreementId)?.documentId ?? null;
}

/**
 * 申请详情 (/applications/:id): the forms, the ordered items with their decisions, the sealed documents, the history,
 * and the next steps the caller may take (`actions`, from the state machine); the usage log once handed over.
 */
export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => applicationsApi.detail(id, signal), [id]);
  const { data: a, loading, reload } = useApiData(load);
  const agreementDocumentId = useAgreementDocument(a);
  const run = useAct();
  const modal = useEditor<ActionModal>();
  const [tab, setTab] = useState('detail');

  if (!a) {
    return loading ? <Spin className="page-spin" /> : <Result status="404" title="数据申请不存在或无权查看" />;
  }
  const can = (action: string) => a.actions.includes(action);

  const buttons: ReactNode[] = [];
  if (can('submit')) {
    buttons.push(
      <Button
        key="submit"
        type="primary"
        onClick={() => run(applicationsApi.submit(a.id), '申请已提交', reload)}
        data-testid="action-submit"
      >
        提交
      </Button>,
    );
  }
  if (can('withdraw')) {
    buttons.push(
      <Button key="withdraw" danger onClick={() => modal.show('withdraw')} data-testid="action-withdraw">
        撤回
      </Button>,
    );
  }
  if (can('prepare')) {
    buttons.push(
      <Button
        key="prepare"
        type="primary"
        onClick={() => run(applicationsApi.prepare(a.id), '已开始准备数据', reload)}
        data-testid="action-prepare"
      >
        开始准备数据
      </Button>,
    );
  }
  if (can('notifyPickup')) {
    buttons.push(
      <Button key="ready" type="primary" onClick={() => modal.show('ready')} data-testid="action-ready">
        通知领取
      </Button>,
    );
  }
  if (can('handOver')) {
    buttons.push(
      <Button key="handover" type="primary" onClick={() => modal.show('handover')} data-testid="action-handover">
        办理移交
      </Button>,
    );
  }
  if (can('logUsage')) {
    buttons.push(
      <Button key="usage" onClick={() => setTab('usage')} data-testid="action-log-usage">
        使用登记
      </Button>,
    );
  }

  const detail = (
    <>
      <Card title="申请数据" size="small" className="application-section">
        {can('review') && (
          <Alert
            type="warning"
            showIcon
            className="page-alert"
            title="请对每一项有条件共享数据给出审核意见；不同意的须说明理由"
          />
        )}
        <LinesSection applicationId={a.id} lines={a.lines} reviewing={can('review')} onReviewed={reload} />
      </Card>
      <Card title="文书" size="small" className="application-section">
        <DocumentsList documents={a.documents} />
      </Card>
      <Card title="办理记录" size="small" className="application-section">
        <HistoryTimeline events={a.events} />
      </Card>
      <Card title="申请内容" size="small" className="application-section">
        <FormContent a={a} />
      </Card>
    </>
  );

  const modalProps = { application: a, onClose: modal.hide, onDone: reload };
  return (
    <PageContainer title={a.title} extra={<Space>{buttons}</Space>}>
      <Summary a={a} agreementDocumentId={agreementDocumentId} />
      {a.rejectReason && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          title={`未同意提供：${a.rejectReason}`}
          data-testid="app-reject-reason"
        />
      )}
      {a.state === 'ready' && a.pickupNote && (
        <Alert
          type="info"
          showIcon
          className="page-alert"
          title={`领取通知：${a.pickupNote}`}
          description="经办人须持身份证原件及复印件领取；接收人不是申请表中的经办人时，须出具用户单位介绍信。"
          data-testid="app-pickup-note"
        />
      )}
      {a.state === 'handedOver' ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'detail', label: '申请详情', children: detail },
            {
              key: 'usage',
              label: '使用登记',
              children: <UsageLogTab applicationId={a.id} handedOverAt={a.handedOverAt} canLog={can('logUsage')} />,
            },
          ]}
          data-testid="application-tabs"
        />
      ) : (
        detail
      )}
      <WithdrawModal key={`w${modal.key}`} open={modal.isOpen && modal.target === 'withdraw'} {...modalProps} />
      <ReadyModal key={`r${modal.key}`} open={modal.isOpen && modal.target === 'ready'} {...modalProps} />
      <HandoverModal key={`h${modal.key}`} open={modal.isOpen && modal.target === 'handover'} {...modalProps} />
    </PageContainer>
  );
}
