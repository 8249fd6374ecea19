import type { CatalogueImportJob } from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** Uploads a CSV file as the request body; the appliance answers 202 with the job. */
export function startCatalogueImport(api: ApiClient, file: Blob): Promise<CatalogueImportJob> {
  return api.post<CatalogueImportJob>('/api/catalogue/import', { body: file, contentType: 'text/csv' })
}

export function getCatalogueImport(api: ApiClient, id: string): Promise<CatalogueImportJob> {
  return api.get<CatalogueImportJob>(`/api/catalogue/imports/${encodeURIComponent(id)}`)
}

export const CATALOGUE_EXPORT_PATH = '/api/catalogue/export'

/** The newer of two views of one job: events and polls can arrive out of order. */
export function newerJob(a: CatalogueImportJob | null, b: CatalogueImportJob): CatalogueImportJob {
  if (!a || a.id !== b.id) return b
  if (a.status !== 'running') return a
  if (b.status !== 'running') return b
  return b.processedRows >= a.processedRows ? b : a
}
