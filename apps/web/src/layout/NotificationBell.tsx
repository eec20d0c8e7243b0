import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useNotifyError } from '../api/useNotifyError';
import { chinaDateTime } from '../applications/application-format';
import './notification-bell.css';

/** A notice of GET /api/me/notifications (review due, approved, ready for pick-up, …). */
interface Notice {
  id: string;
  title: string;
  body: string;
  /** a route of this app, e.g. /applications/{id} */
  link: string | null;
  createdAt: string;
  read: boolean;
}

interface Notices {
  unread: number;
  items: Notice[];
}

/** New notices show up within this long (ms) without a page change. */
const POLL_MS = 60_000;

const markRead = (id?: string) => api.post<void>('/api/me/notifications/read', id ? { id } : {});

/** Header bell: the unread count, the latest notices; a click opens the notice's page and marks it read. */
export function NotificationBell() {
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [notices, setNotices] = useState<Notices>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);

  // A background poll: a failed one stays silent, the next one retries.
  const refresh = useCallback(() => {
    api.get<Notices>('/api/me/notifications').then(setNotices, () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const show = (n: Notice) => {
    setOpen(false);
    if (!n.read) markRead(n.id).then(refresh, notifyError);
    if (n.link) navigate(n.link);
  };
  const readAll = () => markRead().then(refresh, notifyError);

  const list =
    notices.items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
    ) : (
      <div className="notification-list" data-testid="notification-list">
        {notices.items.map((n) => (
          // biome-ignore lint/a11y/useSemanticElements: a list entry holding block content, not a form button
          <div
            key={n.id}
            role="button"
            tabIndex={0}
            className={n.read ? 'notification-item' : 'notification-item notification-unread'}
            onClick={() => show(n)}
            onKeyDown={(e) => e.key === 'Enter' && show(n)}
            data-testid="notification-item"
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong={!n.read}>
                {!n.read && <Badge status="processing" />} {n.title}
              </Typography.Text>
              <Typography.Text type="secondary" className="notification-time">
                {chinaDateTime(n.createdAt)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary">{n.body}</Typography.Text>
          </div>
        ))}
      </div>
    );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) refresh();
      }}
      title={
        <Flex justify="space-between" align="center">
          消息通知
          <Button
            type="link"
            size="small"
            disabled={notices.unread === 0}
            onClick={readAll}
            data-testid="notifications-read-all"
          >
            全部已读
          </Button>
        </Flex>
      }
      content={list}
    >
      <Badge count={notices.unread} size="small" data-testid="notifications-count">
        <Button icon={<BellOutlined />} aria-label="消息通知" data-testid="notifications-bell" />
      </Badge>
    </Popover>
  );
}
