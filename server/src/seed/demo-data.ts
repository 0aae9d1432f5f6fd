import type { ConsentChannel, Gender, LifecycleStatus, PhoneType } from '../generated/prisma/enums.js'
import { regionData } from '../lib/regions.js'
import { demoDice } from './random.js'

/** mulberry32: a tiny seeded PRNG, so every fresh install gets the same demo customers. */

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤']
const maleGivenNames = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '斌', '超', '明', '刚', '辉', '鹏', '飞', '鑫', '波', '宇', '浩', '凯', '健', '俊', '子轩', '浩然', '宇航', '志强', '建华', '建国', '文博', '晓东', '海涛', '国强', '俊杰', '家豪', '天佑', '振华']
const femaleGivenNames = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '玲', '婷', '雪', '琳', '颖', '倩', '秀英', '欣怡', '梓涵', '诗涵', '雨欣', '佳怡', '晓燕', '秀兰', '丽娟', '美玲', '慧敏', '思雨', '婉清', '紫萱', '雅琴', '春梅']

const regions: Record<string, string[]> = {
  北京市: ['北京市'],
  上海市: ['上海市'],
  天津市: ['天津市'],
  重庆市: ['重庆市'],
  广东省: ['广州市', '深圳市', '佛山市', '东莞市', '珠海市', '惠州市'],
  浙江省: ['杭州市', '宁波市', '温州市', '绍兴市', '金华市', '嘉兴市'],
  江苏省: ['南京市', '苏州市', '无锡市', '常州市', '南通市', '徐州市'],
  山东省: ['济南市', '青岛市', '烟台市', '潍坊市', '临沂市'],
  四川省: ['成都市', '绵阳市', '宜宾市', '南充市'],
  湖北省: ['武汉市', '宜昌市', '襄阳市'],
  湖南省: ['长沙市', '株洲市', '岳阳市', '常德市'],
  福建省: ['福州市', '厦门市', '泉州市', '漳州市'],
  河南省: ['郑州市', '洛阳市', '开封市', '南阳市'],
  陕西省: ['西安市', '宝鸡市', '咸阳市'],
  安徽省: ['合肥市', '芜湖市', '安庆市'],
  河北省: ['石家庄市', '唐山市', '保定市'],
  辽宁省: ['沈阳市', '大连市'],
  云南省: ['昆明市', '大理白族自治州'],
}
// Weighted toward the big coastal provinces, where most small-business customers are.
const provinceWeights: [string, number][] = [
  ['广东省', 14], ['浙江省', 12], ['江苏省', 11], ['上海市', 8], ['北京市', 8], ['山东省', 7], ['四川省', 6],
  ['福建省', 5], ['湖北省', 5], ['湖南省', 4], ['河南省', 4], ['重庆市', 3], ['天津市', 3], ['陕西省', 3],
  ['安徽省', 3], ['河北省', 2], ['辽宁省', 1], ['云南省', 1],
]

const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199']
const emailDomains = ['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com', 'outlook.com']

const products = ['家用净水器', '年度会员卡', '空气净化器', '少儿编程课', '办公家具', '茶叶礼盒', '护肤套装', '智能门锁', '扫地机器人', '体检套餐']
const noteTemplates = [
  (product: string) => `对${product}很感兴趣，约好下周回访`,
  (product: string) => `上次购买了${product}，满意度高，可推荐新品`,
  (product: string) => `询问${product}团购价格，需要发报价单`,
  (product: string) => `朋友介绍来的，想先了解${product}的售后政策`,
  () => '已加微信，偏好微信沟通，工作日晚上方便',
  () => '门店活动到店登记，留了电话',
  () => '预算有限，关注优惠活动',
  () => '公司采购负责人，年底有批量采购计划',
]

/** Demo tags with antd preset colours. */
export const demoTags: readonly { name: string; color: string }[] = [
  { name: '老客户', color: 'blue' },
  { name: 'VIP', color: 'gold' },
  { name: '高意向', color: 'red' },
  { name: '团购', color: 'purple' },
  { name: '会员', color: 'cyan' },
  { name: '新客户', color: 'green' },
  { name: '待回访', color: 'orange' },
  { name: '转介绍', color: 'geekblue' },
  { name: '企业客户', color: 'magenta' },
  { name: '价格敏感', color: 'volcano' },
]

/** A small group tree: regions with city groups under them, and one flat group for key accounts. */
export const demoGroups: readonly { name: string; parent: string | null }[] = [
  { name: '华东区', parent: null },
  { name: '上海客户', parent: '华东区' },
  { name: '杭州客户', parent: '华东区' },
  { name: '南京客户', parent: '华东区' },
  { name: '华南区', parent: null },
  { name: '广州客户', parent: '华南区' },
  { name: '深圳客户', parent: '华南区' },
  { name: '华北区', parent: null },
  { name: '北京客户', parent: '华北区' },
  { name: '重点跟进', parent: null },
]
const cityGroups: Record<string, string> = {
  上海市: '上海客户', 杭州市: '杭州客户', 南京市: '南京客户', 广州市: '广州客户', 深圳市: '深圳客户', 北京市: '北京客户',
}
const regionGroups: Record<string, string> = {
  上海市: '华东区', 浙江省: '华东区', 江苏省: '华东区', 安徽省: '华东区', 山东省: '华东区', 福建省: '华东区',
  广东省: '华南区', 北京市: '华北区', 天津市: '华北区', 河北省: '华北区',
}

const companyNames = ['清源', '恒信', '博远', '华泰', '金诚', '嘉禾', '瑞丰', '天成', '鼎盛', '宏达', '思创', '新锐', '云帆', '启明', '汇通']
const industries = ['零售', '制造', '软件', '教育', '餐饮', '医疗', '物流', '房地产', '咨询', '贸易']
const occupations = ['工程师', '教师', '医生', '会计', '销售经理', '设计师', '公务员', '自由职业', '企业主', '行政', '退休']
const sources = ['门店到访', '朋友介绍', '微信小程序', '电话咨询', '展会', '线上广告', '老客户转介绍']
const streets = ['人民路', '解放路', '中山路', '建设路', '文三路', '滨江大道', '长江路', '和平路', '新华路', '学院路', '东风路', '青年路']
const lifecycleWeights: [LifecycleStatus, number][] = [['prospect', 15], ['new', 25], ['active', 35], ['dormant', 15], ['churned', 10]]
const levelWeights: [string, number][] = [['普通', 70], ['重要', 20], ['VIP', 10]]
const consentChannels: ConsentChannel[] = ['in_store', 'miniapp', 'web', 'phone']

export type DemoOwner = 'sales1' | 'sales2' | 'manager'
const ownerWeights: [DemoOwner, number][] = [['sales1', 45], ['sales2', 40], ['manager', 15]]

export interface DemoCustomer {
  name: string
  gender: Gender
  birthday: string | null
  occupation: string | null
  company: string | null
  industry: string | null
  source: string | null
  level: string
  lifecycleStatus: LifecycleStatus
  consent: { marketing: boolean; channel: ConsentChannel | null }
  /** National mobile numbers, the first one primary. */
  phones: { type: PhoneType; number: string }[]
  emails: string[]
  address: { provinceCode: string; cityCode: string; districtCode: string | null; street: string | null; houseNumber: string | null } | null
  tags: string[]
  groups: string[]
  notes: string | null
  owner: DemoOwner
  /** How long before the seed time the customer was created. */
  ageMs: number
}

/** Below the root team (总部) that the access_control migration creates. */
export const demoTeams = [
  { name: '华东大区', parent: null },
  { name: '杭州西湖店', parent: '华东大区' },
  { name: '华南大区', parent: null },
  { name: '广州天河店', parent: '华南大区' },
] as const

// The manager leads 华东大区, so sees 李娜's customers (杭州西湖店) and not 张伟's (广州天河店).
export const demoStaff = [
  { username: 'manager', displayName: '王经理', role: 'manager', team: '华东大区' },
  { username: 'sales1', displayName: '李娜', role: 'sales', team: '杭州西湖店' },
  { username: 'sales2', displayName: '张伟', role: 'sales', team: '广州天河店' },
  { username: 'service1', displayName: '陈静', role: 'service', team: null },
] as const

const codeOfProvince = (name: string): string | undefined =>
  Object.entries(regionData.provinces).find(([, provinceName]) => provinceName === name)?.[0]
const codeOfCity = (provinceCode: string, name: string): string | undefined =>
  Object.entries(regionData.cities).find(([code, cityName]) => code.slice(0, 2) === provinceCode.slice(0, 2) && cityName === name)?.[0]

/** About 200 plausible customers, the same on every run. */
export const generateDemoCustomers = (count = 200): DemoCustomer[] => {
  const { random, pick, weighted, digits } = demoDice(20_240_601)
  const usedPhones = new Set<string>()
  const uniqueMobile = (): string => {
    for (;;) {
      const phone = pick(mobilePrefixes) + digits(8)
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone)
        return phone
      }
    }
  }
  const usedEmails = new Set<string>()

  return Array.from({ length: count }, () => {
    const genderRoll = random()
    const gender: Gender = genderRoll < 0.47 ? 'male' : genderRoll < 0.94 ? 'female' : 'unknown'
    const given = gender === 'female' ? pick(femaleGivenNames) : gender === 'male' ? pick(maleGivenNames) : pick([...maleGivenNames, ...femaleGivenNames])
    const province = weighted(provinceWeights)
    const city = pick(regions[province] ?? [province])
    const phones: DemoCustomer['phones'] = random() < 0.95 ? [{ type: 'mobile', number: uniqueMobile() }] : []
    if (phones.length > 0 && random() < 0.2) phones.push({ type: random() < 0.6 ? 'work' : 'home', number: uniqueMobile() })
    const emailRoll = random()
    const email =
      emailRoll < 0.25 ? `${digits(1 + Math.floor(random() * 8)).replace(/^0/, '1')}${digits(5)}@qq.com`
      : emailRoll < 0.45 ? `${phones[0]?.number ?? digits(11)}@${pick(emailDomains)}`
      : null
    const emails = email === null || usedEmails.has(email) ? [] : [email]
    emails.forEach((address) => usedEmails.add(address))

    const provinceCode = codeOfProvince(province)
    const cityCode = provinceCode === undefined ? undefined : codeOfCity(provinceCode, city)
    const districts = cityCode === undefined ? [] : Object.keys(regionData.districts).filter((code) => code.slice(0, 4) === cityCode.slice(0, 4))
    const address: DemoCustomer['address'] =
      provinceCode === undefined || cityCode === undefined || random() < 0.1
        ? null
        : {
            provinceCode,
            cityCode,
            districtCode: districts.length === 0 ? null : pick(districts),
            street: random() < 0.85 ? `${pick(streets)} ${1 + Math.floor(random() * 300)} 号` : null,
            houseNumber: random() < 0.7 ? `${1 + Math.floor(random() * 20)} 幢 ${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)} 室` : null,
          }

    const isCompany = random() < 0.3
    const industry = isCompany || random() < 0.3 ? pick(industries) : null
    const company = isCompany ? `${city.replace(/市$/, '')}${pick(companyNames)}${industry ?? '贸易'}有限公司` : null
    const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(demoTags).name))]
    if (isCompany && !tags.includes('企业客户')) tags.push('企业客户')
    const groups = [cityGroups[city] ?? regionGroups[province]].filter((group): group is string => group !== undefined)
    if (random() < 0.1) groups.push('重点跟进')
    const birthYear = 1955 + Math.floor(random() * 50)
    const birthday =
      random() < 0.7
        ? `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
        : null
    const marketing = random() < 0.4
    const notes = random() < 0.7 ? pick(noteTemplates)(pick(products)) : null
    return {
      name: pick(surnames) + given,
      gender,
      birthday,
      occupation: random() < 0.6 ? pick(occupations) : null,
      company,
      industry,
      source: random() < 0.8 ? pick(sources) : null,
      level: weighted(levelWeights),
      lifecycleStatus: weighted(lifecycleWeights),
      consent: { marketing, channel: marketing ? pick(consentChannels) : null },
      phones,
      emails,
      address,
      tags,
      groups,
      notes,
      owner: weighted(ownerWeights),
      ageMs: Math.floor(random() * 180 * 24 * 60 * 60 * 1000),
    }
  })
}
