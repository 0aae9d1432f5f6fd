import { once } from 'node:events'
import { createServer } from 'node:net'

/** A port nothing listens on right now, for a server started as a child process (tests, benchmarks). */
export const freePort = async (): Promise<number> => {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}
