/**
 * Webhooks from the channels, one address per account. Public (the channel has no session),
 * so the signature is the authentication: verified over the raw bytes exactly as they came
 * (a parsed and re-serialised body would not match). Answered as soon as the event is
 * recorded — the order is fetched afterwards — because channels give up after a few
 * seconds; a repeat of an event already recorded is answered 200 and ignored.
 */
import { z } from 'zod'
import { isChannelError } from '../../../sync/connector.js'
import type { AppDeps } from '../deps.js'
import { problem } from '../error-handler.js'
import { route } from '../route.js'

const Params = z.strictObject({ accountId: z.string().trim().min(2).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'not an account id') })

export const webhookRoutes = (deps: AppDeps) => [
  route({
    method: 'post',
    path: '/api/webhooks/:accountId',
    summary: "A channel's webhook for one account: signature checked over the raw body, deduplicated on the event id",
    roles: 'public',
    params: Params,
    maxBodyBytes: 2 * 1024 * 1024,
    async handler({ c, params }) {
      const raw = new Uint8Array(await c.req.arrayBuffer())
      try {
        const outcome = await deps.sync.control.webhook(params.accountId, raw, c.req.raw.headers)
        return c.json(outcome, 200)
      } catch (error) {
        if (!isChannelError(error)) throw error
        if (error.kind === 'auth') return problem(c, 401, 'bad_signature', 'The webhook signature does not match its body.')
        if (error.kind === 'unsupported') return problem(c, 404, 'not_found', error.message)
        if (error.kind === 'contract' || error.kind === 'invalid') return problem(c, 400, 'invalid_input', error.message)
        // Could not verify for now (the channel's signing key was unreachable): the channel retries.
        return problem(c, 503, 'unavailable', error.message)
      }
    },
  }),
]
