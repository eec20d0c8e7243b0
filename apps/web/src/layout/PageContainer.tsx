import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageContainerProps {
  title: ReactNode;
  /** actions on the right of the title */
  extra?: ReactNode;
  children: ReactNode;
}

/** The padded frame of every non-map page: title row, then content. */
export function PageContainer({ title, extra, children }: PageContainerProps) {
  return (
    <div className="page">
      <Flex justify="space-between" align="center" gap={16} className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
