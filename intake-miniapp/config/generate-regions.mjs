// Writes the province and city names with their GB/T 2260 codes from @vant/area-data into
// src/generated/province-city.json. Only the H5 build ships them (WeChat's own region picker has its
// own data), and counties are left out: the form asks for province and city only, and they would make
// the data ten times larger.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { areaList } from '@vant/area-data'

const outputFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/generated/province-city.json')

const dataset = { provinces: areaList.province_list, cities: areaList.city_list }
mkdirSync(path.dirname(outputFile), { recursive: true })
writeFileSync(outputFile, `${JSON.stringify(dataset)}\n`)
console.log(`[gen:regions] ${Object.keys(dataset.provinces).length} provinces, ${Object.keys(dataset.cities).length} cities → ${path.relative(process.cwd(), outputFile)}`)
