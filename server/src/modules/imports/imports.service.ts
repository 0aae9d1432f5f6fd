import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'

// Slot registered for issue 7 (see docs/contract.md); the service is being built.
export interface ImportsService extends BackgroundWork {}

export const createImportsService = (_deps: DataTransferDeps): ImportsService => ({
  start: async () => {},
  stop: async () => {},
})
