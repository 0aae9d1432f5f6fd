import { fixture } from '../../modules/imports/imports.test-support.js'
import type { Fixture, FixtureContext, PreparedRequest } from './fixtures.js'
import { inOnly } from './fixture-helpers.js'
import type { World } from './world.js'

interface ImportBody {
  id: string
  status: string
  headers: string[]
}

/** A small customers file with one customer of its own (so runs never meet a duplicate). */
const fileForm = (world: World): FormData => {
  const form = new FormData()
  form.append('file', new Blob([`姓名,备注\n${world.unique('导入客户')},授权测试\n`]), 'authz.csv')
  form.append('entity', 'customers')
  return form
}

/** A workbook whose first sheet is a note for people and whose second holds the customers (a committed fixture). */
const workbookForm = async (): Promise<FormData> => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await fixture('notes-first.xlsx'))]), 'authz.xlsx')
  return form
}

const mappingOf = (job: ImportBody) => ({ columns: job.headers.map((header, index) => ({ index, header, target: header === '姓名' ? 'name' : null })) })

const uploadAs = async (world: World, token: string): Promise<ImportBody> => {
  const uploaded = await world.server.api.post<ImportBody>('/api/imports', { token, body: fileForm(world) })
  if (uploaded.status !== 201) throw new Error(`import upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`)
  return uploaded.body
}

const workbookUploadedAs = async (world: World, token: string): Promise<ImportBody> => {
  const uploaded = await world.server.api.post<ImportBody>('/api/imports', { token, body: await workbookForm() })
  if (uploaded.status !== 201) throw new Error(`workbook upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`)
  return uploaded.body
}

/** Uploaded, mapped and validated (ready to run). */
const validatedAs = async (world: World, token: string): Promise<ImportBody> => {
  const job = await uploadAs(world, token)
  const mapped = await world.server.api.put<ImportBody>(`/api/imports/${job.id}/mapping`, { token, body: { mapping: mappingOf(job) } })
  if (mapped.status !== 200) throw new Error(`import mapping answered ${mapped.status}: ${JSON.stringify(mapped.body)}`)
  for (let attempt = 0; ; attempt += 1) {
    const current = await world.server.api.get<ImportBody>(`/api/imports/${job.id}`, { token })
    if (current.body.status === 'validated') return current.body
    if (current.body.status !== 'validating' || attempt > 300) throw new Error(`import ${job.id} ended ${current.body.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The actor's own import when they may import, else the administrator's (the call is refused either way). */
const tokenFor = ({ world, actor, permitted }: FixtureContext) => (permitted ? actor.token : world.admin)

/**
 * Imports belong to whoever uploaded them, and administrators see everyone's: an import has no variant that is
 * wrong for every role, so the `cross` target is left out (null).
 */
const ownImport =
  (prepare: (world: World, token: string) => Promise<ImportBody>, request: (job: ImportBody) => PreparedRequest = () => ({})): Fixture =>
  async (context) => {
    if (context.target !== 'in') return null
    const job = await prepare(context.world, tokenFor(context))
    return { ...request(job), path: { id: job.id } }
  }

// Another user's template, made once per world: templates are private, so no actor may delete it.
const othersTemplates = new WeakMap<World, Promise<string>>()
const othersTemplate = (world: World) => {
  let found = othersTemplates.get(world)
  if (found === undefined) {
    found = world.freshActor('manager').then(async (other) => {
      const created = await world.server.api.post<{ id: string }>('/api/imports/templates', {
        token: other.token,
        body: { name: world.unique('别人的模板'), entity: 'customers', mapping: { 姓名: 'name' } },
      })
      if (created.status !== 201) throw new Error(`template creation answered ${created.status}`)
      return created.body.id
    })
    othersTemplates.set(world, found)
  }
  return found
}

/** Authorisation-test fixtures of the imports operations (by operationId). */
export const importsFixtures: Record<string, Fixture> = {
  listImports: inOnly(() => ({})),
  uploadImport: inOnly(({ world }) => ({ body: fileForm(world) })),
  listImportFields: inOnly(() => ({ query: { entity: 'customers' } })),
  getImport: ownImport(uploadAs),
  cancelImport: ownImport(uploadAs),
  chooseImportSheet: ownImport(workbookUploadedAs, () => ({ body: { sheet: '客户' } })),
  setImportMapping: ownImport(uploadAs, (job) => ({ body: { mapping: mappingOf(job), duplicateStrategy: 'skip' } })),
  listImportIssues: ownImport(validatedAs, () => ({ query: { severity: 'error' } })),
  downloadImportReport: ownImport(validatedAs),
  runImport: ownImport(validatedAs, () => ({ body: { duplicateStrategy: 'skip' } })),
  listImportRows: ownImport(validatedAs, () => ({ query: { outcome: 'created' } })),
  listImportTemplates: inOnly(() => ({ query: { entity: 'customers' } })),
  createImportTemplate: inOnly(({ world }) => ({ body: { name: world.unique('模板'), entity: 'customers', mapping: { 姓名: 'name', 备注: null } } })),
  deleteImportTemplate: async (context) => {
    const { world, target } = context
    if (target === 'out') return null
    if (target === 'cross') return { path: { id: await othersTemplate(world) } }
    const created = await world.server.api.post<{ id: string }>('/api/imports/templates', {
      token: tokenFor(context),
      body: { name: world.unique('模板'), entity: 'customers', mapping: { 姓名: 'name' } },
    })
    if (created.status !== 201) throw new Error(`template creation answered ${created.status}`)
    return { path: { id: created.body.id } }
  },
}
