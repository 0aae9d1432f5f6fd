import { areaList } from '@vant/area-data'

/**
 * What the benchmark's customers are made of. Frequencies follow the shape of real Chinese data (a few
 * surnames cover a third of the population, most people live in a handful of big provinces), because the search
 * plans depend on how skewed the terms are, not on how many distinct ones there are.
 */

/** Surname and its share of the population in per mille (roughly the 2020 census ranking). */
export const surnameWeights: readonly [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 18], ['周', 17],
  ['徐', 12], ['孙', 12], ['马', 11], ['朱', 10], ['胡', 9], ['郭', 9], ['何', 8], ['林', 8], ['高', 8], ['罗', 8],
  ['郑', 6], ['梁', 6], ['谢', 5], ['宋', 5], ['唐', 5], ['许', 5], ['韩', 4], ['冯', 4], ['邓', 4], ['曹', 4],
  ['彭', 4], ['曾', 4], ['肖', 4], ['田', 4], ['董', 3], ['袁', 3], ['潘', 3], ['于', 3], ['蒋', 3], ['蔡', 3],
  ['余', 3], ['杜', 3], ['叶', 3], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 2], ['卢', 2], ['姜', 2], ['崔', 2], ['钟', 2], ['谭', 2], ['陆', 2], ['汪', 2], ['范', 2], ['金', 2],
  ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2],
  ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 1], ['闫', 1], ['段', 1], ['雷', 1], ['侯', 1],
  ['龙', 1], ['史', 1], ['陶', 1], ['黎', 1], ['贺', 1], ['顾', 1], ['毛', 1], ['郝', 1], ['龚', 1], ['邵', 1],
  ['万', 1], ['钱', 1], ['严', 1], ['覃', 1], ['武', 1], ['戴', 1], ['莫', 1], ['孔', 1], ['向', 1], ['汤', 1],
  // Surnames read differently from the everyday reading of their character, and compound surnames.
  ['单', 0.5], ['解', 0.3], ['仇', 0.2], ['欧阳', 0.6], ['司马', 0.1], ['上官', 0.1], ['诸葛', 0.1], ['东方', 0.1],
  ['尉迟', 0.05], ['慕容', 0.05], ['皇甫', 0.05], ['令狐', 0.05],
]

// Characters of given names, most frequent first; a Zipf law over the position makes 伟, 芳, 娜 … common.
export const maleNameCharacters = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文博海东峰成亮晨轩然泽睿子一天嘉振家永德春金荣新兴立晓云彬毅鸿坤瑞航锋宏达光良彪亚星哲诚']
export const femaleNameCharacters = [...'芳娜敏静丽艳娟霞秀玲婷雪琳颖倩燕慧梅兰红莉洁萍英丹璐瑶欣怡涵梓诗雨佳思晓紫萱雅琴月悦薇蕾琪茜彤婉馨妍菲凤洋春桂珍玉素晶淑娇宁']

const brandWords = [
  '恒信', '博远', '华泰', '金诚', '嘉禾', '瑞丰', '天成', '鼎盛', '宏达', '思创', '新锐', '云帆', '启明', '汇通', '清源',
  '盛世', '德润', '永利', '佳和', '远航', '方圆', '聚力', '优品', '朗峰', '海纳', '中信', '安泰', '同创', '锦绣', '众合',
  '东升', '鑫源', '华美', '卓越', '明德', '长青', '凯撒', '腾达', '百川', '易达', '凌云', '正和', '天合', '星辰', '富康',
]
const trades = ['科技', '贸易', '电子', '餐饮', '建材', '服饰', '文化传媒', '教育咨询', '医疗器械', '物流', '食品', '家居', '汽车服务', '网络', '印刷']
const companyForms: readonly [string, number][] = [['有限公司', 70], ['股份有限公司', 8], ['商行', 10], ['工作室', 7], ['经营部', 5]]

export const industries = ['零售', '制造', '软件', '教育', '餐饮', '医疗', '物流', '房地产', '咨询', '贸易']
export const occupations = ['工程师', '教师', '医生', '会计', '销售经理', '设计师', '公务员', '自由职业', '企业主', '行政', '退休']
export const sourceWeights: readonly [string, number][] = [
  ['门店到访', 30], ['朋友介绍', 18], ['微信小程序', 16], ['电话咨询', 10], ['展会', 6], ['线上广告', 12], ['老客户转介绍', 8],
]
export const streets = ['人民路', '解放路', '中山路', '建设路', '文三路', '滨江大道', '长江路', '和平路', '新华路', '学院路', '东风路', '青年路']
export const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199']
export const emailDomains: readonly [string, number][] = [['qq.com', 45], ['163.com', 25], ['126.com', 10], ['foxmail.com', 6], ['sina.com', 5], ['outlook.com', 5], ['gmail.com', 4]]
export const orderChannels: readonly [string, number][] = [['门店', 45], ['微信小程序', 25], ['天猫', 12], ['京东', 8], ['电话', 6], ['拼多多', 4]]
export const activityContents = ['电话回访，客户满意', '到店体验新品', '微信发送活动信息', '上门安装调试', '跟进报价单', '节日问候', '处理售后问题', '邀请参加会员日']
export const contactTitles = ['总经理', '采购经理', '财务', '行政主管', '老板', '店长', '技术负责人']

/** 40 tags; their order is their popularity (the first ones are on many customers, the last on few). */
export const tagNames = [
  '老客户', '会员', '新客户', '待回访', '高意向', 'VIP', '价格敏感', '转介绍', '团购', '企业客户',
  '线上下单', '节日礼品', '复购', '沉睡唤醒', '生日关怀', '投诉过', '大额订单', '学生', '宝妈', '退休人员',
  '装修中', '新房业主', '车主', '宠物主人', '健身爱好者', '茶友', '摄影爱好者', '母婴', '数码控', '美妆',
  '海外客户', '经销商', '加盟意向', '样品已寄', '展会结识', '直播间', '社群活跃', '积分高', '黑名单观察', '合作伙伴',
]
export const tagColors = ['blue', 'gold', 'red', 'purple', 'cyan', 'green', 'orange', 'geekblue', 'magenta', 'volcano', 'lime']

/** A tree of 21 groups, up to three levels deep. */
export const groupTree: readonly { name: string; parent: string | null }[] = [
  { name: '华东区', parent: null },
  { name: '上海客户', parent: '华东区' },
  { name: '杭州客户', parent: '华东区' },
  { name: '西湖门店', parent: '杭州客户' },
  { name: '滨江门店', parent: '杭州客户' },
  { name: '南京客户', parent: '华东区' },
  { name: '华南区', parent: null },
  { name: '广州客户', parent: '华南区' },
  { name: '深圳客户', parent: '华南区' },
  { name: '南山门店', parent: '深圳客户' },
  { name: '华北区', parent: null },
  { name: '北京客户', parent: '华北区' },
  { name: '天津客户', parent: '华北区' },
  { name: '西部区', parent: null },
  { name: '成都客户', parent: '西部区' },
  { name: '重庆客户', parent: '西部区' },
  { name: '重点跟进', parent: null },
  { name: '大客户', parent: null },
  { name: '战略大客户', parent: '大客户' },
  { name: '渠道伙伴', parent: null },
  { name: '流失挽回', parent: null },
]

export const staffCount = { managers: 3, sales: 27 }

/** Provinces by population in millions (the 2020 census, rounded); Hong Kong, Macao and Taiwan are left out. */
const provincePopulation: Record<string, number> = {
  '44': 126, '37': 101, '41': 99, '32': 85, '51': 84, '13': 75, '43': 66, '33': 65, '34': 61, '42': 58, '45': 50,
  '53': 47, '36': 45, '21': 43, '35': 42, '61': 40, '52': 39, '14': 35, '50': 32, '23': 31, '65': 26, '31': 25,
  '62': 25, '15': 24, '22': 24, '11': 22, '12': 14, '46': 10, '64': 7, '63': 6, '54': 4,
}

export interface District {
  provinceCode: string
  cityCode: string
  districtCode: string
}

/**
 * Every district of @vant/area-data with a weight: its province's population, shared among its cities with a
 * Zipf law over their order (the capital comes first in GB/T 2260) and among the city's districts likewise.
 */
export const weightedDistricts = (): [District, number][] => {
  const cities = Object.keys(areaList.city_list)
  const districts = Object.keys(areaList.county_list)
  const result: [District, number][] = []
  for (const [prefix, population] of Object.entries(provincePopulation)) {
    const provinceCities = cities.filter((code) => code.startsWith(prefix)).sort()
    provinceCities.forEach((cityCode, cityRank) => {
      const cityDistricts = districts.filter((code) => code.slice(0, 4) === cityCode.slice(0, 4)).sort()
      const cityShare = 1 / (cityRank + 1) ** 0.9
      const districtShare = (rank: number) => 1 / (rank + 1) ** 0.5
      const districtTotal = cityDistricts.reduce((sum, _code, rank) => sum + districtShare(rank), 0)
      cityDistricts.forEach((districtCode, districtRank) => {
        const weight = (population * cityShare * districtShare(districtRank)) / districtTotal
        result.push([{ provinceCode: `${prefix}0000`, cityCode, districtCode }, weight])
      })
    })
  }
  return result
}

export const companyParts = { brandWords, trades, companyForms }
