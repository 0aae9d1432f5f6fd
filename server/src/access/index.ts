import type { Db, StatementRunner } from '../db/prisma.js'
import type { DataCipher } from '../lib/crypto.js'
import { createCustomerAccess, type CustomerAccess } from './customers.js'

/** The access layer: the one place that applies data scope and hides trashed rows. */
export interface Access {
  customers: CustomerAccess
}

export const createAccess = (db: Db, cipher: DataCipher, run?: StatementRunner): Access => ({
  customers: createCustomerAccess(db, cipher, run),
})
