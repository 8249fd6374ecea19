/**
 * Channel accounts: add and change them (managers, audited), credentials sealed before they
 * reach the database and never read back out through the API — only which fields are set.
 */
import type { ChannelId } from '../../../sync/channel-id.js'
import { conflict, invalid, notFound } from '../../core/errors.js'
import { checkRule, DEFAULT_STOCK_RULES, type ChannelStockRules, type StockRule } from '../../core/sync-stock-rule.js'
import type { Actor, TxStores } from '../ports.js'
import { checkSettings, parseCredentials } from './connectors.js'
import type { AccountSettings, ChannelAccount, LocationMap } from './ports.js'

/** Seals and opens credentials (secrets/secret-box.ts). */
export interface CredentialBox {
  sealJson(value: unknown, context: string): string
  openJson<T = unknown>(sealed: string, context: string): T
}

export interface AccountInput {
  id?: string
  kind: ChannelId
  name: string
  baseUrl: string
  credentials: Record<string, string>
  settings?: AccountSettings
  locationMap?: Partial<LocationMap>
  skuMap?: Record<string, string>
  rules?: Partial<ChannelStockRules>
  importIntervalSeconds?: number
  active?: boolean
}

/** A change: every field optional; credentials merge field by field (omit one to keep it). */
export type AccountPatch = Partial<Omit<AccountInput, 'id' | 'kind'>>

export const DEFAULT_IMPORT_INTERVAL_S = 60

export async function createAccount(s: TxStores, box: CredentialBox, input: AccountInput, actor: Actor | null, now: Date): Promise<ChannelAccount> {
  const id = input.id ?? (await freeId(s, input.kind))
  if (await s.sync.account(id)) throw conflict(`There is already a channel account "${id}"`, 'id')
  const credentials = parseCredentials(input.kind, input.credentials)
  const account: ChannelAccount = {
    id, kind: input.kind, name: input.name.trim(), baseUrl: checkUrl(input.baseUrl), credentialFields: Object.keys(credentials).sort(),
    settings: input.settings ?? {}, locationMap: { from: input.locationMap?.from ?? [], ...(input.locationMap?.channelLocation ? { channelLocation: input.locationMap.channelLocation } : {}) },
    skuMap: input.skuMap ?? {}, rules: rulesOf(input.rules), importIntervalSeconds: input.importIntervalSeconds ?? DEFAULT_IMPORT_INTERVAL_S,
    active: input.active ?? true, createdAt: now, updatedAt: now,
  }
  await check(s, account)
  await s.sync.saveAccount(account, box.sealJson(credentials, id))
  await s.audit.record({ action: 'channel.account_created', actor, entity: 'channel_account', entityId: id, details: summary(account), occurredAt: now })
  return account
}

export async function updateAccount(s: TxStores, box: CredentialBox, id: string, patch: AccountPatch, actor: Actor, now: Date): Promise<ChannelAccount> {
  const found = await s.sync.account(id)
  if (!found) throw notFound(`There is no channel account "${id}"`, 'id')
  const before = found.account
  let sealed = found.credentialsEnc
  let credentialFields = before.credentialFields
  if (patch.credentials && Object.keys(patch.credentials).length) {
    const merged = { ...box.openJson<Record<string, string>>(found.credentialsEnc, id), ...patch.credentials }
    const credentials = parseCredentials(before.kind, merged)
    sealed = box.sealJson(credentials, id)
    credentialFields = Object.keys(credentials).sort()
  }
  const account: ChannelAccount = {
    ...before,
    name: patch.name?.trim() ?? before.name,
    baseUrl: patch.baseUrl === undefined ? before.baseUrl : checkUrl(patch.baseUrl),
    credentialFields,
    settings: patch.settings ?? before.settings,
    locationMap: patch.locationMap ? { from: patch.locationMap.from ?? before.locationMap.from, ...(patch.locationMap.channelLocation ? { channelLocation: patch.locationMap.channelLocation } : {}) } : before.locationMap,
    skuMap: patch.skuMap ?? before.skuMap,
    rules: patch.rules ? rulesOf({ ...before.rules, ...patch.rules }) : before.rules,
    importIntervalSeconds: patch.importIntervalSeconds ?? before.importIntervalSeconds,
    active: patch.active ?? before.active,
    updatedAt: now,
  }
  await check(s, account)
  await s.sync.saveAccount(account, sealed)
  // What the channel should hold (or which shop it is) may have changed: push every SKU in scope again.
  const moved = patch.baseUrl !== undefined && account.baseUrl !== before.baseUrl
  if (patch.rules || patch.skuMap || patch.locationMap || moved || (patch.active && !before.active)) await s.sync.resetStockWatermarks(id)
  const changed = Object.keys(patch).filter((k) => k !== 'credentials' || Object.keys(patch.credentials ?? {}).length)
  await s.audit.record({ action: 'channel.account_changed', actor, entity: 'channel_account', entityId: id, details: { ...summary(account), changed }, occurredAt: now })
  return account
}

/** The stock rules with defaults filled in and their numbers checked. */
export function rulesOf(rules: Partial<ChannelStockRules> | undefined): ChannelStockRules {
  const out: ChannelStockRules = { default: rules?.default ?? DEFAULT_STOCK_RULES.default, skus: rules?.skus ?? {}, scope: rules?.scope ?? 'all' }
  checkRule(out.default, 'rules.default')
  for (const [sku, rule] of Object.entries(out.skus)) checkRule(rule as StockRule, `rules.skus.${sku}`)
  return out
}

async function check(s: TxStores, account: ChannelAccount): Promise<void> {
  checkSettings(account.kind, account.settings)
  for (const [i, location] of account.locationMap.from.entries()) {
    if (!(await s.catalogue.locationExists(location))) throw notFound(`There is no stock location "${location}"`, `locationMap.from.${i}`)
  }
  const channelSkus = new Map<string, string>()
  for (const [ours, theirs] of Object.entries(account.skuMap)) {
    const other = channelSkus.get(theirs)
    if (other) throw invalid(`${ours} and ${other} both map to the channel's SKU "${theirs}"`, `skuMap.${ours}`)
    channelSkus.set(theirs, ours)
  }
}

function checkUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw invalid('The base URL is not a web address (https://…)', 'baseUrl')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('The base URL must start https:// (or http:// for a simulator)', 'baseUrl')
  if (url.username || url.password) throw invalid('Put credentials in the credentials fields, not in the URL', 'baseUrl')
  return url.toString().replace(/\/+$/, '')
}

async function freeId(s: TxStores, kind: ChannelId): Promise<string> {
  for (let n = 1; ; n++) if (!(await s.sync.account(`${kind}-${n}`))) return `${kind}-${n}`
}

const summary = (a: ChannelAccount) => ({ kind: a.kind, name: a.name, baseUrl: a.baseUrl, credentialFields: a.credentialFields, locationMap: a.locationMap, rules: a.rules, active: a.active })
