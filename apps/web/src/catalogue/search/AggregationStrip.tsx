import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { bucketsOf } from '../catalogue.api';
import type { StacAggregation } from '../stac';

interface AggregationStripProps {
  aggregations: StacAggregation[] | undefined;
  collectionTitle: (id: string) => string;
  districtName: (code: string) => string;
  /** shown after each collection's count (浏览整个数据集) */
  collectionAction?: (id: string) => ReactNode;
}

/** Counts of the current search: in all (exact, unlike the capped numberMatched), per collection, per district. */
export function AggregationStrip(props: AggregationStripProps) {
  const { aggregations, collectionTitle, districtName, collectionAction } = props;
  const rows: {
    key: string;
    label: string;
    buckets: { key: string; frequency: number }[];
    name: (key: string) => string;
    action?: (key: string) => ReactNode;
  }[] = [
    {
      key: 'collection',
      label: '数据集',
      buckets: bucketsOf(aggregations, 'collection_frequency'),
      name: collectionTitle,
      action: collectionAction,
    },
    {
      key: 'district',
      label: '区县',
      buckets: bucketsOf(aggregations, 'geoshare:district_frequency'),
      name: districtName,
    },
  ];
  const total = aggregations?.find((a) => a.name === 'total_count')?.value;
  return (
    <div className="aggregation-strip" data-testid="catalogue-aggregations">
      {typeof total === 'number' && <Typography.Text type="secondary">合计 {total} 条</Typography.Text>}
      {rows.map((row) => (
        <Flex key={row.key} gap={4} wrap align="center">
          <Typography.Text type="secondary">{row.label}：</Typography.Text>
          {row.buckets.length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            row.buckets.map((b) => (
              <Flex key={b.key} align="center">
                <Tag variant="filled">
                  {row.name(b.key)} {b.frequency}
                </Tag>
                {row.action?.(b.key)}
              </Flex>
            ))
          )}
        </Flex>
      ))}
    </div>
  );
}
