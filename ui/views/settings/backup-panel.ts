import { LitElement, css, html, nothing } from 'lit'
import { Task, initialState } from '@lit/task'
import type { ServerEvents } from '../../../appliance/api/contract.js'
import { listBackups, startBackup } from '../../data/backups.js'
import { formatBytes, formatDateTime } from '../../data/format.js'
import type { AppServices } from '../../data/services.js'
import { emptyState, errorAlert, feedbackStyles, successAlert } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

type BackupProgress = Parameters<ServerEvents['backup.progress']>[0]

/** Backups for managers: "Back up now" with live progress, and the list of backups. */
export class PosBackupPanel extends LitElement {
  static override properties = {
    services: { attribute: false },
    starting: { state: true },
    progress: { state: true },
    finished: { state: true },
    error: { state: true },
  }

  declare services: AppServices | undefined
  declare starting: boolean
  declare progress: BackupProgress | undefined
  declare finished: string | undefined
  declare error: unknown

  /** The backup we started, once the 202 names it. */
  #following: string | undefined
  #unsubscribe: (() => void) | undefined
  #list = new Task(this, {
    task: async ([services]) => (services ? listBackups(services.api) : initialState),
    args: () => [this.services] as const,
  })

  constructor() {
    super()
    this.services = undefined
    this.starting = false
    this.progress = undefined
    this.finished = undefined
    this.error = undefined
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  override render() {
    const running = this.starting || (this.progress !== undefined && this.progress.done < this.progress.total)
    return html`<section class="card" aria-labelledby="backups-title">
      <div class="head">
        <div><h2 id="backups-title">Backups</h2><p class="muted">A copy of the shop's database, kept on this appliance.</p></div>
        <button class="btn btn-primary" ?disabled=${running} @click=${this.#backUp}>${icon('download')}${running ? 'Backing up…' : 'Back up now'}</button>
      </div>
      ${this.progress && running ? this.#progressBar(this.progress) : nothing}
      ${this.finished ? successAlert(this.finished) : nothing}
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.#list.render({
        pending: () => html`<p class="muted" role="status">Loading backups…</p>`,
        complete: (items) => items.length === 0
          ? emptyState({ icon: 'box', title: 'No backups yet', body: 'Back up now, or wait for the nightly backup.' })
          : html`<div class="table-wrap"><table>
              <thead><tr><th scope="col">Backup</th><th scope="col">Made</th><th scope="col" class="num">Size</th></tr></thead>
              <tbody>${items.map((b) => html`<tr><td class="mono">${b.name}</td><td>${formatDateTime(b.createdAt)}</td>
                <td class="num">${formatBytes(b.sizeBytes)}</td></tr>`)}</tbody>
            </table></div>`,
        error: (error) => errorAlert(error, html`<button class="btn" @click=${() => this.#list.run()}>Try again</button>`),
      })}
    </section>`
  }

  #progressBar(p: BackupProgress) {
    return html`<div class="progress">
      <div class="row between"><span id="backup-step" class="label">${p.step}</span>
        <span class="muted">${p.total > 0 ? `${Math.floor((p.done / p.total) * 100)}%` : ''}</span></div>
      <progress aria-labelledby="backup-step" max=${Math.max(p.total, 1)} .value=${p.done}></progress>
    </div>`
  }

  async #backUp() {
    const services = this.services
    if (!services) return
    this.starting = true
    this.error = undefined
    this.finished = undefined
    this.progress = undefined
    this.#following = undefined
    this.#unsubscribe?.()
    this.#unsubscribe = services.realtime.on('backup.progress', (p) => this.#onProgress(p))
    try {
      const { name } = await startBackup(services.api)
      this.#following = name
    } catch (error) {
      this.error = error
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
    } finally {
      this.starting = false
    }
  }

  #onProgress(p: BackupProgress) {
    if (this.#following && p.name !== this.#following && p.name !== 'failed') return
    if (p.name === 'failed' || p.step.startsWith('failed')) {
      // The appliance reports a failed backup as a progress step (see routes/backups.ts).
      this.progress = undefined
      this.error = new Error(`The backup failed: ${p.step.replace(/^failed:\s*/, '')}`)
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
      return
    }
    this.progress = p
    if (p.total > 0 && p.done >= p.total) {
      this.finished = `Backup ${p.name} is done.`
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
      void this.#list.run()
    }
  }

  static override styles = [
    baseStyles,
    feedbackStyles,
    css`
      :host { display: block; }
      section { display: grid; gap: 1rem; }
      .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; }
      .head h2 { margin-bottom: 0.3rem; }
      .progress { display: grid; gap: 0.4rem; }
      .between { justify-content: space-between; }
    `,
  ]
}

customElements.define('pos-backup-panel', PosBackupPanel)

declare global {
  interface HTMLElementTagNameMap {
    'pos-backup-panel': PosBackupPanel
  }
}
