import type { Fixture } from './fixtures.js'

/** Authorisation-test fixtures of the webhooks operations (by operationId). */
export const webhooksFixtures: Record<string, Fixture> = {}
