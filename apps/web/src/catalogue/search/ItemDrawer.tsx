import { CloudDownloadOutlined, DownloadOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../../api/useNotifyError';
import { saveDownload } from '../../common/download';
import { formatBytes } from '../../common/format';
import { FeedbackButton } from '../../feedback/FeedbackButton';
import { NegotiateButton } from '../../negotiation/NegotiateButton';
import type { SharingAgreement } from '../../sharing/agreement/useSharingAgreement';
import { basket, useBasket } from '../basket';
import { propertyRows } from '../item-properties';
import type { StacAsset, StacItem } from '../stac';
import { canViewOnline, type ImageryLayers } from '../useImageryLayers';
import { ViewOnlineButton } from './ViewOnlineButton';

const isPreview = (asset: StacAsset) => asset.roles?.some((r) => r === 'thumbnail' || r === 'overview') ?? false;

/** 加入申请; refused up front for 不予共享 entries, with their basis. */
function AddToBasket({ item }: { item: StacItem }) {
  const entries = useBasket();
  const p = item.properties;
  if (p['geoshare:sharing_type'] === 'none') {
    return (
      <Tooltip title={`不予共享：${p['geoshare:sharing_basis'] ?? '未注明依据'}`}>
        <Button icon={<ShoppingCartOutlined />} disabled data-testid="item-add-basket">
          加入申请
        </Button>
      </Tooltip>
    );
  }
  const added = basket.has(entries, { collection: item.collection, id: item.id });
  return (
    <Button
      type="primary"
      icon={<ShoppingCartOutlined />}
      disabled={added}
      onClick={() =>
        basket.add({
          collection: item.collection,
          id: item.id,
          title: p.title,
          catalogueNo: p['geoshare:catalogue_no'],
          secrecy: p['geoshare:secrecy'],
          sharingType: p['geoshare:sharing_type'],
        })
      }
      data-testid="item-add-basket"
    >
      {added ? '已加入申请篮' : '加入申请'}
    </Button>
  );
}

interface ItemDrawerProps {
  item: StacItem | null;
  onClose: () => void;
  districtName: (code: string) => string;
  /** the anonymous public catalogue: no request basket, no signed downloads */
  publicMode: boolean;
  /** hidden (not closed) while the user draws on the map for it */
  hidden: boolean;
  imagery: ImageryLayers;
  agreement: SharingAgreement;
  /** 下载 of an entry viewed online: signed links, clips, previews */
  onDownload: (item: StacItem) => void;
}

/**
 * The detail of one entry: all its catalogue fields, its files (download where allowed), 在线浏览, 下载 and 加入申请.
 */
export function ItemDrawer(props: ItemDrawerProps) {
  const { item, onClose, districtName, publicMode, hidden, imagery, agreement, onDownload } = props;
  const notifyError = useNotifyError();
  const [downloading, setDownloading] = useState<string | null>(null);

  const download = (key: string, asset: StacAsset) => {
    if (!item) return;
    setDownloading(key);
    // A 428 (the collection's online agreement, MNR-16) asks for the signature and downloads again.
    agreement
      .retry(item.collection, () => saveDownload(asset.href, `${item.id}-${key}`))
      .catch(notifyError)
      .finally(() => setDownloading(null));
  };

  const assets = item ? Object.entries(item.assets) : [];
  return (
    <Drawer
      title={item?.properties.title}
      open={item !== null && !hidden}
      onClose={onClose}
      size={520}
      extra={
        item && (
          <Flex gap={8}>
            <ViewOnlineButton item={item} imagery={imagery} />
            {!publicMode && <AddToBasket item={item} />}
            {!publicMode && <NegotiateButton item={item} />}
            {!publicMode && <FeedbackButton item={item} />}
          </Flex>
        )
      }
      data-testid="item-drawer"
    >
      {item && (
        <>
          {item.properties['geoshare:metadata_level'] === 'public' && (
            <Alert
              type="warning"
              showIcon
              title="您的密级权限低于该数据密级，仅显示公开元数据"
              className="page-alert"
              data-testid="item-public-metadata"
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={propertyRows(item.properties, districtName).map((row) => ({
              key: row.key,
              label: row.label,
              children: row.value,
            }))}
          />
          <Flex justify="space-between" align="center" className="drawer-section" style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              资源文件
            </Typography.Title>
            {!publicMode && canViewOnline(item) && (
              <Button
                type="primary"
                ghost
                icon={<CloudDownloadOutlined />}
                onClick={() => onDownload(item)}
                data-testid="download-button"
              >
                下载（整景 / 裁切 / 预览）
              </Button>
            )}
          </Flex>
          {assets.length === 0 ? (
            <Typography.Text type="secondary">
              没有可在线获取的文件：涉密、不予共享或仅离线提供的数据需通过共享申请获取。
            </Typography.Text>
          ) : (
            assets.map(([key, asset]) => (
              <Flex key={key} justify="space-between" align="center" gap={8} className="asset-row">
                <span>
                  <Typography.Text>{asset.title ?? key}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {[asset.type, asset['file:size'] === undefined ? null : formatBytes(asset['file:size'])]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </span>
                {!isPreview(asset) && (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    loading={downloading === key}
                    onClick={() => download(key, asset)}
                    data-testid={`item-download-${key}`}
                  >
                    下载
                  </Button>
                )}
              </Flex>
            ))
          )}
        </>
      )}
    </Drawer>
  );
}
