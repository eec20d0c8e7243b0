import { GatewayOutlined } from '@ant-design/icons';
import type { CreateDownloadBody, DownloadLink, DownloadQuota } from '@geoshare/shared';
import { Alert, Button, Descriptions, Flex, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiData } from '../../api/useApiData';
import type { StacItem } from '../../catalogue/stac';
import { formatBytes, formatDateTime, formatNumber } from '../../common/format';
import type { SharingAgreement } from '../agreement/useSharingAgreement';
import { sharingApi } from '../sharing.api';
import { CLIP_CRS_GROUPS, type ClipArea, suggestedClipCrs } from './clip-crs';

type DownloadKind = CreateDownloadBody['kind'];

const KIND_OPTIONS: { value: DownloadKind; label: string }[] = [
  { value: 'asset', label: '整景下载' },
  { value: 'clip', label: '范围裁切' },
  { value: 'preview', label: '水印预览' },
];

/** The area of a clip and where it comes from. */
export interface ClipChoice {
  area: ClipArea;
  source: 'drawn' | 'search';
}

/** 「116.50°–117.50°E，39.50°–40.50°N」: the extent of an area. */
function extentOf(area: ClipArea): string {
  const points = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates).flat(2);
  const lons = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  const deg = (v: number) => `${formatNumber(v, 4)}°`;
  return `${deg(Math.min(...lons))}–${deg(Math.max(...lons))}E，${deg(Math.min(...lats))}–${deg(Math.max(...lats))}N`;
}

const quotaText = (q: DownloadQuota) =>
  `已用 ${q.usedCount} / ${q.limitCount} 次，${formatBytes(q.usedBytes)} / ${formatBytes(q.limitBytes)}` +
  (q.unitQuota ? '（本单位配额）' : '');

const exhausted = (q: DownloadQuota | undefined) =>
  q !== undefined && (q.usedCount >= q.limitCount || q.usedBytes >= q.limitBytes);

/** Hands a signed link to the browser as a plain download: large files stream to disk instead of into memory. */
function startDownload({ url, filename }: DownloadLink): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
}

interface DownloadModalProps {
  item: StacItem;
  /** false while the user draws the clip area on the map */
  open: boolean;
  /** the area a clip takes: the one drawn for it, else the search area; null when there is none */
  clip: ClipChoice | null;
  onDrawClip: () => void;
  onClose: () => void;
  agreement: SharingAgreement;
}

/**
 * 下载 of an entry viewed online: 整景下载 (the data file), 范围裁切 (a GeoTIFF of a polygon, in CGCS2000 lon/lat or a
 * Gauss-Krüger zone, the centroid's 3° zone pre-selected) or 水印预览 (a preview with the user's visible watermark,
 * BX-17). Shows today's quota; the collection's online agreement comes first (MNR-16). The answer is a signed,
 * expiring link: shown with its expiry, and the download starts at once.
 */
export function DownloadModal({ item, open, clip, onDrawClip, onClose, agreement }: DownloadModalProps) {
  const quota = useApiData(sharingApi.quota);
  const [kind, setKind] = useState<DownloadKind>('asset');
  // The CRS picked for one area; another area brings back the suggestion for it.
  const [picked, setPicked] = useState<{ area: ClipArea | null; crs: number } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [link, setLink] = useState<DownloadLink | null>(null);

  const area = clip?.area ?? null;
  const crs = picked && picked.area === area ? picked.crs : suggestedClipCrs(area);
  const noArea = kind === 'clip' && area === null;

  const submit = () => {
    const body: CreateDownloadBody = {
      collectionId: item.collection,
      itemId: item.id,
      kind,
      ...(kind === 'clip' && area ? { geometry: area, crs } : {}),
    };
    setSubmitting(true);
    setFailure(null);
    agreement
      .run(item.collection, () => sharingApi.createDownload(body))
      .then(
        (created) => {
          if (!created) return;
          setLink(created);
          startDownload(created);
          quota.reload();
        },
        (err: unknown) => setFailure(errorMessage(err)),
      )
      .finally(() => setSubmitting(false));
  };

  const footer = link ? (
    <Button onClick={onClose}>关闭</Button>
  ) : (
    <>
      <Button onClick={onClose}>取消</Button>
      <Button
        type="primary"
        loading={submitting}
        disabled={noArea || exhausted(quota.data)}
        onClick={submit}
        data-testid="download-submit"
      >
        生成下载链接
      </Button>
    </>
  );

  const size = item.assets.data?.['file:size'];
  return (
    <Modal open={open} title={`下载：${item.properties.title}`} width={600} footer={footer} onCancel={onClose}>
      <div data-testid="download-modal">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={kind}
          options={KIND_OPTIONS}
          disabled={link !== null}
          onChange={(e) => setKind(e.target.value as DownloadKind)}
          data-testid="download-kind"
        />
        <div className="download-section">
          {kind === 'asset' && (
            <Typography.Text type="secondary">
              下载完整的数据文件（GeoTIFF{size === undefined ? '' : `，${formatBytes(size)}`}）。
            </Typography.Text>
          )}
          {kind === 'preview' && (
            <Typography.Text type="secondary">
              生成带有您姓名与单位可见水印的预览图，用于追溯来源；未经授权不得转让、出借或用于商业用途。
            </Typography.Text>
          )}
          {kind === 'clip' && (
            <Flex vertical gap={8}>
              <Flex align="center" justify="space-between" gap={8}>
                <Typography.Text data-testid="download-clip-area">
                  裁切范围：
                  {clip
                    ? `${clip.source === 'drawn' ? '地图上绘制的多边形' : '当前检索范围'}（${extentOf(clip.area)}）`
                    : '尚未选择'}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<GatewayOutlined />}
                  disabled={link !== null}
                  onClick={onDrawClip}
                  data-testid="download-draw"
                >
                  {clip?.source === 'drawn' ? '重新绘制' : '在地图上绘制'}
                </Button>
              </Flex>
              <Flex align="center" gap={8}>
                <Typography.Text>输出坐标系</Typography.Text>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  value={crs}
                  options={CLIP_CRS_GROUPS}
                  disabled={link !== null}
                  onChange={(value: number) => setPicked({ area, crs: value })}
                  style={{ flex: 1 }}
                  data-testid="download-crs"
                />
              </Flex>
            </Flex>
          )}
        </div>
        <div className="download-section">
          <Typography.Text type="secondary" data-testid="download-quota">
            今日下载额度：{quota.data ? quotaText(quota.data) : '—'}
          </Typography.Text>
        </div>
        {exhausted(quota.data) && !link && (
          <Alert type="warning" showIcon title="今日下载额度已用完，请明日再试" className="download-section" />
        )}
        {failure && <Alert type="error" showIcon title={failure} className="download-section" />}
        {link && (
          <Alert
            type="success"
            showIcon
            className="download-section"
            title="下载链接已生成，下载已开始"
            description={
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'link',
                    label: '文件',
                    children: (
                      <a href={link.url} download={link.filename} data-testid="download-link">
                        {link.filename}
                      </a>
                    ),
                  },
                  { key: 'expires', label: '有效期至', children: formatDateTime(link.expiresAt) },
                  ...(link.size === null ? [] : [{ key: 'size', label: '大小', children: formatBytes(link.size) }]),
                ]}
              />
            }
          />
        )}
      </div>
    </Modal>
  );
}
