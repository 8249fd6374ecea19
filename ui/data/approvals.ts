import type { ApprovalGrant, ApprovalRequest } from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** A manager's PIN on this screen approves one action; the token is good once. */
export function requestApproval(api: ApiClient, request: ApprovalRequest): Promise<ApprovalGrant> {
  return api.post<ApprovalGrant>('/api/approvals', { json: request })
}
