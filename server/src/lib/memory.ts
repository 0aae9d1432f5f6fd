/**
 * A full garbage collection, when the server runs with `--expose-gc` (as `pnpm start` and `pnpm --filter
 * @kezhi/server start` run it); without the flag (tests, a bare `node dist/main.js`) nothing happens.
 *
 * Jobs that stream many rows call it at their checkpoints. Left alone, V8 lets the short-lived objects of a long
 * export or import pile up in old space for hundreds of MiB before it collects them (a machine with plenty of memory
 * gets a high heap limit), so the process would grow with the size of the file. A collection every few thousand rows
 * costs a few milliseconds and keeps the process near its idle size.
 */
export const collectGarbage = (): void => {
  ;(globalThis as { gc?: () => void }).gc?.()
}

/** The node flags the product's server runs with (`pnpm start`, the server's `start` script, the benchmarks). */
export const serverNodeFlags: readonly string[] = ['--expose-gc']
