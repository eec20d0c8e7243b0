import { PictureOutlined } from '@ant-design/icons';
import { Empty, Listy, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatNumber } from '../../common/format';
import { itemKey, type StacItem } from '../stac';
import { SecrecyTag, SharingTypeTag } from '../tags';

/** The thumbnail asset of an item, if the viewer may see one (never for classified items). */
const thumbnailOf = (item: StacItem) => Object.values(item.assets).find((a) => a.roles?.includes('thumbnail'));

/** 「2024-06-01 · 0.5 米 · GF-2 · 云量 5%」: what is known of acquisition date, resolution, platform, cloud. */
function facts(item: StacItem): string {
  const p = item.properties;
  return [
    dayjs(p.datetime).format('YYYY-MM-DD'),
    p.gsd === undefined ? null : `${formatNumber(p.gsd)} 米`,
    p.platform ?? null,
    p['eo:cloud_cover'] === undefined ? null : `云量 ${formatNumber(p['eo:cloud_cover'])}%`,
  ]
    .filter(Boolean)
    .join(' · ');
}

interface ResultListProps {
  items: StacItem[];
  loading: boolean;
  hoveredKey: string | null;
  selectedKey: string | null;
  onHover: (key: string | null) => void;
  onOpen: (item: StacItem) => void;
}

/** One page of results: thumbnail, title, 统一编号, facts, 密级 and 共享类型; hover shows the footprint. */
export function ResultList({ items, loading, hoveredKey, selectedKey, onHover, onOpen }: ResultListProps) {
  const render = (item: StacItem) => {
    const key = itemKey(item);
    const thumbnail = thumbnailOf(item);
    const state = key === selectedKey ? ' is-selected' : key === hoveredKey ? ' is-hovered' : '';
    // One button per item (phrasing content only inside): click or Enter opens the detail.
    return (
      <button
        type="button"
        className={`result-item${state}`}
        onMouseEnter={() => onHover(key)}
        onMouseLeave={() => onHover(null)}
        onFocus={() => onHover(key)}
        onBlur={() => onHover(null)}
        onClick={() => onOpen(item)}
        data-testid="catalogue-result-item"
        data-item-id={item.id}
      >
        {thumbnail ? (
          <img className="result-thumb" src={thumbnail.href} alt="" loading="lazy" />
        ) : (
          <span className="result-thumb result-thumb-empty">
            <PictureOutlined />
          </span>
        )}
        <span className="result-body">
          <Typography.Text strong ellipsis className="result-title">
            {item.properties.title}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {item.properties['geoshare:catalogue_no']}
          </Typography.Text>
          <Typography.Text type="secondary">{facts(item)}</Typography.Text>
          <span>
            <SecrecyTag secrecy={item.properties['geoshare:secrecy']} />
            <SharingTypeTag sharingType={item.properties['geoshare:sharing_type']} />
          </span>
        </span>
      </button>
    );
  };

  return (
    <Spin spinning={loading}>
      <div className="result-list" data-testid="catalogue-results">
        {items.length === 0 && !loading ? (
          <Empty description="没有符合条件的目录条目" />
        ) : (
          <Listy items={items} rowKey={itemKey} itemRender={render} styles={{ item: { padding: 0 } }} />
        )}
      </div>
    </Spin>
  );
}
