// Writes the provinces, cities and districts with their GB/T 2260 codes from @vant/area-data (the dataset
// the server and the console use too) into src/generated/regions.json, in vant's own shape so that the
// three layers agree on every code and name.
//  - H5 loads it lazily (a separate chunk, about 29 KB gzipped) to feed Taro's region picker, which has no
//    data of its own; the register page's first screen does not wait for it.
//  - WeChat's native region picker brings its own data and reports names; the package includes this file
//    to turn those names back into the codes the API takes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { areaList } from '@vant/area-data'

const outputFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/generated/regions.json')

const dataset = { provinces: areaList.province_list, cities: areaList.city_list, districts: areaList.county_list }
mkdirSync(path.dirname(outputFile), { recursive: true })
writeFileSync(outputFile, `${JSON.stringify(dataset)}\n`)
const counts = Object.values(dataset).map((names) => Object.keys(names).length)
console.log(`[gen:regions] ${counts[0]} provinces, ${counts[1]} cities, ${counts[2]} districts → ${path.relative(process.cwd(), outputFile)}`)
