import { readConfig } from './config.js'
import { createLogger } from './logger.js'
import { startServer } from './server.js'

const config = readConfig()
const logger = createLogger(config.logLevel)

try {
  const server = await startServer({ ...config, logger })
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting')
      process.exit(1)
    }
    stopping = true
    logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  logger.fatal({ err: error }, 'Kezhi CRM could not start')
  process.exitCode = 1
}
