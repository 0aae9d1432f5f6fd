import { Router } from 'express'
import type { WebhooksService } from './webhooks.service.js'

/** Mounted at /webhooks. */
export const webhooksRouter = (_service: WebhooksService): Router => Router()
