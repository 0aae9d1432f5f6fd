import { areaList } from '@vant/area-data'
import { demoDice } from '../../src/seed/random.js'
import {
  companyParts,
  emailDomains,
  femaleNameCharacters,
  industries,
  maleNameCharacters,
  mobilePrefixes,
  occupations,
  sourceWeights,
  streets,
  surnameWeights,
  tagNames,
  weightedDistricts,
  type District,
} from '../search/vocabulary.js'

/**
 * Made-up customers for the import and export benchmark, drawn from the search benchmark's vocabulary (real
 * surname frequencies, provinces by population). Deterministic: the same seed gives the same people.
 */

export interface Person {
  name: string
  gender: 'male' | 'female'
  /** '+8613800138000' */
  mobile: string
  /** A second number for some people. */
  secondMobile: string | null
  email: string | null
  /** YYYY-MM-DD, or null. */
  birthday: string | null
  company: string | null
  occupation: string | null
  industry: string | null
  source: string
  tags: string[]
  district: District & { provinceName: string; cityName: string; districtName: string }
  street: string
  createdAt: Date
}

/** Picks by weight with a binary search over the running totals (the district list has thousands of entries). */
const weightedPicker = <T>(entries: readonly [T, number][], random: () => number) => {
  const totals: number[] = []
  let sum = 0
  for (const [, weight] of entries) totals.push((sum += weight))
  return () => {
    const roll = random() * sum
    let low = 0
    let high = totals.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((totals[middle] ?? 0) <= roll) low = middle + 1
      else high = middle
    }
    return (entries[low] as [T, number])[0]
  }
}

export const createPeople = (seed: number) => {
  const dice = demoDice(seed)
  const { random, pick, between, digits } = dice
  const surname = weightedPicker(surnameWeights, random)
  const source = weightedPicker(sourceWeights, random)
  const domain = weightedPicker(emailDomains, random)
  const district = weightedPicker(weightedDistricts(), random)
  const companyForm = weightedPicker(companyParts.companyForms, random)
  // Given-name characters: a Zipf law over their position, so a few are common.
  const character = (characters: readonly string[]) =>
    weightedPicker(
      characters.map((one, index): [string, number] => [one, 1 / (index + 1)]),
      random,
    )
  const maleCharacter = character(maleNameCharacters)
  const femaleCharacter = character(femaleNameCharacters)
  const start = Date.parse('2019-01-01T00:00:00+08:00')
  const end = Date.parse('2026-10-31T00:00:00+08:00')

  const mobile = () => `+86${pick(mobilePrefixes)}${digits(8)}`

  return {
    dice,
    next: (): Person => {
      const gender = random() < 0.5 ? 'male' : 'female'
      const given = gender === 'male' ? maleCharacter : femaleCharacter
      const name = `${surname()}${given()}${random() < 0.7 ? given() : ''}`
      const place = district()
      const year = between(1955, 2005)
      const hasCompany = random() < 0.4
      const tags = [...new Set(Array.from({ length: between(0, 3) }, () => tagNames[Math.floor(tagNames.length * random() ** 2)] as string))]
      return {
        name,
        gender,
        mobile: mobile(),
        secondMobile: random() < 0.1 ? mobile() : null,
        email: random() < 0.3 ? `${digits(between(6, 10))}@${domain()}` : null,
        birthday: random() < 0.6 ? `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}` : null,
        company: hasCompany ? `${pick(companyParts.brandWords)}${pick(companyParts.trades)}${companyForm()}` : null,
        occupation: random() < 0.5 ? pick(occupations) : null,
        industry: hasCompany ? pick(industries) : null,
        source: source(),
        tags,
        district: {
          ...place,
          provinceName: areaList.province_list[place.provinceCode] ?? '',
          cityName: areaList.city_list[place.cityCode] ?? '',
          districtName: areaList.county_list[place.districtCode] ?? '',
        },
        street: `${pick(streets)}${between(1, 999)}号`,
        createdAt: new Date(start + Math.floor(random() * (end - start))),
      }
    },
  }
}
