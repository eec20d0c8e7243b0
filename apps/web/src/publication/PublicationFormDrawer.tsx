import { InboxOutlined } from '@ant-design/icons';
import {
  citationOf,
  PUBLICATION_KIND_LABELS,
  PUBLICATION_KINDS,
  PUBLICATION_MAX_FILE_BYTES,
  PUBLICATION_MAX_FILES,
  type PublicationKind,
  type PublicationReview,
  type PublicationReviewInput,
} from '@geoshare/shared';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isoDate } from '../common/format';
import { optionsOf } from '../common/options';
import { useFormSubmit } from '../common/useFormSubmit';
import { useServerFieldErrors } from '../common/useServerFieldErrors';
import { publicationApi, submissionForm } from './publication.api';
import { type SourceInfo, SourceSelect } from './SourceSelect';

interface PublicationValues {
  title: string;
  kind: PublicationKind;
  medium: string;
  plannedDate: Dayjs;
  description: string;
  sources: string[];
  citation: string;
  secrecyReviewConfirmed: boolean;
  secrecyReviewNote?: string;
}

const FIELD_OF_CODE = {
  PUBLICATION_SOURCE_NOT_FOUND: 'sources',
  PUBLICATION_SECRECY_REVIEW_REQUIRED: 'secrecyReviewConfirmed',
  PUBLICATION_PLANNED_DATE_PAST: 'plannedDate',
} as const satisfies Record<string, keyof PublicationValues>;

const KIND_OPTIONS = optionsOf(PUBLICATION_KINDS, PUBLICATION_KIND_LABELS);
const ACCEPT = '.png,.jpg,.jpeg,.pdf';
const MAX_MB = PUBLICATION_MAX_FILE_BYTES / 1024 / 1024;

const sourcesOf = (r: PublicationReview): Record<string, SourceInfo> =>
  Object.fromEntries(
    r.sources.map((s) => [`${s.collectionId}/${s.itemId}`, { ...s, key: `${s.collectionId}/${s.itemId}` }]),
  );

const valuesOf = (r: PublicationReview): PublicationValues => ({
  title: r.title,
  kind: r.kind,
  medium: r.medium,
  plannedDate: dayjs(r.plannedDate),
  description: r.description,
  sources: r.sources.map((s) => `${s.collectionId}/${s.itemId}`),
  citation: r.citation,
  secrecyReviewConfirmed: r.secrecyReviewConfirmed,
  secrecyReviewNote: r.secrecyReviewNote ?? undefined,
});

/** Earlier attachments shown as already uploaded; the id travels as the entry's uid. */
const uploadedOf = (r: PublicationReview): UploadFile[] =>
  r.attachments.map((a) => ({ uid: a.id, name: a.name, status: 'done', size: a.size }));

interface PublicationFormDrawerProps {
  open: boolean;
  /** null: a new request; else 修改后重新提交 of a request sent back for changes */
  review: PublicationReview | null;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 发布申请 (BX-18, MNR-18): what is published where and when, the catalogue items it derives from (the citation is
 * prefilled from them until edited), the 保密审查 confirmation when a source is classified, and the map or image
 * itself (PNG/JPEG/PDF, ≤ 20 MB each).
 */
export function PublicationFormDrawer({ open, review, onClose, onSaved }: PublicationFormDrawerProps) {
  const [form] = Form.useForm<PublicationValues>();
  const { message } = App.useApp();
  const fieldErrors = useServerFieldErrors<keyof PublicationValues>(FIELD_OF_CODE);
  const [known, setKnown] = useState<Record<string, SourceInfo>>(() => (review ? sourcesOf(review) : {}));
  const [files, setFiles] = useState<UploadFile[]>(() => (review ? uploadedOf(review) : []));
  const [citationEdited, setCitationEdited] = useState(review !== null);
  const chosen: string[] = Form.useWatch('sources', form) ?? [];
  const chosenSources = chosen.map((k) => known[k]).filter((s): s is SourceInfo => s !== undefined);
  const classified = chosenSources.some((s) => s.secrecy !== 'public');

  const submit = async (v: PublicationValues) => {
    if (files.length === 0) {
      message.error('请上传拟发布的地图或影像文件');
      return;
    }
    const input: PublicationReviewInput = {
      title: v.title.trim(),
      kind: v.kind,
      medium: v.medium.trim(),
      plannedDate: isoDate(v.plannedDate),
      description: v.description.trim(),
      sources: v.sources.map((k) => ({ collectionId: known[k]!.collectionId, itemId: known[k]!.itemId })),
      citation: v.citation.trim(),
      secrecyReviewConfirmed: v.secrecyReviewConfirmed === true,
      secrecyReviewNote: v.secrecyReviewNote?.trim() || null,
    };
    const added = files.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
    if (review) {
      const keepAttachmentIds = files.filter((f) => !f.originFileObj).map((f) => f.uid);
      await publicationApi.resubmit(review.id, submissionForm({ ...input, keepAttachmentIds }, added));
    } else {
      await publicationApi.create(submissionForm(input, added));
    }
    message.success(review ? '已重新提交审核' : '发布申请已提交，审核单位将在 5 个工作日内答复');
    onSaved();
    onClose();
  };
  const { saving, submit: save } = useFormSubmit(form, submit, fieldErrors.show);

  const regenerateCitation = (keys: string[]) =>
    form.setFieldValue('citation', citationOf(keys.flatMap((k) => (known[k] ? [known[k]] : []))));

  /** Checked in the browser too: the server checks the content (magic bytes) again. */
  const beforeUpload = (file: File) => {
    if (file.size > PUBLICATION_MAX_FILE_BYTES) {
      message.error(`${file.name} 超过 ${MAX_MB} MB`);
      return Upload.LIST_IGNORE;
    }
    return false;
  };

  return (
    <Drawer
      title={review ? `修改后重新提交：${review.title}` : '新建发布申请'}
      open={open}
      onClose={onClose}
      size={640}
      extra={
        <Button type="primary" loading={saving} onClick={save} data-testid="publication-submit">
          {review ? '重新提交' : '提交审核'}
        </Button>
      }
    >
      {review?.decisionNote && (
        <Alert type="warning" showIcon title={`退回意见：${review.decisionNote}`} className="page-alert" />
      )}
      <Form<PublicationValues>
        form={form}
        layout="vertical"
        initialValues={review ? valuesOf(review) : { kind: 'print', sources: [], secrecyReviewConfirmed: false }}
        onValuesChange={(changed: Partial<PublicationValues>, all) => {
          fieldErrors.onValuesChange(changed);
          if (changed.citation !== undefined) setCitationEdited(true);
          if (changed.sources !== undefined && !citationEdited) regenerateCitation(all.sources ?? []);
        }}
        data-testid="publication-form"
      >
        <Form.Item
          name="title"
          label="成果名称"
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写成果名称（2–200 字）' }]}
        >
          <Input placeholder="如：2024 年本溪区土地利用现状图" data-testid="publication-title" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="kind" label="发布方式" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={KIND_OPTIONS} data-testid="publication-kind" />
          </Form.Item>
          <Form.Item
            name="plannedDate"
            label="计划发布日期"
            rules={[{ required: true, message: '请选择计划发布日期' }]}
            style={{ flex: 1 }}
            {...fieldErrors.itemProps('plannedDate')}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              data-testid="publication-planned-date"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="medium"
          label="发布载体 / 渠道"
          rules={[{ required: true, whitespace: true, max: 200, message: '请填写出版物、展会、网站或媒体名称' }]}
        >
          <Input placeholder="如：《示范市统计年鉴 2026》、市政府门户网站" data-testid="publication-medium" />
        </Form.Item>
        <Form.Item
          name="description"
          label="内容说明"
          rules={[{ required: true, whitespace: true, max: 4000, message: '请说明拟发布的内容（不超过 4000 字）' }]}
        >
          <Input.TextArea rows={3} data-testid="publication-description" />
        </Form.Item>
        <Form.Item
          name="sources"
          label="引用数据"
          extra="拟发布成果所使用的目录数据，至少一项（MNR-18）"
          rules={[{ required: true, type: 'array', min: 1, max: 50, message: '请至少选择一项引用数据（最多 50 项）' }]}
          {...fieldErrors.itemProps('sources')}
        >
          <SourceSelect
            known={known}
            onFound={(found) => setKnown((k) => ({ ...k, ...Object.fromEntries(found.map((s) => [s.key, s])) }))}
          />
        </Form.Item>
        <Form.Item
          label="数据来源标注"
          extra={
            <Button
              type="link"
              size="small"
              onClick={() => regenerateCitation(chosen)}
              data-testid="publication-citation-fill"
            >
              按引用数据重新生成
            </Button>
          }
        >
          <Form.Item
            name="citation"
            noStyle
            rules={[{ required: true, whitespace: true, max: 2000, message: '请填写随成果标注的数据来源' }]}
          >
            <Input.TextArea rows={2} data-testid="publication-citation" />
          </Form.Item>
        </Form.Item>
        {classified && (
          <>
            <Alert
              type="warning"
              showIcon
              title="引用数据含涉密或待定密成果：须经本单位保密审查后方可申请公开发布（MNR-18）"
              className="page-alert"
            />
            <Form.Item
              name="secrecyReviewConfirmed"
              valuePropName="checked"
              rules={[
                {
                  validator: async (_, checked?: boolean) => {
                    if (!checked) throw new Error('请确认已完成保密审查');
                  },
                },
              ]}
              {...fieldErrors.itemProps('secrecyReviewConfirmed')}
            >
              <Checkbox data-testid="publication-secrecy-review">本单位已完成保密审查，拟发布内容不含涉密信息</Checkbox>
            </Form.Item>
            <Form.Item name="secrecyReviewNote" label="保密审查意见" rules={[{ max: 500, message: '不超过 500 字' }]}>
              <Input
                placeholder="如：经单位保密办审查，已作脱密处理（审查编号 …）"
                data-testid="publication-secrecy-note"
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          label="拟发布的地图或影像"
          required
          extra={`PNG、JPEG 或 PDF，单个不超过 ${MAX_MB} MB，最多 ${PUBLICATION_MAX_FILES} 个`}
        >
          <Upload.Dragger
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={beforeUpload}
            onChange={({ fileList }) => setFiles(fileList.slice(0, PUBLICATION_MAX_FILES))}
            data-testid="publication-attachments"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入文件</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
