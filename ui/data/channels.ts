import type {
  ChannelAccountDto,
  ChannelAccountList,
  ChannelAccountRequest,
  ChannelKind,
  ChannelStatusDto,
  ConnectionTestDto,
  DeadLettersDto,
  SyncJobDto,
  SyncNowDto,
  SyncRunDto,
} from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

export const CHANNEL_KINDS = ['shopify', 'woocommerce', 'amazon', 'ebay'] as const satisfies readonly ChannelKind[]

export const CHANNEL_LABEL: Record<ChannelKind, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  amazon: 'Amazon',
  ebay: 'eBay',
}

/** The credential fields each channel asks for, with their labels (the appliance's own list is authoritative). */
export const CREDENTIAL_FIELDS: Record<ChannelKind, ReadonlyArray<{ key: string; label: string }>> = {
  shopify: [{ key: 'accessToken', label: 'Admin API access token' }, { key: 'webhookSecret', label: 'App client secret (signs webhooks)' }],
  woocommerce: [{ key: 'consumerKey', label: 'Consumer key' }, { key: 'consumerSecret', label: 'Consumer secret' }, { key: 'webhookSecret', label: 'Webhook secret' }],
  amazon: [{ key: 'clientId', label: 'LWA client id' }, { key: 'clientSecret', label: 'LWA client secret' }, { key: 'refreshToken', label: 'Refresh token' }],
  ebay: [{ key: 'clientId', label: 'App id (client id)' }, { key: 'clientSecret', label: 'Cert id (client secret)' }, { key: 'refreshToken', label: 'User refresh token' }],
}

export const BASE_URL_HINT: Record<ChannelKind, string> = {
  shopify: 'https://your-shop.myshopify.com',
  woocommerce: 'https://www.your-shop.co.uk',
  amazon: 'https://sellingpartnerapi-eu.amazon.com',
  ebay: 'https://api.ebay.com',
}

export interface StatusWithRuns extends ChannelStatusDto {
  runs: SyncRunDto[]
}

export const listChannels = (api: ApiClient) => api.get<ChannelAccountList>('/api/channels')
export const createChannel = (api: ApiClient, body: ChannelAccountRequest) => api.post<ChannelAccountDto>('/api/channels', { json: body })
export const updateChannel = (api: ApiClient, id: string, patch: Partial<ChannelAccountRequest>) =>
  api.request<ChannelAccountDto>('PUT', `/api/channels/${encodeURIComponent(id)}`, { json: patch })
export const testChannel = (api: ApiClient, id: string) => api.post<ConnectionTestDto>(`/api/channels/${encodeURIComponent(id)}/test`)
export const testUnsaved = (api: ApiClient, body: ChannelAccountRequest) => api.post<ConnectionTestDto>('/api/channels/test', { json: body })
export const syncNow = (api: ApiClient, id: string) => api.post<SyncNowDto>(`/api/channels/${encodeURIComponent(id)}/sync`)
export const reconcileNow = (api: ApiClient, id: string) => api.post<{ report: unknown }>(`/api/channels/${encodeURIComponent(id)}/reconcile`)
export const channelStatus = (api: ApiClient, id: string) => api.get<StatusWithRuns>(`/api/channels/${encodeURIComponent(id)}/status`)
export const deadLetters = (api: ApiClient, id: string) => api.get<DeadLettersDto>(`/api/channels/${encodeURIComponent(id)}/dead-letters`)
export const replayJob = (api: ApiClient, jobId: string) => api.post<SyncJobDto>(`/api/sync-jobs/${encodeURIComponent(jobId)}/replay`)
export const discardJob = (api: ApiClient, jobId: string, reason: string) => api.post<SyncJobDto>(`/api/sync-jobs/${encodeURIComponent(jobId)}/discard`, { json: { reason } })
export const refetchOrder = (api: ApiClient, id: string, channelOrderId: string) => api.post<unknown>(`/api/channels/${encodeURIComponent(id)}/refetch`, { json: { channelOrderId } })

/** "just now", "45 s ago", "12 min ago", "3 h ago", "2 days ago"; "never" for null. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never'
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 90) return `${seconds} s ago`
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`
  return `${Math.round(seconds / 86_400)} days ago`
}

/** A wait in words: "2 s", "4 min", "1 h". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 3600)} h`
}

export type Health = 'ok' | 'warning' | 'danger' | 'off'

/**
 * How an account is doing, at a glance: off (inactive or cannot start), danger (dead letters,
 * refused orders, or the last import or push failed after the last success), warning (a
 * backlog older than a minute, or no successful import for three intervals), else ok.
 */
export function health(account: Pick<ChannelAccountDto, 'active' | 'importIntervalSeconds'>, s: ChannelStatusDto): { level: Health; reason: string } {
  if (!account.active) return { level: 'off', reason: 'Switched off' }
  if (!s.running) return { level: 'danger', reason: s.problem ?? 'Not running' }
  const failedSince = (error: { at: string } | null, ok: string | null) => error !== null && (ok === null || Date.parse(error.at) > Date.parse(ok))
  if (s.dead > 0) return { level: 'danger', reason: `${s.dead} change${s.dead === 1 ? '' : 's'} the channel refused` }
  if (s.rejects > 0) return { level: 'danger', reason: `${s.rejects} order${s.rejects === 1 ? '' : 's'} we could not take` }
  if (failedSince(s.lastImportError, s.lastImportAt)) return { level: 'danger', reason: 'The last import failed' }
  if (failedSince(s.lastPushError, s.lastPushAt)) return { level: 'warning', reason: 'Retrying changes the channel did not take' }
  if (s.backlog > 0 && s.lagSeconds > 60) return { level: 'warning', reason: `${s.backlog} change${s.backlog === 1 ? '' : 's'} waiting ${duration(s.lagSeconds)}` }
  if (s.importLagSeconds !== null && s.importLagSeconds > account.importIntervalSeconds * 3 + 60) return { level: 'warning', reason: `No import for ${duration(s.importLagSeconds)}` }
  return { level: 'ok', reason: 'In step' }
}
