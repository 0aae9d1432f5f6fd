import type { Fixture } from './fixtures.js'

/** Authorisation-test fixtures of the imports operations (by operationId). */
export const importsFixtures: Record<string, Fixture> = {}
