import type { Fixture, FixtureContext, PreparedRequest } from './fixtures.js'

/** A fixture for operations about no particular customer: only the in-scope variant exists. */
export const inOnly =
  (prepare: (context: FixtureContext) => Promise<PreparedRequest> | PreparedRequest): Fixture =>
  async (context) =>
    context.target === 'in' ? prepare(context) : null

