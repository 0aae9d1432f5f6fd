import type { CustomerAccess, DbClient } from '../../access/customers.js'
import { can, type AuthenticatedContext } from '../../http/context.js'
import { regionData } from '../../lib/regions.js'
import { comparable, halfWidth } from './imports.normalize.js'
import type { CustomFieldDefinitionRow } from './imports.fields.js'

/**
 * What rows are checked against, read once per validation or run: staff (owners), levels, groups, custom field
 * definitions and relationship types. Owners are checked against the importer's scope once each.
 */

export interface ImportReferences {
  owner(value: string): Promise<{ id: string } | { problem: 'unknown_owner' | 'owner_out_of_scope' }>
  level(value: string): string | null
  defaultLevelId: string | null
  group(value: string): string | null
  relationship(value: string): string | null
  relationshipNames: string[]
  customFields: CustomFieldDefinitionRow[]
  /** Names for the history (what the timeline shows of a reference). */
  levelName(id: string): string | null
  groupName(id: string): string | null
  userName(id: string): string | null
  relationshipName(id: string): string | null
}

export const loadReferences = async (tx: DbClient, access: CustomerAccess, ctx: AuthenticatedContext): Promise<ImportReferences> => {
  const [users, levels, groups, customFields, relationshipTypes] = await Promise.all([
    tx.user.findMany({ select: { id: true, username: true, displayName: true, disabled: true } }),
    tx.customerLevel.findMany({ orderBy: { sortOrder: 'asc' } }),
    tx.group.findMany({ select: { id: true, name: true, parentId: true } }),
    tx.customFieldDefinition.findMany({ orderBy: { sortOrder: 'asc' } }),
    tx.relationshipType.findMany({ orderBy: { sortOrder: 'asc' } }),
  ])

  // A username is unique; a display name may not be: then the username must be used.
  const byUsername = new Map(users.map((user) => [user.username.toLowerCase(), user]))
  const byDisplayName = new Map<string, (typeof users)[number] | null>()
  for (const user of users) {
    const key = halfWidth(user.displayName)
    byDisplayName.set(key, byDisplayName.has(key) ? null : user)
  }
  const ownerVerdicts = new Map<string, { id: string } | { problem: 'unknown_owner' | 'owner_out_of_scope' }>()
  const owner = async (value: string) => {
    const text = halfWidth(value)
    const cached = ownerVerdicts.get(text)
    if (cached !== undefined) return cached
    const user = byUsername.get(text.toLowerCase()) ?? byDisplayName.get(text) ?? null
    let verdict: { id: string } | { problem: 'unknown_owner' | 'owner_out_of_scope' }
    if (user === null || user.disabled) verdict = { problem: 'unknown_owner' }
    // As in the customer form: only assigners choose someone else, and only within their own scope.
    else if (user.id !== ctx.user.id && !can(ctx.user, 'customer:assign')) verdict = { problem: 'owner_out_of_scope' }
    else if (!(await access.ownerInScope(ctx, user.id, tx))) verdict = { problem: 'owner_out_of_scope' }
    else verdict = { id: user.id }
    ownerVerdicts.set(text, verdict)
    return verdict
  }

  const levelByName = new Map(levels.map((level) => [comparable(level.name), level.id]))

  // Groups by their path (父/子) and, when unambiguous, by their own name.
  const groupById = new Map(groups.map((group) => [group.id, group]))
  const pathOf = (id: string): string => {
    const names: string[] = []
    for (let group = groupById.get(id); group !== undefined && names.length < 20; group = group.parentId === null ? undefined : groupById.get(group.parentId)) {
      names.unshift(group.name)
    }
    return names.join('/')
  }
  const groupByPath = new Map(groups.map((group) => [comparable(pathOf(group.id)), group.id]))
  const groupsByName = new Map<string, string[]>()
  for (const group of groups) groupsByName.set(comparable(group.name), [...(groupsByName.get(comparable(group.name)) ?? []), group.id])
  /** A path 父/子, or a group's own name when only one group has it. */
  const group = (value: string): string | null => {
    const key = comparable(value.replace(/\s*[/／>]\s*/g, '/'))
    const byPath = groupByPath.get(key)
    if (byPath !== undefined) return byPath
    const named = groupsByName.get(key) ?? []
    return named.length === 1 ? (named[0] ?? null) : null
  }

  const relationshipByName = new Map(relationshipTypes.map((type) => [comparable(type.name), type.id]))

  return {
    owner,
    level: (value) => levelByName.get(comparable(value)) ?? null,
    defaultLevelId: levels.find((level) => level.isDefault)?.id ?? null,
    group,
    relationship: (value) => relationshipByName.get(comparable(value)) ?? null,
    relationshipNames: relationshipTypes.map((type) => type.name),
    levelName: (id) => levels.find((level) => level.id === id)?.name ?? null,
    groupName: (id) => groupById.get(id)?.name ?? null,
    userName: (id) => users.find((user) => user.id === id)?.displayName ?? null,
    relationshipName: (id) => relationshipTypes.find((type) => type.id === id)?.name ?? null,
    customFields: customFields.map((definition) => ({
      key: definition.key,
      label: definition.label,
      type: definition.type,
      options: definition.options,
      required: definition.required,
    })),
  }
}

// ---- regions from text ----

export interface RegionCodes {
  provinceCode: string | null
  provinceName: string | null
  cityCode: string | null
  cityName: string | null
  districtCode: string | null
  districtName: string | null
}

// Suffixes people leave out: 浙江 for 浙江省, 杭州 for 杭州市, 广西 for 广西壮族自治区.
const regionSuffix = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|地区|盟)$/
const shortName = (name: string) => {
  const short = name.replace(regionSuffix, '')
  return short.length >= 2 ? short : name
}

interface Region {
  code: string
  name: string
  names: string[]
}

/** Regions grouped by the code prefix of their parent, each group longest name first (吉林市 before 吉林). */
interface RegionIndex {
  provinces: Region[]
  citiesOf: Map<string, Region[]>
  districtsOf: Map<string, Region[]>
  cities: Region[]
}

let regionIndex: RegionIndex | null = null
const regions = (): RegionIndex => {
  if (regionIndex !== null) return regionIndex
  const list = (table: Record<string, string>, short: boolean): Region[] =>
    Object.entries(table)
      .map(([code, name]) => ({ code, name, names: [...new Set(short ? [name, shortName(name)] : [name])] }))
      .sort((a, b) => b.name.length - a.name.length)
  const groupBy = (items: Region[], length: number) => {
    const groups = new Map<string, Region[]>()
    for (const item of items) groups.set(item.code.slice(0, length), [...(groups.get(item.code.slice(0, length)) ?? []), item])
    return groups
  }
  const cities = list(regionData.cities, true)
  regionIndex = {
    provinces: list(regionData.provinces, true),
    cities,
    citiesOf: groupBy(cities, 2),
    districtsOf: groupBy(list(regionData.districts, false), 4),
  }
  return regionIndex
}

const leading = (text: string, candidates: readonly Region[]): { region: Region; rest: string } | null => {
  for (const region of candidates) {
    for (const name of region.names) if (text.startsWith(name)) return { region, rest: text.slice(name.length).trim() }
  }
  return null
}

const emptyRegion: RegionCodes = { provinceCode: null, provinceName: null, cityCode: null, cityName: null, districtCode: null, districtName: null }

/** Province, city and district named at the start of a free-text address; the rest is the street. */
export const regionFromAddress = (text: string): { region: RegionCodes; street: string } => {
  const { provinces, cities, citiesOf, districtsOf } = regions()
  let rest = halfWidth(text).replace(/\s+/g, ' ')
  const region: RegionCodes = { ...emptyRegion }
  const province = leading(rest, provinces)
  if (province !== null) {
    region.provinceCode = province.region.code
    region.provinceName = province.region.name
    rest = province.rest
  }
  const city = leading(rest, region.provinceCode === null ? cities : (citiesOf.get(region.provinceCode.slice(0, 2)) ?? []))
  if (city !== null) {
    region.cityCode = city.region.code
    region.cityName = city.region.name
    rest = city.rest
    if (region.provinceCode === null) {
      const implied = `${city.region.code.slice(0, 2)}0000`
      region.provinceCode = implied
      region.provinceName = regionData.provinces[implied] ?? null
    }
  }
  if (region.cityCode !== null) {
    const district = leading(rest, districtsOf.get(region.cityCode.slice(0, 4)) ?? [])
    if (district !== null) {
      region.districtCode = district.region.code
      region.districtName = district.region.name
      rest = district.rest
    }
  }
  return { region, street: rest }
}

/**
 * Region columns (省, 市, 区) by name: each level looked up within the one above. Null when a given name is
 * not found there.
 */
export const regionFromParts = (parts: { province?: string; city?: string; district?: string }): RegionCodes | null => {
  const { provinces, cities, districtsOf } = regions()
  const districts = [...districtsOf.values()].flat()
  const region: RegionCodes = { ...emptyRegion }
  const exact = (value: string, candidates: readonly Region[]) => {
    const text = halfWidth(value)
    return candidates.find((candidate) => candidate.names.includes(text)) ?? null
  }
  if (parts.province !== undefined) {
    const province = exact(parts.province, provinces)
    if (province === null) return null
    region.provinceCode = province.code
    region.provinceName = province.name
  }
  if (parts.city !== undefined) {
    const city = exact(parts.city, cities.filter((candidate) => region.provinceCode === null || candidate.code.startsWith(region.provinceCode.slice(0, 2))))
    if (city === null) return null
    region.cityCode = city.code
    region.cityName = city.name
    if (region.provinceCode === null) {
      region.provinceCode = `${city.code.slice(0, 2)}0000`
      region.provinceName = regionData.provinces[region.provinceCode] ?? null
    }
  }
  if (parts.district !== undefined) {
    const within = region.cityCode?.slice(0, 4) ?? region.provinceCode?.slice(0, 2) ?? ''
    const district = exact(parts.district, districts.filter((candidate) => candidate.code.startsWith(within)))
    if (district === null) return null
    region.districtCode = district.code
    region.districtName = district.name
    if (region.cityCode === null) {
      const cityCode = Object.keys(regionData.cities).find((code) => code.slice(0, 4) === district.code.slice(0, 4)) ?? null
      region.cityCode = cityCode
      region.cityName = cityCode === null ? null : (regionData.cities[cityCode] ?? null)
    }
    if (region.provinceCode === null) {
      region.provinceCode = `${district.code.slice(0, 2)}0000`
      region.provinceName = regionData.provinces[region.provinceCode] ?? null
    }
  }
  return region
}
