import type { DbClient } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import type { DataCipher } from '../../lib/crypto.js'
import { pinyinColumns, phoneTailTerms, searchVersion } from '../../lib/search-terms.js'

/** Computes the pinyin columns of these customers from their current name and company, in one statement. */
export const refreshPinyin = async (tx: DbClient, ids: string[]): Promise<void> => {
  if (ids.length === 0) return
  const rows = await tx.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, company: true } })
  const computed = rows.map((row) => {
    const columns = pinyinColumns(row.name, row.company)
    return { id: row.id, terms: columns.pinyinTerms, name: columns.pinyinName, company: columns.pinyinCompany, version: columns.searchVersion }
  })
  await tx.$executeRaw`
    UPDATE customers AS c
    SET pinyin_terms = v.terms, pinyin_name = v.name, pinyin_company = v.company, search_version = v.version
    FROM jsonb_to_recordset(${JSON.stringify(computed)}::jsonb) AS v(id uuid, terms text[], name text, company text, version smallint)
    WHERE c.id = v.id`
}

const batchSize = 500

/**
 * Brings search data computed by the server up to date: pinyin of customers below the current search version
 * (new pinyin rules, or a name changed by a write that bypassed the service) and phone tail terms of phones
 * stored before tails were indexed. Runs at start-up, in batches, so a big database is not locked for long.
 */
export const catchUpSearchTerms = async (db: Db, cipher: DataCipher): Promise<{ customers: number; phones: number }> => {
  // Walking by id guarantees an end even if a row cannot be brought up to date.
  let customers = 0
  for (let after = ''; ; ) {
    const stale = await db.customer.findMany({
      where: { searchVersion: { lt: searchVersion }, ...(after === '' ? {} : { id: { gt: after } }) },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    })
    if (stale.length === 0) break
    await db.$transaction((tx) => refreshPinyin(tx, stale.map((row) => row.id)))
    customers += stale.length
    after = stale[stale.length - 1]?.id ?? after
  }

  let phones = 0
  const untailed = (after: string) => ({
    where: { tailTerms: { isEmpty: true }, ...(after === '' ? {} : { id: { gt: after } }) },
    select: { id: true, numberEncrypted: true, keyId: true },
    orderBy: { id: 'asc' as const },
    take: batchSize,
  })
  const tailsOf = (row: { numberEncrypted: Uint8Array; keyId: string }) =>
    phoneTailTerms(cipher, cipher.open(row.numberEncrypted, row.keyId))
  // The two phone tables have the same columns; Prisma gives them separate delegates.
  const phoneTables = [
    {
      find: (after: string) => db.customerPhone.findMany(untailed(after)),
      save: (tx: DbClient, id: string, tailTerms: string[]) => tx.customerPhone.update({ where: { id }, data: { tailTerms } }),
    },
    {
      find: (after: string) => db.contactPhone.findMany(untailed(after)),
      save: (tx: DbClient, id: string, tailTerms: string[]) => tx.contactPhone.update({ where: { id }, data: { tailTerms } }),
    },
  ]
  for (const table of phoneTables) {
    for (let after = ''; ; ) {
      const rows = await table.find(after)
      if (rows.length === 0) break
      await db.$transaction(async (tx) => {
        for (const row of rows) await table.save(tx, row.id, tailsOf(row))
      })
      phones += rows.length
      after = rows[rows.length - 1]?.id ?? after
    }
  }
  return { customers, phones }
}
