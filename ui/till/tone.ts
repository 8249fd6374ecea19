/**
 * Short beeps for the till: a low double buzz for an error (unknown barcode), a high chirp
 * for a good scan. Web Audio, created on first use (browsers allow it after a key press);
 * where there is no audio the till still shows the message, so failures are ignored.
 */
let context: AudioContext | undefined

function beep(frequency: number, startAt: number, seconds: number, type: OscillatorType): void {
  if (!context) return
  const oscillator = context.createOscillator()
  const gain = context.createGain()
  oscillator.type = type
  oscillator.frequency.value = frequency
  gain.gain.setValueAtTime(0.15, context.currentTime + startAt)
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + startAt + seconds)
  oscillator.connect(gain).connect(context.destination)
  oscillator.start(context.currentTime + startAt)
  oscillator.stop(context.currentTime + startAt + seconds)
}

function play(tones: Array<[frequency: number, startAt: number, seconds: number]>, type: OscillatorType): void {
  try {
    context ??= new AudioContext()
    for (const [f, at, s] of tones) beep(f, at, s, type)
  } catch {
    // No audio device: the on-screen message is enough.
  }
}

/** The error tone: two low square-wave buzzes. */
export const errorTone = () => play([[220, 0, 0.12], [180, 0.16, 0.18]], 'square')

/** The good-scan chirp. */
export const okTone = () => play([[1760, 0, 0.05]], 'sine')
