import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ErrorBody, TestServer } from '../../test/support.js'
import type { ImportIssueListDto, ImportJobDto, ImportMappingData, ImportRowListDto } from './imports.schemas.js'

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixture = (name: string): Promise<Buffer> => readFile(join(fixturesDir, name))

export type JobBody = ImportJobDto & ErrorBody

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The import endpoints as the console's wizard calls them. */
export const importClient = (server: TestServer) => {
  const upload = (token: string, fileName: string, content: Buffer | string, fields: Record<string, string> = {}, language?: string) => {
    const form = new FormData()
    form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content)]), fileName)
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    return server.api.post<JobBody>('/api/imports', { token, body: form, ...(language === undefined ? {} : { language }) })
  }
  const get = (token: string, id: string) => server.api.get<JobBody>(`/api/imports/${id}`, { token })

  /** Polls the job until it leaves these statuses (the console polls every second the same way). */
  const waitWhile = async (token: string, id: string, statuses: string[]): Promise<ImportJobDto> => {
    for (;;) {
      const job = await get(token, id)
      if (job.status !== 200) throw new Error(`GET import answered ${job.status}: ${JSON.stringify(job.body)}`)
      if (!statuses.includes(job.body.status)) return job.body
      await pause(200)
    }
  }

  const mapping = (token: string, id: string, body: unknown, language?: string) =>
    server.api.put<JobBody>(`/api/imports/${id}/mapping`, { token, body, ...(language === undefined ? {} : { language }) })

  /** Maps the columns by header text (others left out), waits for validation. */
  const validate = async (token: string, job: ImportJobDto, targets: Record<string, string>, duplicateStrategy?: string) => {
    const columns: ImportMappingData['columns'] = job.headers.map((header, index) => ({ index, header, target: targets[header] ?? null }))
    const answer = await mapping(token, job.id, { mapping: { columns }, ...(duplicateStrategy === undefined ? {} : { duplicateStrategy }) })
    if (answer.status !== 200) throw new Error(`mapping answered ${answer.status}: ${JSON.stringify(answer.body)}`)
    return waitWhile(token, job.id, ['validating'])
  }

  const run = async (token: string, id: string, duplicateStrategy?: string) => {
    const answer = await server.api.post<JobBody>(`/api/imports/${id}/run`, { token, body: duplicateStrategy === undefined ? {} : { duplicateStrategy } })
    if (answer.status !== 202) throw new Error(`run answered ${answer.status}: ${JSON.stringify(answer.body)}`)
    return waitWhile(token, id, ['queued', 'running'])
  }

  const issues = async (token: string, id: string, query = '', language?: string) => {
    const answer = await server.api.get<ImportIssueListDto & ErrorBody>(`/api/imports/${id}/issues?limit=500${query}`, { token, ...(language === undefined ? {} : { language }) })
    if (answer.status !== 200) throw new Error(`issues answered ${answer.status}`)
    return answer.body
  }

  const rows = async (token: string, id: string, query = '') => {
    const answer = await server.api.get<ImportRowListDto & ErrorBody>(`/api/imports/${id}/rows?limit=500${query}`, { token })
    if (answer.status !== 200) throw new Error(`rows answered ${answer.status}`)
    return answer.body
  }

  /** Upload, map, validate and run in one go; answers the finished job. */
  const importFile = async (token: string, fileName: string, content: Buffer | string, targets: Record<string, string>, options: { entity?: string; duplicateStrategy?: string } = {}) => {
    const uploaded = await upload(token, fileName, content, options.entity === undefined ? {} : { entity: options.entity })
    if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`)
    const validated = await validate(token, uploaded.body, targets)
    if (validated.status !== 'validated') throw new Error(`validation ended ${validated.status}`)
    return run(token, uploaded.body.id, options.duplicateStrategy)
  }

  return { upload, get, waitWhile, mapping, validate, run, issues, rows, importFile }
}

/** The mapping of the messy customer list (fixtures/make-fixtures.ts): the merged 地址 cell spans province, city, street. */
export const messTargets: Record<string, string> = {
  姓名: 'name',
  手机号: 'phone',
  邮箱: 'email',
  生日: 'birthday',
  地址: 'province',
  '地址 (2)': 'city',
  '地址 (3)': 'street',
  客户状态: 'lifecycleStatus',
  标签: 'tags',
  分组: 'groups',
  等级: 'level',
  营销同意: 'consentMarketing',
  负责人: 'owner',
  注册时间: 'createdAt',
  备注: 'notes',
}
