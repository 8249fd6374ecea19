/**
 * The two integer operations every money rule in a sale is built from. Nothing here
 * touches floating point: products that could pass 2^53 (an amount times a weight) are
 * done in bigint and only the result, always within ±MAX_MINOR, comes back as a number.
 */

/** Basis points in a whole: 10 000 bp = 100 %. Rates and percentages are integers in bp. */
export const BP_WHOLE = 10_000

/**
 * `numerator / denominator` rounded to the nearest integer, halves away from zero
 * (so for the non-negative amounts of a sale this is plain round-half-up, and a refund
 * of the same figures rounds to exactly the negated amount). `denominator` must be > 0.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive')
  const negative = numerator < 0n
  const abs = negative ? -numerator : numerator
  const quotient = (abs * 2n + denominator) / (denominator * 2n)
  return negative ? -quotient : quotient
}

/** `value × bp / 10 000`, rounded half up: the share of an amount a percentage stands for. */
export function percentOf(value: number, bp: number): number {
  return Number(divRoundHalfUp(BigInt(value) * BigInt(bp), BigInt(BP_WHOLE)))
}

/**
 * Splits `amount` (≥ 0) across `weights` (each ≥ 0) in proportion, by the
 * largest-remainder method, so the shares sum to `amount` exactly:
 *
 * 1. every share starts at ⌊amount × weightᵢ / Σweights⌋;
 * 2. the pennies still to place (always fewer than the number of shares with a
 *    non-zero remainder) go one each to the shares with the largest remainders
 *    `amount × weightᵢ mod Σweights`; ties go to the earlier position.
 *
 * When `amount ≤ Σweights` no share exceeds its weight, so a discount split this way
 * can never make a line negative. A zero weight always gets zero. Throws when
 * `amount > 0` but every weight is zero (there is nothing to split it across).
 */
export function apportion(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative integer')
  const total = weights.reduce((sum, w) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError('weights must be non-negative integers')
    return sum + BigInt(w)
  }, 0n)
  if (amount === 0) return weights.map(() => 0)
  if (total === 0n) throw new RangeError('cannot apportion an amount across zero weights')

  const big = BigInt(amount)
  const shares: number[] = []
  const remainders: { index: number; remainder: bigint }[] = []
  let placed = 0
  weights.forEach((w, index) => {
    const product = big * BigInt(w)
    const share = Number(product / total)
    shares.push(share)
    placed += share
    remainders.push({ index, remainder: product % total })
  })
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (let i = 0; i < amount - placed; i++) {
    const target = remainders[i]
    if (target === undefined) throw new RangeError('apportion ran out of shares') // unreachable: see step 2
    shares[target.index] = (shares[target.index] ?? 0) + 1
  }
  return shares
}
