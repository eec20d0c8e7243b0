import { Card, Flex, Tag, Typography } from 'antd';
import { PageContainer } from '../layout/PageContainer';
import type { ModuleInfo } from './module-catalog';

/** The page of a module not built yet: what it will do and which rules it implements. */
export function ModuleIntro({ module }: { module: ModuleInfo }) {
  const Icon = module.icon;
  return (
    <PageContainer
      title={
        <Flex gap={8} align="center">
          <Icon />
          {module.title}
          <Tag color="orange">建设中</Tag>
        </Flex>
      }
    >
      <Card data-testid="module-intro">
        {module.summary.map((line) => (
          <Typography.Paragraph key={line}>{line}</Typography.Paragraph>
        ))}
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">实现规则：</Typography.Text>
          {module.rules.map((rule) => (
            <Tag key={rule}>{rule}</Tag>
          ))}
        </Flex>
      </Card>
    </PageContainer>
  );
}
