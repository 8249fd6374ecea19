import type { BackupInfo } from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

export async function listBackups(api: ApiClient): Promise<BackupInfo[]> {
  const answer = await api.get<{ items: BackupInfo[] }>('/api/backups')
  return answer.items
}

/**
 * `POST /api/backups` answers 202 and reports progress on `backup.progress`. The contract
 * does not type the 202 body; we read `name` from it when present to follow that backup.
 */
export async function startBackup(api: ApiClient): Promise<{ name?: string }> {
  const answer = await api.post<unknown>('/api/backups')
  if (answer && typeof answer === 'object' && 'name' in answer && typeof answer.name === 'string') {
    return { name: answer.name }
  }
  return {}
}
