import { DeleteOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Flex, Typography } from 'antd';
import { useState } from 'react';
import { basket, useBasket } from './basket';
import { SecrecyTag, SharingTypeTag } from './tags';

/** Header button 「申请篮 (n)」 and its drawer: the items picked in the catalogue for a sharing application. */
export function BasketButton() {
  const entries = useBasket();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ShoppingCartOutlined />} onClick={() => setOpen(true)} data-testid="basket-button">
        申请篮 ({entries.length})
      </Button>
      <Drawer title="申请篮" open={open} onClose={() => setOpen(false)} size={420} data-testid="basket-drawer">
        <Alert type="info" showIcon title="提交申请功能将在共享申请模块提供" className="page-alert" />
        {entries.length === 0 ? (
          <Empty description="申请篮是空的，可在目录检索中「加入申请」" />
        ) : (
          entries.map((e) => (
            <Flex key={`${e.collection}/${e.id}`} justify="space-between" align="start" className="basket-entry">
              <div>
                <Typography.Text strong>{e.title}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" className="mono">
                    {e.catalogueNo}
                  </Typography.Text>
                </div>
                <SecrecyTag secrecy={e.secrecy} />
                <SharingTypeTag sharingType={e.sharingType} />
              </div>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => basket.remove(e)}
                aria-label="移除"
                data-testid="basket-remove"
              />
            </Flex>
          ))
        )}
      </Drawer>
    </>
  );
}
