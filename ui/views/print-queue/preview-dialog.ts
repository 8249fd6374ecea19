import { LitElement, css, html, nothing } from 'lit'
import type { PrintJobDto } from '../../../appliance/api/contract.js'
import { canReprint, jobReference, jobKindLabel, previewPath } from '../../data/printing.js'
import type { AppServices } from '../../data/services.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'
import '../../components/receipt-preview.js'
import { dialogStyles } from './dialog-styles.js'

export interface ReprintRequestDetail {
  job: PrintJobDto
}

/** "View": a job's preview (picture or text) in a modal, with its raw bytes and "Reprint". Fires `reprint-job`. */
export class PosPreviewDialog extends LitElement {
  static override properties = {
    services: { attribute: false },
    job: { attribute: false },
    printerName: { type: String, attribute: 'printer-name' },
  }

  declare services: AppServices | undefined
  declare job: PrintJobDto | undefined
  declare printerName: string

  constructor() {
    super()
    this.services = undefined
    this.job = undefined
    this.printerName = ''
  }

  async open(job: PrintJobDto, printerName = job.printer): Promise<void> {
    this.job = job
    this.printerName = printerName
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')
    if (dialog && !dialog.open) dialog.showModal()
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close()
  }

  override render() {
    const job = this.job
    return html`<dialog aria-labelledby="preview-title">
      ${job ? html`<div class="dialog-body">
        <div class="dialog-head">
          <div>
            <h2 id="preview-title">${jobKindLabel(job)}${jobReference(job) ? ` ${jobReference(job)}` : ''}</h2>
            <p class="muted">On ${this.printerName}${job.station ? ` · station ${job.station}` : ''}</p>
          </div>
          <button type="button" class="btn btn-ghost icon-btn close" aria-label="Close" @click=${this.close}>${icon('close')}</button>
        </div>
        <pos-print-preview eager .services=${this.services} .job=${job}></pos-print-preview>
        <div class="dialog-foot">
          <a class="btn btn-ghost raw" href=${this.services?.api.url(previewPath(job.id, 'raw')) ?? previewPath(job.id, 'raw')} download>${icon('download', 18)}Exact bytes</a>
          <span class="spacer"></span>
          ${canReprint(job.status) ? html`<button type="button" class="btn reprint" @click=${this.#reprint}>${icon('copy', 18)}Reprint</button>` : nothing}
          <button type="button" class="btn btn-primary" @click=${this.close}>Done</button>
        </div>
      </div>` : nothing}
    </dialog>`
  }

  #reprint() {
    if (!this.job) return
    this.dispatchEvent(new CustomEvent<ReprintRequestDetail>('reprint-job', { detail: { job: this.job }, bubbles: true, composed: true }))
    this.close()
  }

  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      :host { display: contents; --dialog-width: 620px; }
      pos-print-preview { --preview-max-height: calc(100vh - 19rem); }
      .spacer { flex: 1; }
      .dialog-foot { justify-content: flex-start; }
    `,
  ]
}

customElements.define('pos-preview-dialog', PosPreviewDialog)

declare global {
  interface HTMLElementTagNameMap {
    'pos-preview-dialog': PosPreviewDialog
  }
}
