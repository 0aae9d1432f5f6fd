import type { Fixture } from './fixtures.js'

/** Authorisation-test fixtures of the backups operations (by operationId). */
export const backupsFixtures: Record<string, Fixture> = {}
