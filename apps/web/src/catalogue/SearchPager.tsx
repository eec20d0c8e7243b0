import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { MATCHED_CAP } from './stac';
import type { StacSearch } from './useStacSearch';

/** 「共 n 条」 (10000+ beyond the server's count cap) with 上一页 / 下一页 along the search's links. */
export function SearchPager({ search, testId }: { search: StacSearch; testId: string }) {
  const matched = search.page?.numberMatched;
  return (
    <Flex justify="space-between" align="center" gap={8} className="search-pager">
      <Typography.Text type="secondary" data-testid={testId}>
        {matched === undefined ? '' : `共 ${matched >= MATCHED_CAP ? `${MATCHED_CAP}+` : matched} 条`}
      </Typography.Text>
      <Flex gap={8}>
        <Button size="small" icon={<LeftOutlined />} disabled={!search.prev} onClick={search.prev}>
          上一页
        </Button>
        <Button size="small" icon={<RightOutlined />} iconPlacement="end" disabled={!search.next} onClick={search.next}>
          下一页
        </Button>
      </Flex>
    </Flex>
  );
}
