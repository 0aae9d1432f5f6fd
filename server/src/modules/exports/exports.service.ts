import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'

// Slot registered for issue 7 (see docs/contract.md); the service is being built.
export interface ExportsService extends BackgroundWork {}

export const createExportsService = (_deps: DataTransferDeps): ExportsService => ({
  start: async () => {},
  stop: async () => {},
})
