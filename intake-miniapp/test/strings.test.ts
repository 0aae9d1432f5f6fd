import { describe, expect, it } from 'vitest'
import { STRINGS, SUPPORTED_LANGUAGES, translate } from '../src/i18n/strings'
import { languageFromTag } from '../src/i18n/language-tag'

const placeholdersOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('strings tables', () => {
  const [first, ...others] = SUPPORTED_LANGUAGES

  it('has the same keys in every language', () => {
    const expected = Object.keys(STRINGS[first]).sort()
    for (const language of others) expect(Object.keys(STRINGS[language]).sort()).toEqual(expected)
  })

  it('has no empty text', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const [key, text] of Object.entries(STRINGS[language])) expect(text.trim(), `${language}.${key}`).not.toBe('')
    }
  })

  it('uses the same placeholders for a key in every language', () => {
    for (const key of Object.keys(STRINGS[first]) as Array<keyof (typeof STRINGS)['zh-CN']>) {
      for (const language of others) {
        expect(placeholdersOf(STRINGS[language][key]), key).toEqual(placeholdersOf(STRINGS[first][key]))
      }
    }
  })

  it('fills placeholders', () => {
    expect(translate('zh-CN', 'successMessage', { name: '陈晓明' })).toBe('已登记客户：陈晓明')
    expect(translate('en-US', 'nameTooLong', { max: 50 })).toBe('Name must be at most 50 characters')
  })
})

describe('device language', () => {
  it.each([
    ['zh_CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en', 'en-US'],
    ['en_US', 'en-US'],
    ['en-GB', 'en-US'],
    ['ja-JP', 'zh-CN'],
    [undefined, 'zh-CN'],
  ])('maps %s to %s', (tag, language) => {
    expect(languageFromTag(tag)).toBe(language)
  })
})
