import type { Gender } from '../generated/prisma/enums.js'

/** mulberry32: a tiny seeded PRNG, so every fresh install gets the same demo customers. */
const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

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
const tagPool = ['老客户', 'VIP', '高意向', '团购', '会员', '新客户', '待回访', '转介绍', '企业客户', '价格敏感']
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

export type DemoOwner = 'sales1' | 'sales2' | 'manager'
const ownerWeights: [DemoOwner, number][] = [['sales1', 45], ['sales2', 40], ['manager', 15]]

export interface DemoCustomer {
  name: string
  gender: Gender
  phone: string | null
  email: string | null
  province: string
  city: string
  tags: string[]
  notes: string | null
  owner: DemoOwner
  /** How long before the seed time the customer was created. */
  ageMs: number
}

export const demoStaff = [
  { username: 'manager', displayName: '王经理', role: 'manager' },
  { username: 'sales1', displayName: '李娜', role: 'sales' },
  { username: 'sales2', displayName: '张伟', role: 'sales' },
] as const

/** About 200 plausible customers, the same on every run. */
export const generateDemoCustomers = (count = 200): DemoCustomer[] => {
  const random = seededRandom(20_240_601)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const weighted = <T>(entries: readonly [T, number][]): T => {
    let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0)
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    return entries[entries.length - 1]![0]
  }
  const digits = (length: number) => Array.from({ length }, () => Math.floor(random() * 10)).join('')
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

  return Array.from({ length: count }, () => {
    const genderRoll = random()
    const gender: Gender = genderRoll < 0.47 ? 'male' : genderRoll < 0.94 ? 'female' : 'unknown'
    const given = gender === 'female' ? pick(femaleGivenNames) : gender === 'male' ? pick(maleGivenNames) : pick([...maleGivenNames, ...femaleGivenNames])
    const province = weighted(provinceWeights)
    const phone = random() < 0.95 ? uniqueMobile() : null
    const emailRoll = random()
    const email =
      emailRoll < 0.25 ? `${digits(1 + Math.floor(random() * 8)).replace(/^0/, '1')}${digits(5)}@qq.com`
      : emailRoll < 0.45 ? `${phone ?? digits(11)}@${pick(emailDomains)}`
      : null
    const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(tagPool)))]
    const notes = random() < 0.7 ? pick(noteTemplates)(pick(products)) : null
    return {
      name: pick(surnames) + given,
      gender,
      phone,
      email,
      province,
      city: pick(regions[province] ?? [province]),
      tags,
      notes,
      owner: weighted(ownerWeights),
      ageMs: Math.floor(random() * 180 * 24 * 60 * 60 * 1000),
    }
  })
}
