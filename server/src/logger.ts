import { pino, type Logger } from 'pino'
import type { Config } from './config.js'

/** The process logger. Credentials in request headers never reach the log. */
export const createLogger = (level: Config['logLevel']): Logger =>
  pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  })
