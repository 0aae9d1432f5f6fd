import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'

// Slot registered for issue 7 (see docs/contract.md); the service is being built.
export interface BackupsService extends BackgroundWork {}

export const createBackupsService = (_deps: DataTransferDeps): BackupsService => ({
  start: async () => {},
  stop: async () => {},
})
