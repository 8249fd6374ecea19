/** The backup port: a consistent snapshot of the whole database, with progress. */

export interface BackupProgress {
  name: string
  step: string
  done: number
  total: number
}

export interface BackupSummary {
  name: string
  path: string
  createdAt: string
  schemaVersion: number
  tables: Record<string, number>
  sizeBytes: number
}

export interface BackupService {
  /** Writes a snapshot to the backup directory; `onProgress` hears each table as it is written. */
  create(onProgress?: (p: BackupProgress) => void): Promise<BackupSummary>
  list(): Promise<Array<{ name: string; createdAt: string; sizeBytes: number }>>
}
