/** Rows of the sync tables ⇄ the sync ports' records (snake_case SQL, camelCase TS). */
import type { ChannelId } from '../../sync/channel-id.js'
import type { SyncJobStatus } from '../core/sync-job.js'
import type { ChannelStockRules } from '../core/sync-stock-rule.js'
import type { ChannelAccount, OutboxJob, OutboxKind } from '../app/sync/ports.js'

export const ACCOUNT_COLUMNS = `id, kind, name, base_url, credentials_enc, credential_fields::VARCHAR AS credential_fields, settings::VARCHAR AS settings,
  location_map::VARCHAR AS location_map, sku_map::VARCHAR AS sku_map, rules::VARCHAR AS rules, import_interval_s, active, created_at, updated_at`

export interface AccountRow {
  id: string
  kind: string
  name: string
  base_url: string
  credentials_enc: string
  credential_fields: string
  settings: string
  location_map: string
  sku_map: string
  rules: string
  import_interval_s: number
  active: boolean
  created_at: Date
  updated_at: Date
}

export function accountOf(row: AccountRow): { account: ChannelAccount; credentialsEnc: string } {
  return {
    credentialsEnc: row.credentials_enc,
    account: {
      id: row.id,
      kind: row.kind as ChannelId,
      name: row.name,
      baseUrl: row.base_url,
      credentialFields: JSON.parse(row.credential_fields) as string[],
      settings: JSON.parse(row.settings) as ChannelAccount['settings'],
      locationMap: JSON.parse(row.location_map) as ChannelAccount['locationMap'],
      skuMap: JSON.parse(row.sku_map) as Record<string, string>,
      rules: JSON.parse(row.rules) as ChannelStockRules,
      importIntervalSeconds: row.import_interval_s,
      active: row.active,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
  }
}

export const JOB_COLUMNS = `id, channel, account, kind, payload::VARCHAR AS payload, idempotency_key, status, attempts, next_attempt_at, last_error,
  created_at, updated_at, reference, sku`

export interface JobRow {
  id: string
  channel: string
  account: string | null
  kind: string
  payload: string
  idempotency_key: string
  status: string
  attempts: number
  next_attempt_at: Date
  last_error: string | null
  created_at: Date
  updated_at: Date | null
  reference: string | null
  sku: string | null
}

export function jobOf(row: JobRow): OutboxJob {
  return {
    id: row.id,
    channel: row.channel as ChannelId,
    account: row.account,
    kind: row.kind as OutboxKind,
    payload: JSON.parse(row.payload) as unknown,
    idempotencyKey: row.idempotency_key,
    status: row.status as SyncJobStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reference: row.reference,
    sku: row.sku,
  }
}

/** `?` placeholders for a list. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')
