import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { createDataCipher } from '../../src/lib/crypto.js'
import { createGenerator, loadedTables, type LoadedTable, type Reference, type SampledCustomer } from './generate.js'

/**
 * Generation runs in worker threads, one per partition of the customers: pinyin, AES-GCM and ten HMACs per phone
 * keep one thread busy far longer than PostgreSQL needs to take the rows. The main thread only feeds COPY.
 */

export interface PartitionJob {
  customers: number
  orders: number
  reference: Reference
  sampleEvery: number
  partition: { index: number; first: number; count: number }
  dataKeyHex: string
}

export type WorkerMessage =
  | { kind: 'rows'; rows: Record<LoadedTable, string>; generated: number }
  | { kind: 'done'; sampled: SampledCustomer[]; pinyinChecked: number }

/** Batches a worker may have sent before the main thread has written them (bounds memory). */
const batchesInFlight = 4
const customersPerBatch = 1_000

export const startPartitionWorker = (job: PartitionJob): Worker => {
  // Workers do not inherit tsx's loader; register it before importing this very file.
  const loader = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(loader)}).then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}) })`
  return new Worker(bootstrap, { eval: true, workerData: job })
}

const runPartition = async (job: PartitionJob) => {
  const port = parentPort
  if (port === null) throw new Error('runPartition must run in a worker thread')
  const generator = createGenerator({
    customers: job.customers,
    orders: job.orders,
    cipher: createDataCipher(Buffer.from(job.dataKeyHex, 'hex')),
    reference: job.reference,
    sampleEvery: job.sampleEvery,
    partition: job.partition,
  })
  let unacknowledged = 0
  let wakeUp: (() => void) | null = null
  port.on('message', () => {
    unacknowledged -= 1
    wakeUp?.()
  })
  const end = job.partition.first + job.partition.count
  for (let first = job.partition.first; first < end; first += customersPerBatch) {
    const parts = Object.fromEntries(loadedTables.map((table) => [table, [] as string[]])) as Record<LoadedTable, string[]>
    const last = Math.min(end, first + customersPerBatch)
    for (let index = first; index < last; index += 1) {
      const rows = generator.customer(index)
      for (const table of loadedTables) if (rows[table] !== '') parts[table].push(rows[table])
    }
    const rows = Object.fromEntries(loadedTables.map((table) => [table, parts[table].join('')])) as Record<LoadedTable, string>
    while (unacknowledged >= batchesInFlight) await new Promise<void>((resolve) => (wakeUp = resolve))
    unacknowledged += 1
    port.postMessage({ kind: 'rows', rows, generated: last - first } satisfies WorkerMessage)
  }
  port.postMessage({ kind: 'done', sampled: generator.sampled, pinyinChecked: generator.checkPinyin() } satisfies WorkerMessage)
  port.close()
}

if (!isMainThread && (workerData as PartitionJob | undefined)?.partition !== undefined) {
  await runPartition(workerData as PartitionJob)
}
