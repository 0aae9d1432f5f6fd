import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileWxml, compileWxss, ensureWeappBuild, listFiles, weappDir } from './support/weapp-package'

// WeChat refuses to upload a main package above 2 MB.
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024

const scratch = mkdtempSync(path.join(tmpdir(), 'kezhi-weapp-compile-'))
let files: string[] = []

beforeAll(() => {
  ensureWeappBuild()
  files = listFiles(weappDir)
})

describe('WeChat package in dist/weapp', () => {
  it('compiles every .wxml with WeChat wcc', () => {
    const wxml = files.filter((file) => file.endsWith('.wxml'))
    const wxs = files.filter((file) => file.endsWith('.wxs'))
    expect(wxml).toEqual(expect.arrayContaining(['pages/login/index.wxml', 'pages/register/index.wxml', 'pages/success/index.wxml']))
    // The customer pages reached by QR code.
    expect(wxml).toEqual(expect.arrayContaining(['pages/feedback/index.wxml', 'pages/join/index.wxml', 'pages/thanks/index.wxml']))
    const output = path.join(scratch, 'wxml.js')

    const result = compileWxml(weappDir, wxml, wxs, output)

    expect(result.stderr.trim(), result.stderr).toBe('')
    expect(result.status).toBe(0)
    const compiled = readFileSync(output, 'utf8')
    for (const file of wxml) expect(compiled, `${file} missing from wcc output`).toContain(file)
  })

  it('compiles every .wxss with WeChat wcsc', () => {
    const wxss = files.filter((file) => file.endsWith('.wxss'))
    expect(wxss).toContain('app.wxss')
    const output = path.join(scratch, 'wxss.js')

    const result = compileWxss(weappDir, wxss, output)

    expect(result.stderr.trim(), result.stderr).toBe('')
    expect(result.status).toBe(0)
    const compiled = readFileSync(output, 'utf8')
    // Page styles (and app.wxss) get their own entry; styles they only import (common.wxss, and app-origin.wxss
    // once Taro splits shared page styles out of app.wxss) are compiled into their importer, rule by rule.
    for (const file of wxss) {
      const isPageStyle = existsSync(path.join(weappDir, file.replace(/\.wxss$/, '.json')))
      const hasRules = readFileSync(path.join(weappDir, file), 'utf8').includes('{')
      if (isPageStyle) expect(compiled, `${file} missing from wcsc output`).toContain(`=${file}=`)
      else if (hasRules) expect(compiled, `${file} missing from wcsc output`).toContain(`wxcs_fileinfo: ${file} `)
    }
  })

  it('keeps the main package under 2 MB', () => {
    // Everything in the package root counts except the developer-tools project file.
    const packaged = files.filter((file) => file !== 'project.config.json')
    const bytes = packaged.reduce((total, file) => total + statSync(path.join(weappDir, file)).size, 0)
    console.log(`[weapp] main package: ${(bytes / 1024).toFixed(1)} KiB in ${packaged.length} files (limit 2048 KiB)`)
    expect(bytes).toBeLessThan(MAIN_PACKAGE_LIMIT)
  })
})

describe('the WeChat compilers themselves', () => {
  // Guards the checks above: the compilers must fail loudly on broken input, or a pass means nothing.
  it('report a broken .wxml', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kezhi-broken-wxml-'))
    writeFileSync(path.join(folder, 'broken.wxml'), '<view>{{ unclosed </view')
    const result = compileWxml(folder, ['broken.wxml'], [], path.join(folder, 'out.js'))
    expect(result.status).not.toBe(0)
  })

  it('report a broken .wxss', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kezhi-broken-wxss-'))
    writeFileSync(path.join(folder, 'broken.wxss'), '.a { color: red')
    const result = compileWxss(folder, ['broken.wxss'], path.join(folder, 'out.js'))
    expect(result.status).not.toBe(0)
  })
})
