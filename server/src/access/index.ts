import type { Db } from '../db/prisma.js'
import type { DataCipher } from '../lib/crypto.js'
import { createCustomerAccess, type CustomerAccess } from './customers.js'

/** The access layer: the one place that applies data scope and hides trashed rows. */
export interface Access {
  customers: CustomerAccess
}

export const createAccess = (db: Db, cipher: DataCipher): Access => ({ customers: createCustomerAccess(db, cipher) })
