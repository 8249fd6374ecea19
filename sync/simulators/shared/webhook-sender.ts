/**
 * Delivers a simulator's signed webhooks to a configured URL, in the background, with the
 * field's bad habits on demand: the same delivery twice, or two deliveries swapped. Like the
 * real channels it does not wait for us: a failed delivery is logged, not retried forever.
 */
import type { FaultScript } from './faults.js'

export interface WebhookDelivery {
  topic: string
  rawBody: string
  headers: Record<string, string>
}

export interface DeliveryRecord {
  topic: string
  status: number | 'error'
}

export class WebhookSender {
  /** Where deliveries go; undefined = build them but send nothing. */
  url: string | undefined
  readonly delivered: DeliveryRecord[] = []
  private held: WebhookDelivery | undefined
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly faults: FaultScript, url?: string, private readonly timeoutMs = 5000) {
    this.url = url
  }

  /** Queues a delivery, applying scripted duplicate/reorder faults. */
  enqueue(delivery: WebhookDelivery): void {
    if (this.held) {
      const first = this.held
      this.held = undefined
      this.post(delivery)
      this.post(first)
      return
    }
    if (this.faults.takeKind('reorder-webhooks')) {
      this.held = delivery
      return
    }
    this.post(delivery)
    if (this.faults.takeKind('duplicate-webhook')) this.post(delivery)
  }

  /** Resolves when everything queued so far has been attempted (a held delivery is sent). */
  async flush(): Promise<void> {
    if (this.held) {
      const held = this.held
      this.held = undefined
      this.post(held)
    }
    await this.chain
  }

  private post(delivery: WebhookDelivery): void {
    const url = this.url
    if (!url) return
    this.chain = this.chain.then(async () => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.rawBody,
          signal: AbortSignal.timeout(this.timeoutMs),
        })
        await res.arrayBuffer()
        this.delivered.push({ topic: delivery.topic, status: res.status })
      } catch {
        this.delivered.push({ topic: delivery.topic, status: 'error' })
      }
    })
  }
}
