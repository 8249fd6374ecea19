/**
 * Notifications for the staff: written in the transaction that raises them (an escalation,
 * a channel conflict, an unknown SKU) and pushed to open screens after commit.
 */
import { randomUUID } from 'node:crypto'
import type { TxStores } from '../ports.js'
import type { NotificationRecord } from './ports.js'

export async function notify(s: TxStores, n: Omit<NotificationRecord, 'id' | 'createdAt'>, now: Date): Promise<string> {
  const record: NotificationRecord = { id: randomUUID(), createdAt: now, ...n }
  await s.orders.addNotification(record)
  s.publish({ type: 'notification.created', id: record.id, audience: n.audience, severity: n.severity, message: n.message, orderId: n.orderId })
  return record.id
}
