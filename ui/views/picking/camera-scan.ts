import { LitElement, css, html, nothing } from 'lit'
import { errorAlert, feedbackStyles } from '../../components/feedback.js'
import { icon } from '../../components/icons.js'
import { baseStyles } from '../../components/styles.js'

/** The part of the Shape Detection API used here (Chrome on Android and ChromeOS; not in every browser). */
interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike

const detectorClass = (): BarcodeDetectorCtor | undefined => (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector

/** The same code seen again within this long is the same scan (the camera sees it many times a second). */
const REPEAT_MS = 1500

/**
 * Scanning with the device's camera, for a phone or tablet with no wedge scanner: a
 * "Camera" button that opens the rear camera and fires `camera-scan` (detail: the code) for
 * each barcode it reads. Shown only where the browser can read barcodes (BarcodeDetector)
 * and has a camera API; elsewhere it renders nothing and the wedge scanner or typing is used.
 */
export class PosCameraScan extends LitElement {
  static override properties = {
    open: { state: true },
    error: { state: true },
  }

  declare open: boolean
  declare error: unknown

  #stream: MediaStream | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #last = { code: '', at: 0 }

  constructor() {
    super()
    this.open = false
    this.error = undefined
  }

  static get supported(): boolean {
    return detectorClass() !== undefined && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.#stop()
  }

  override render() {
    if (!PosCameraScan.supported) return nothing
    return html`<button type="button" class="btn" aria-pressed=${this.open ? 'true' : 'false'} @click=${() => (this.open ? this.#stop() : void this.#start())}>
        ${icon('scan', 18)}${this.open ? 'Stop camera' : 'Camera'}</button>
      ${this.error ? errorAlert(this.error) : nothing}
      ${this.open ? html`<video playsinline muted aria-label="Camera view: point it at a barcode"></video>` : nothing}`
  }

  async #start() {
    const Detector = detectorClass()
    if (!Detector) return
    this.error = undefined
    try {
      this.#stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      this.open = true
      await this.updateComplete
      const video = this.renderRoot.querySelector('video')
      if (!video) return this.#stop()
      video.srcObject = this.#stream
      await video.play()
      this.#loop(new Detector(), video)
    } catch (error) {
      this.#stop()
      this.error = error instanceof DOMException && error.name === 'NotAllowedError' ? new Error('The camera is blocked: allow it in the browser’s site settings.') : error
    }
  }

  #loop(detector: BarcodeDetectorLike, video: HTMLVideoElement) {
    this.#timer = setTimeout(async () => {
      if (!this.open) return
      try {
        const [found] = await detector.detect(video)
        const now = performance.now()
        if (found?.rawValue && (found.rawValue !== this.#last.code || now - this.#last.at > REPEAT_MS)) {
          this.#last = { code: found.rawValue, at: now }
          this.dispatchEvent(new CustomEvent<string>('camera-scan', { detail: found.rawValue, bubbles: true, composed: true }))
        } else if (found?.rawValue) this.#last.at = now
      } catch {
        // A frame that could not be read: try the next one.
      }
      this.#loop(detector, video)
    }, 200)
  }

  #stop() {
    clearTimeout(this.#timer)
    this.#stream?.getTracks().forEach((t) => t.stop())
    this.#stream = undefined
    this.open = false
  }

  static override styles = [baseStyles, feedbackStyles, css`
    :host { display: contents; }
    video { width: 100%; max-height: 40vh; border-radius: var(--pos-radius); background: #000; grid-column: 1 / -1; }
  `]
}

customElements.define('pos-camera-scan', PosCameraScan)

declare global {
  interface HTMLElementTagNameMap {
    'pos-camera-scan': PosCameraScan
  }
}
