import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { notificationRepository, type Recipients } from './notification.repository.js';

/**
 * In-app notices (review reminders, overdue escalation, pick-up notices). Written inside the use case's transaction,
 * so a notice exists exactly when the change that caused it does.
 */
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  notify(tx: Queryable, to: Recipients, n: { title: string; body: string; link?: string }): Promise<number> {
    return notificationRepository.insert(tx, to, { ...n, link: n.link ?? null }, this.clock.now());
  }

  async mine(userId: string, unreadOnly: boolean) {
    const [items, unread] = await Promise.all([
      notificationRepository.list(this.db, userId, unreadOnly),
      notificationRepository.unreadCount(this.db, userId),
    ]);
    return {
      unread,
      items: items.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.created_at.toISOString(),
        read: n.read_at !== null,
      })),
    };
  }

  markRead(userId: string, id: string | null): Promise<void> {
    return notificationRepository.markRead(this.db, userId, id, this.clock.now());
  }
}
