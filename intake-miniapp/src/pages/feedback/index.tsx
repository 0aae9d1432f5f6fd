import { Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { FormError } from '../../components/form-error'
import { BUTTON_ROLE, PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { ChoiceChips } from '../../components/choice-chips'
import { FormField } from '../../components/form-field'
import { useStrings } from '../../i18n/language'
import { ConsentCheck } from '../../components/consent-check'
import {
  FEEDBACK_CATEGORIES,
  emptyFeedbackForm,
  feedbackErrorsFromDetails,
  validateFeedbackForm,
  type FeedbackField,
  type FeedbackFormErrors,
  type FeedbackFormState,
} from '../../public/feedback-form'
import { isDeadChannel, type PublicFormSession } from '../../public/form-session'
import { LongTextInput } from '../../public/long-text-input'
import { NpsScale } from '../../public/nps-scale'
import { PHONE_INPUT_PROPS } from '../../public/phone-input-props'
import { PublicFrame } from '../../public/public-frame'
import { PhotoPicker } from '../../public/photo-picker'
import { uploadPhoto } from '../../public/photo-upload'
import { PhotoUploads } from '../../public/photo-uploads'
import { admitPhotos, photoProblemParams, type PickedPhoto } from '../../public/photos'
import { publicErrorMessage } from '../../public/public-errors'
import { StarRating } from '../../public/star-rating'
import { SubmissionKey } from '../../public/submission-key'
import { sendFeedback } from '../../public/submissions'
import { usePublicForm } from '../../public/use-public-form'
import { goToThanks } from '../../routes'
import './index.css'

const PHOTO_ERROR_CODES: ReadonlySet<string> = new Set(['PHOTO_TOO_LARGE', 'PHOTO_TYPE_NOT_ALLOWED', 'TOO_MANY_PHOTOS'])
const PHONE_MAX_LENGTH = 20
// On H5 Taro's Image is a <div> around the <img>; the role makes the named wrapper the image.
const IMAGE_ROLE = { role: 'img' } as const

interface PhotoEntry {
  photo: PickedPhoto
  /** `waiting`: the upload failed for want of a network; it is tried again at submit. */
  status: 'uploading' | 'uploaded' | 'waiting'
}

export default function FeedbackPage() {
  const { t } = useStrings()
  const [state, retry, markDead] = usePublicForm('feedback')

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('feedbackTitle') })
  }, [t])

  return (
    <PublicFrame state={state} onRetry={retry}>
      {(session) => <FeedbackForm session={session} onChannelDead={markDead} />}
    </PublicFrame>
  )
}

function FeedbackForm({ session, onChannelDead }: { session: PublicFormSession; onChannelDead: () => void }) {
  const { t } = useStrings()
  const { limits, channel } = session
  const [form, setForm] = useState<FeedbackFormState>(emptyFeedbackForm)
  const [errors, setErrors] = useState<FeedbackFormErrors>({})
  const [photos, setPhotos] = useState<PhotoEntry[]>([])
  const [busy, setBusy] = useState(false)
  const uploads = useMemo(() => new PhotoUploads(session, uploadPhoto), [session])
  const submissionKey = useRef(new SubmissionKey())

  const update = <K extends keyof FeedbackFormState>(field: K, value: FeedbackFormState[K], ...cleared: FeedbackField[]) => {
    setForm((current) => ({ ...current, [field]: value }))
    setErrors((current) => {
      const next: FeedbackFormErrors = { ...current, form: undefined }
      for (const slot of [field as FeedbackField, ...cleared]) delete next[slot]
      return next
    })
  }

  const setPhotoStatus = (localId: string, status: PhotoEntry['status']) =>
    setPhotos((current) => current.map((entry) => (entry.photo.localId === localId ? { ...entry, status } : entry)))

  const dropPhoto = (localId: string) => {
    setPhotos((current) => current.filter((entry) => entry.photo.localId !== localId))
    uploads.forget(localId)
  }

  const addPhotos = (candidates: PickedPhoto[]) => {
    const { accepted, problem } = admitPhotos(photos.length, candidates, limits)
    setErrors((current) => ({ ...current, photos: problem ? t(problem.key, problem.params) : undefined }))
    if (!accepted.length) return
    const countAfter = photos.length + accepted.length
    setPhotos((current) => [...current, ...accepted.map((photo): PhotoEntry => ({ photo, status: 'uploading' }))])
    for (const photo of accepted) {
      uploads.add(photo, countAfter).then(
        () => setPhotoStatus(photo.localId, 'uploaded'),
        (error: unknown) => {
          if (isDeadChannel(error)) return onChannelDead()
          if (error instanceof ApiError && error.code === 'NETWORK_ERROR') return setPhotoStatus(photo.localId, 'waiting')
          // The server refused this photo (its bytes are no image of ours, too large, too many): it goes.
          dropPhoto(photo.localId)
          setErrors((current) => ({ ...current, photos: publicErrorMessage(error, t, limits) }))
        },
      )
    }
  }

  const submit = async () => {
    const clientErrors = validateFeedbackForm(form, limits, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ ...clientErrors, form: t('fixHighlightedFields') })
      return
    }
    const picked = photos.map((entry) => entry.photo)
    // Made when the customer presses submit; pressing again after a failure sends the same key.
    const idempotencyKey = submissionKey.current.keyFor({ form, photos: picked.map((photo) => photo.localId) })
    setBusy(true)
    setErrors({})
    try {
      const receipt = await sendFeedback({ session, uploads, idempotencyKey, form, photos: picked })
      submissionKey.current.settle()
      goToThanks('feedback', receipt.number)
    } catch (error) {
      setBusy(false)
      if (isDeadChannel(error)) onChannelDead()
      else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setErrors(feedbackErrorsFromDetails(error.details, t('fixHighlightedFields')))
      } else if (error instanceof ApiError && PHOTO_ERROR_CODES.has(error.code)) {
        setErrors({ photos: publicErrorMessage(error, t, limits), form: t('fixHighlightedFields') })
      } else setErrors({ form: publicErrorMessage(error, t, limits) })
    }
  }

  const phoneEntered = form.phone.trim() !== ''
  const photoParams = photoProblemParams(limits)

  return (
    <View className="card">
      <View className="card__title" {...PAGE_HEADING}>{t('feedbackTitle')}</View>
      <View className="public-page__target">{t('feedbackTarget', { store: channel.storeName })}</View>
      {channel.staffName ? <View className="card__subtitle">{t('feedbackStaff', { staff: channel.staffName })}</View> : null}

      <FormField label={t('feedbackRatingLabel')} required error={errors.rating}>
        <StarRating label={t('feedbackRatingLabel')} value={form.rating} onChange={(rating) => update('rating', rating)} />
      </FormField>

      <FormField label={t('feedbackNpsLabel')} error={errors.nps}>
        <NpsScale value={form.nps} onChange={(nps) => update('nps', nps)} />
      </FormField>

      <FormField label={t('feedbackCategoryLabel')} required error={errors.category}>
        <ChoiceChips
          label={t('feedbackCategoryLabel')}
          choices={FEEDBACK_CATEGORIES.map((choice) => ({ value: choice.value, label: t(choice.label) }))}
          selected={form.category}
          onSelect={(category) => update('category', category)}
        />
      </FormField>

      <FormField label={t('feedbackTextLabel')} error={errors.text}>
        <LongTextInput
          label={t('feedbackTextLabel')}
          value={form.text}
          placeholder={t('feedbackTextPlaceholder')}
          maxLength={limits.maxTextLength}
          onChange={(text) => update('text', text)}
        />
        <View className="long-text__count">{t('feedbackTextCount', { count: form.text.length, max: limits.maxTextLength })}</View>
      </FormField>

      <FormField label={t('feedbackPhotosLabel')} error={errors.photos}>
        <View className="field__hint">{t('feedbackPhotosHint', photoParams)}</View>
        <View className="photo-grid">
          {photos.map((entry, index) => (
            <View key={entry.photo.localId} className="photo-grid__item">
              <Image
                className="photo-grid__image"
                src={entry.photo.previewUrl}
                mode="aspectFill"
                aria-label={t('photoAlt', { n: index + 1 })}
                {...IMAGE_ROLE}
              />
              {entry.status === 'uploading' ? <Text className="photo-grid__status">{t('photoUploading')}</Text> : null}
              <View
                className="photo-grid__remove"
                aria-label={t('photoRemove', { n: index + 1 })}
                onClick={() => dropPhoto(entry.photo.localId)}
                {...BUTTON_ROLE}
              >
                ×
              </View>
            </View>
          ))}
          {photos.length < limits.maxPhotos ? (
            <PhotoPicker
              label={t('photoAdd')}
              fileInputLabel={t('photoFileInput')}
              remaining={limits.maxPhotos - photos.length}
              onPicked={addPhotos}
            />
          ) : null}
        </View>
      </FormField>

      <FormField label={t('feedbackPhoneLabel')} error={errors.phone}>
        <Input
          className="text-input"
          {...PHONE_INPUT_PROPS}
          maxlength={PHONE_MAX_LENGTH}
          value={form.phone}
          placeholder={t('feedbackPhonePlaceholder')}
          aria-label={t('feedbackPhoneLabel')}
          onInput={(event) => update('phone', event.detail.value, 'contactConsent')}
        />
      </FormField>
      <ConsentCheck
        label={t('feedbackContactConsent')}
        checked={form.contactConsent}
        error={phoneEntered ? errors.contactConsent : undefined}
        onToggle={() => update('contactConsent', !form.contactConsent)}
      />
      <View className="privacy-notice">{t('feedbackPrivacyNote')}</View>

      <FormError message={errors.form} />
      <ActionButton label={t('feedbackSubmit')} busyLabel={t('submitInProgress')} busy={busy} onPress={() => void submit()} />
    </View>
  )
}
