import { DeleteOutlined, FormOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { basket, useBasket } from './basket';
import { SecrecyTag, SharingTypeTag } from './tags';

/**
 * Header button 「申请篮 (n)」 and its drawer: the items picked in the catalogue for a sharing application; 「填写申请」
 * opens the application form (共享申请), which orders the basket's items.
 */
export function BasketButton() {
  const entries = useBasket();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const apply = () => {
    setOpen(false);
    navigate('/sharing/new');
  };
  return (
    <>
      <Button icon={<ShoppingCartOutlined />} onClick={() => setOpen(true)} data-testid="basket-button">
        申请篮 ({entries.length})
      </Button>
      <Drawer
        title="申请篮"
        open={open}
        onClose={() => setOpen(false)}
        size={420}
        extra={
          <Button
            type="primary"
            icon={<FormOutlined />}
            disabled={entries.length === 0}
            onClick={apply}
            data-testid="basket-apply"
          >
            填写申请
          </Button>
        }
        data-testid="basket-drawer"
      >
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
