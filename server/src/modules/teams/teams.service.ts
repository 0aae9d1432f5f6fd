import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError, type FieldProblem } from '../../http/errors.js'
import type { TeamDtoData, TeamInputData, TeamPatchData } from './teams.schemas.js'

type Tx = Prisma.TransactionClient

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const invalid = (fieldProblems: FieldProblem[]) => new AppError('VALIDATION_FAILED', { fieldProblems })

const memberCount = { _count: { select: { users: true } } } as const
type TeamRow = Prisma.TeamGetPayload<{ include: typeof memberCount }>

const toTeam = (row: TeamRow): TeamDtoData => ({
  id: row.id,
  name: row.name,
  parentId: row.parentId,
  sortOrder: row.sortOrder,
  memberCount: row._count.users,
})

// What the audit log shows of a team (its parent by id: names can repeat under different parents).
const snapshot = (row: { name: string; parentId: string | null; sortOrder: number }) => ({
  name: row.name,
  parentId: row.parentId,
  sortOrder: row.sortOrder,
})

export interface TeamsService {
  list(ctx: RequestContext): Promise<{ items: TeamDtoData[] }>
  create(ctx: RequestContext, input: TeamInputData): Promise<TeamDtoData>
  update(ctx: RequestContext, id: string, input: TeamPatchData): Promise<TeamDtoData>
  remove(ctx: RequestContext, id: string): Promise<void>
}

export const createTeamsService = ({ db }: { db: Db }): TeamsService => {
  const find = async (tx: Tx, id: string) => {
    const row = uuidShape.test(id) ? await tx.team.findUnique({ where: { id }, include: memberCount }) : null
    if (row === null) throw new AppError('TEAM_NOT_FOUND')
    return row
  }
  const checkParent = async (tx: Tx, parentId: string, selfId?: string) => {
    if ((await tx.team.count({ where: { id: parentId } })) === 0) {
      throw invalid([{ field: 'parentId', messageKey: 'validation.team_not_found' }])
    }
    if (selfId === undefined) return
    // Walk up from the new parent; meeting the team itself means it would sit below its own subtree.
    const loop = await tx.$queryRaw<{ found: number }[]>`
      WITH RECURSIVE chain(id, parent_id, depth) AS (
        SELECT id, parent_id, 1 FROM teams WHERE id = ${parentId}::uuid
        UNION ALL
        SELECT t.id, t.parent_id, chain.depth + 1 FROM teams t JOIN chain ON t.id = chain.parent_id WHERE chain.depth < 10000
      )
      SELECT 1 AS found FROM chain WHERE id = ${selfId}::uuid LIMIT 1`
    if (loop.length > 0) throw invalid([{ field: 'parentId', messageKey: 'validation.parent_team_cycle' }])
  }
  const checkName = async (tx: Tx, name: string, parentId: string | null, exceptId?: string) => {
    const other = await tx.team.findFirst({ where: { name, parentId, ...(exceptId === undefined ? {} : { id: { not: exceptId } }) } })
    if (other !== null) throw new AppError('NAME_TAKEN', { fieldProblems: [{ field: 'name', messageKey: 'validation.name_taken' }] })
  }
  // Tree edits take turns, so two moves cannot each close half of a loop.
  const lockTree = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kezhi.teams'))`

  return {
    list: async (ctx) => {
      authenticated(ctx)
      const rows = await db.team.findMany({
        include: memberCount,
        orderBy: [{ parentId: { sort: 'asc', nulls: 'first' } }, { sortOrder: 'asc' }, { name: 'asc' }],
      })
      return { items: rows.map(toTeam) }
    },

    create: async (ctx, input) => {
      authenticated(ctx)
      return db.$transaction(async (tx) => {
        await lockTree(tx)
        await checkParent(tx, input.parentId)
        await checkName(tx, input.name, input.parentId)
        const last = await tx.team.aggregate({ where: { parentId: input.parentId }, _max: { sortOrder: true } })
        const sortOrder = input.sortOrder ?? (last._max.sortOrder ?? 0) + 10
        const row = await tx.team.create({ data: { name: input.name, parentId: input.parentId, sortOrder }, include: memberCount })
        await recordAudit(tx, ctx, {
          action: 'create', resource: 'team', resourceId: row.id, label: row.name, changes: diffSnapshots(null, snapshot(row)),
        })
        return toTeam(row)
      })
    },

    update: async (ctx, id, input) => {
      authenticated(ctx)
      return db.$transaction(async (tx) => {
        await lockTree(tx)
        const team = await find(tx, id)
        const parentId = input.parentId ?? team.parentId
        // The root moving anywhere would go below one of its own sub-teams, which is the same loop.
        if (input.parentId !== undefined && input.parentId !== team.parentId) {
          if (team.parentId === null) throw invalid([{ field: 'parentId', messageKey: 'validation.parent_team_cycle' }])
          await checkParent(tx, input.parentId, team.id)
        }
        if (input.name !== undefined || input.parentId !== undefined) await checkName(tx, input.name ?? team.name, parentId, team.id)
        const row = await tx.team.update({
          where: { id: team.id },
          data: { name: input.name, parentId, sortOrder: input.sortOrder },
          include: memberCount,
        })
        const changes = diffSnapshots(snapshot(team), snapshot(row))
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, ctx, { action: 'update', resource: 'team', resourceId: row.id, label: row.name, changes })
        }
        return toTeam(row)
      })
    },

    remove: async (ctx, id) => {
      authenticated(ctx)
      await db.$transaction(async (tx) => {
        await lockTree(tx)
        const team = await find(tx, id)
        // The root holds the company together: every team hangs below it and new users need somewhere to go.
        if (team.parentId === null) throw new AppError('TEAM_NOT_EMPTY')
        if (team._count.users > 0 || (await tx.team.count({ where: { parentId: team.id } })) > 0) throw new AppError('TEAM_NOT_EMPTY')
        await tx.team.delete({ where: { id: team.id } })
        await recordAudit(tx, ctx, {
          action: 'delete', resource: 'team', resourceId: team.id, label: team.name, changes: diffSnapshots(snapshot(team), null),
        })
      })
    },
  }
}
