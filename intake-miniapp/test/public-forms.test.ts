import { describe, expect, it } from 'vitest'
import { translate, type StringKey, type StringParams } from '../src/i18n/strings'
import {
  emptyFeedbackForm,
  feedbackErrorsFromDetails,
  toFeedbackPayload,
  validateFeedbackForm,
  type FeedbackFormState,
} from '../src/public/feedback-form'
import { emptyJoinForm, joinErrorsFromDetails, toRegistrationPayload, validateJoinForm } from '../src/public/join-form'
import { admitPhotos, checkPhoto, contentTypeFromName, type PickedPhoto } from '../src/public/photos'

const t = (key: StringKey, params?: StringParams) => translate('zh-CN', key, params)
// The limits GET /api/public/channels/:token answers with (contract).
const limits = {
  maxPhotos: 3,
  maxPhotoBytes: 5_242_880,
  photoTypes: ['image/jpeg' as const, 'image/png' as const, 'image/webp' as const],
  maxTextLength: 2000,
}
const filled = (changes: Partial<FeedbackFormState> = {}): FeedbackFormState => ({
  ...emptyFeedbackForm(),
  rating: 4,
  category: 'service',
  ...changes,
})

describe('feedback form', () => {
  it('needs a rating and a category, nothing else', () => {
    expect(validateFeedbackForm(emptyFeedbackForm(), limits, t)).toEqual({
      rating: '请为本次体验打分',
      category: '请选择反馈类型',
    })
    expect(validateFeedbackForm(filled(), limits, t)).toEqual({})
  })

  it('asks for consent to be contacted once a phone is entered', () => {
    expect(validateFeedbackForm(filled({ phone: '13800138000' }), limits, t)).toEqual({
      contactConsent: '留下手机号时，请勾选同意门店与您联系',
    })
    expect(validateFeedbackForm(filled({ phone: '13800138000', contactConsent: true }), limits, t)).toEqual({})
  })

  it('checks the phone like the staff form does', () => {
    expect(validateFeedbackForm(filled({ phone: '12345', contactConsent: true }), limits, t).phone).toBe('请输入正确的手机号')
    expect(validateFeedbackForm(filled({ phone: '+86 138-0013-8000', contactConsent: true }), limits, t)).toEqual({})
  })

  it('refuses text over the limit and takes text at it', () => {
    expect(validateFeedbackForm(filled({ text: '好'.repeat(2001) }), limits, t).text).toBe('不能超过 2000 个字')
    expect(validateFeedbackForm(filled({ text: '好'.repeat(2000) }), limits, t)).toEqual({})
  })

  it('sends only what was answered, the phone normalised and with its consent', () => {
    expect(toFeedbackPayload(filled({ text: '   ' }), [])).toEqual({ rating: 4, category: 'service' })
    expect(
      toFeedbackPayload(filled({ nps: 0, text: ' 很好 ', phone: '+86 138 0013 8000', contactConsent: true }), ['p1']),
    ).toEqual({ rating: 4, category: 'service', nps: 0, text: '很好', photoIds: ['p1'], phone: '13800138000', contactConsent: true })
  })

  it('puts server validation details on their fields and the rest on the form', () => {
    const errors = feedbackErrorsFromDetails(
      [
        { field: 'contactConsent', message: '需要同意联系' },
        { field: 'photoIds.1', message: '照片无效' },
        { field: 'X-Device-Id', message: '设备标识无效' },
      ],
      '请修正标出的内容',
    )
    expect(errors).toEqual({ contactConsent: '需要同意联系', photos: '照片无效', form: '设备标识无效' })
  })
})

describe('self-registration form', () => {
  it('needs a name, a valid phone and consent', () => {
    expect(validateJoinForm(emptyJoinForm(), t)).toEqual({
      name: '请填写姓名',
      phone: '请填写手机号',
      consent: '请阅读说明并勾选同意后再提交',
    })
    expect(validateJoinForm({ name: '陈晓明', phone: '1380013800', consent: true }, t)).toEqual({ phone: '请输入正确的手机号' })
    expect(validateJoinForm({ name: '陈'.repeat(51), phone: '13800138000', consent: true }, t)).toEqual({ name: '姓名不能超过 50 个字' })
    expect(validateJoinForm({ name: ' 陈晓明 ', phone: '13800138000', consent: true }, t)).toEqual({})
  })

  it('sends the trimmed name, the normalised phone, consent and where it was filled in', () => {
    expect(toRegistrationPayload({ name: ' 陈晓明 ', phone: '138 0013 8000', consent: true }, 'h5')).toEqual({
      name: '陈晓明',
      phone: '13800138000',
      consent: true,
      client: 'h5',
    })
  })

  it('puts server details on name, phone and consent', () => {
    expect(joinErrorsFromDetails([{ field: 'phone', message: '手机号无效' }], '请修正标出的内容')).toEqual({
      phone: '手机号无效',
      form: '请修正标出的内容',
    })
  })
})

const photo = (overrides: Partial<PickedPhoto> = {}): PickedPhoto => ({
  localId: Math.random().toString(36).slice(2),
  source: 'wxfile://tmp_1.jpg',
  previewUrl: 'wxfile://tmp_1.jpg',
  contentType: 'image/jpeg',
  byteSize: 200_000,
  fileName: 'tmp_1.jpg',
  ...overrides,
})

describe('photo checks before uploading', () => {
  it('tells the type from a WeChat temporary path or a file name', () => {
    expect(contentTypeFromName('wxfile://tmp_abc.JPG')).toBe('image/jpeg')
    expect(contentTypeFromName('http://tmp/abc.webp')).toBe('image/webp')
    expect(contentTypeFromName('shop.png')).toBe('image/png')
    expect(contentTypeFromName('scan.heic')).toBeUndefined()
    expect(contentTypeFromName('noextension')).toBeUndefined()
  })

  it('refuses other types and files over 5 MB, with the message the customer sees', () => {
    const typeProblem = checkPhoto({ contentType: 'image/gif', byteSize: 1000 }, limits)
    expect(typeProblem && t(typeProblem.key, typeProblem.params)).toBe('只能上传 JPG、PNG 或 WebP 格式的图片')
    expect(checkPhoto({ contentType: undefined, byteSize: 1000 }, limits)?.key).toBe('photoTypeNotAllowed')
    const sizeProblem = checkPhoto({ contentType: 'image/png', byteSize: 5_242_881 }, limits)
    expect(sizeProblem && t(sizeProblem.key, sizeProblem.params)).toBe('每张照片不能超过 5 MB')
    expect(checkPhoto({ contentType: 'image/webp', byteSize: 5_242_880 }, limits)).toBeUndefined()
  })

  it('takes photos up to three and says why the rest stayed out', () => {
    const first = photo()
    const second = photo()
    const third = photo()
    const { accepted, problem } = admitPhotos(1, [first, second, third], limits)
    expect(accepted).toEqual([first, second])
    expect(problem && t(problem.key, problem.params)).toBe('最多上传 3 张照片')
  })

  it('skips a refused photo and keeps the good ones', () => {
    const good = photo()
    const { accepted, problem } = admitPhotos(0, [photo({ contentType: 'image/gif' }), good], limits)
    expect(accepted).toEqual([good])
    expect(problem?.key).toBe('photoTypeNotAllowed')
  })
})
