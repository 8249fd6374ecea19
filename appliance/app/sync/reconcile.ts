/**
 * The scheduled full reconciliation: read what the channel advertises, compare it with what
 * the rules say it should, report the drift and queue pushes to fix it. Drift happens —
 * a missed webhook, a manual edit in the channel's admin, an asynchronous update that never
 * landed — and only reading back finds it.
 */
import type { ChannelConnector } from '../../../sync/connector.js'
import { channelAvailable, ruleFor, type PooledLevel } from '../../core/sync-stock-rule.js'
import type { ChannelAccount, StockStateRecord } from './ports.js'

export interface Drift {
  sku: string
  channel: number
  ours: number
}

export interface ReconcileReport {
  checked: number
  notListed: number
  drift: Drift[]
  /** SKUs skipped because a push for them is still on its way. */
  inFlight: number
}

export interface ReconcileContext {
  account: ChannelAccount
  connector: ChannelConnector
  levels(skus: readonly string[]): Promise<Map<string, PooledLevel>>
  /** SKUs with a stock job waiting or being sent. */
  outstanding: ReadonlySet<string>
  /** For channels that apply pushes later (Amazon): SKUs pushed so recently that a difference is just lag. */
  recentlyPushed: ReadonlySet<string>
}

/** The SKUs to check: the mapped ones, plus (scope "all") every SKU the channel is known to list. */
export function skusToCheck(account: ChannelAccount, known: ReadonlyMap<string, StockStateRecord>): string[] {
  const skus = new Set(Object.keys(account.skuMap))
  if (account.rules.scope === 'all') for (const [sku, state] of known) if (state.listed) skus.add(sku)
  return [...skus].sort()
}

export async function reconcile(ctx: ReconcileContext, skus: readonly string[]): Promise<{ report: ReconcileReport; states: StockStateRecord[]; toPush: string[] }> {
  const { account } = ctx
  const theirs = (sku: string) => account.skuMap[sku] ?? sku
  const check = skus.filter((sku) => !ctx.outstanding.has(sku) && !(ctx.connector.capabilities.stockAsync && ctx.recentlyPushed.has(sku)))
  const report: ReconcileReport = { checked: check.length, notListed: 0, drift: [], inFlight: skus.length - check.length }
  if (check.length === 0) return { report, states: [], toPush: [] }
  const [read, levels] = await Promise.all([ctx.connector.readStockLevels(check.map(theirs)), ctx.levels(check)])
  const held = new Map(read.map((l) => [l.sku, l.available]))
  const states: StockStateRecord[] = []
  const toPush: string[] = []
  for (const sku of check) {
    const channel = held.get(theirs(sku)) ?? null
    if (channel === null) {
      report.notListed += 1
      states.push({ sku, available: null, listed: false })
      continue
    }
    states.push({ sku, available: channel, listed: true })
    const ours = channelAvailable(levels.get(sku) ?? { onHand: 0, allocated: 0 }, ruleFor(account.rules, sku))
    if (channel !== ours) {
      report.drift.push({ sku, channel, ours })
      toPush.push(sku)
    }
  }
  return { report, states, toPush }
}
