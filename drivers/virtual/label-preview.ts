/**
 * ZPL label preview as PNG, offline: zpl-renderer-js is a WASM build of the zebrash
 * ZPL engine with the WASM inlined in the module (~9 MB). It is imported on first use
 * (about 0.2 s) and its first render warms the engine up (about 0.5 s); later renders
 * of a 4x6 label take tens of milliseconds. Nothing is fetched from the network.
 */
import { createRequire } from 'node:module'
import { InvalidOptionsError } from '../errors.js'

export interface LabelPreviewOptions {
  /** Dots per millimetre: 8 for 203 dpi, 12 for 300 dpi. */
  dpmm?: number
  /** Label size; read from ^PW and ^LL in the ZPL when not given. */
  widthMm?: number
  heightMm?: number
}

type ZplApi = { zplToBase64Async(zpl: string, widthMm?: number, heightMm?: number, dpmm?: number): Promise<string> }
let api: Promise<ZplApi> | undefined

function loadApi(): Promise<ZplApi> {
  // The CommonJS build, through require: the package's "import" build is an .esm.js file
  // without "type": "module", which bundlers and test runners re-transform (9 MB of it).
  api ??= Promise.resolve()
    .then(() => createRequire(import.meta.url)('zpl-renderer-js') as { ready: Promise<{ api: ZplApi }> })
    .then(async (m) => (await m.ready).api)
  return api
}

/** Renders the first label of a ZPL document to PNG bytes. */
export async function renderZplPng(zpl: string, { dpmm = 8, widthMm, heightMm }: LabelPreviewOptions = {}): Promise<Buffer> {
  if (!zpl.includes('^XA')) throw new InvalidOptionsError('ZPL must contain a label (^XA … ^XZ)')
  const pw = Number(/\^PW(\d+)/.exec(zpl)?.[1] ?? NaN)
  const ll = Number(/\^LL(\d+)/.exec(zpl)?.[1] ?? NaN)
  const width = widthMm ?? (Number.isFinite(pw) ? pw / dpmm : 101.6)
  const height = heightMm ?? (Number.isFinite(ll) ? ll / dpmm : 152.4)
  const base64 = await (await loadApi()).zplToBase64Async(zpl, width, height, dpmm)
  return Buffer.from(base64, 'base64')
}
