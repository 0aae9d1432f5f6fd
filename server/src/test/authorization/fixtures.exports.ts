import type { Fixture } from './fixtures.js'

/** Authorisation-test fixtures of the exports operations (by operationId). */
export const exportsFixtures: Record<string, Fixture> = {}
