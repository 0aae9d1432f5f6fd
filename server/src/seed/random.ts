/**
 * The deterministic dice behind the demo data: the same seed gives the same customers, orders and notes on
 * every machine, so a demo and a bug report describe the same records.
 */
export const demoDice = (seed: number) => {
  let state = seed >>> 0
  // mulberry32: small, fast and well spread; nothing here needs cryptographic randomness.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const weighted = <T>(entries: readonly [T, number][]): T => {
    let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0)
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    return entries[entries.length - 1]![0]
  }
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const digits = (length: number) => Array.from({ length }, () => Math.floor(random() * 10)).join('')
  return { random, pick, weighted, between, digits }
}
