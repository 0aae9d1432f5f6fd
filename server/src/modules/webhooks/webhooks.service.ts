import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'

// Slot registered for issue 7 (see docs/contract.md); the service is being built.
export interface WebhooksService extends BackgroundWork {}

export const createWebhooksService = (_deps: DataTransferDeps): WebhooksService => ({
  start: async () => {},
  stop: async () => {},
})
