/**
 * What each channel needs to connect: its credential fields (validated on the way in, so a
 * saved account always builds a connector: jobs/sync-connectors.ts) and required settings.
 */
import { z } from 'zod'
import type { ChannelId } from '../../../sync/channel-id.js'
import { invalid } from '../../core/errors.js'
import type { AccountSettings } from './ports.js'

const secret = z.string().trim().min(1, 'is required').max(2000)

/** The credential fields of each channel. */
export const CREDENTIAL_SCHEMAS = {
  shopify: z.strictObject({ accessToken: secret, webhookSecret: secret }),
  woocommerce: z.strictObject({ consumerKey: secret, consumerSecret: secret, webhookSecret: secret }),
  amazon: z.strictObject({ clientId: secret, clientSecret: secret, refreshToken: secret }),
  ebay: z.strictObject({ clientId: secret, clientSecret: secret, refreshToken: secret }),
} as const satisfies Record<ChannelId, z.ZodType>

/** Checks credentials for a kind; returns them trimmed, or throws invalid naming the field. */
export function parseCredentials(kind: ChannelId, credentials: unknown): Record<string, string> {
  const result = CREDENTIAL_SCHEMAS[kind].safeParse(credentials)
  if (result.success) return result.data as Record<string, string>
  const issue = result.error.issues[0]
  const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.')
  throw invalid(`${kind} credentials: ${key ?? 'credentials'} ${issue?.code === 'unrecognized_keys' ? 'is not one of its fields' : (issue?.message ?? 'is invalid')}`, `credentials${key ? `.${key}` : ''}`)
}

/** Settings a channel cannot connect without. */
export function checkSettings(kind: ChannelId, settings: AccountSettings): void {
  if (kind === 'amazon' && (!settings.sellerId || !settings.marketplaceId)) throw invalid('An Amazon account needs settings.sellerId and settings.marketplaceId', 'settings')
}
