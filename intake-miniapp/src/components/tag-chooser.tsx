import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import type { RemoteState } from '../api/use-remote'
import type { Tag } from '../api/types'
import { useStrings } from '../i18n/language'
import { TAG_MAX_LENGTH } from '../register/customer-form'
import { BUTTON_ROLE, ariaRole } from './accessibility'

interface TagChooserProps {
  tags: RemoteState<Tag[]>
  selectedIds: string[]
  newTags: string[]
  onRetry: () => void
  onToggleExisting: (tagId: string) => void
  onRemoveNew: (name: string) => void
  /** Returns whether the typed tag was taken, so the entry is emptied only then. */
  onAddTyped: (typed: string) => boolean
}

/** The tags the store already uses as chips (checkboxes), and new ones typed in, created with the customer. */
export function TagChooser({ tags, selectedIds, newTags, onRetry, onToggleExisting, onRemoveNew, onAddTyped }: TagChooserProps) {
  const { t } = useStrings()
  const [draft, setDraft] = useState('')
  const addDraft = () => {
    if (onAddTyped(draft)) setDraft('')
  }

  return (
    <View>
      {tags.status === 'loading' ? <View className="field__hint">{t('tagsLoading')}</View> : null}
      {tags.status === 'failed' ? (
        <View className="link-button" onClick={onRetry} {...BUTTON_ROLE}>
          {t('loadFailedRetry')}
        </View>
      ) : null}
      <View className="chip-row">
        {(tags.status === 'ready' ? tags.data : []).map((tag) => {
          const selected = selectedIds.includes(tag.id)
          return (
            <View
              key={tag.id}
              className={selected ? 'chip chip--selected' : 'chip'}
              {...ariaRole('checkbox')}
              aria-checked={selected ? 'true' : 'false'}
              onClick={() => onToggleExisting(tag.id)}
            >
              {tag.name}
            </View>
          )
        })}
        {newTags.map((name) => (
          <View
            key={`new:${name}`}
            className="chip chip--selected chip--new"
            {...ariaRole('checkbox')}
            aria-checked="true"
            onClick={() => onRemoveNew(name)}
          >
            {name}
          </View>
        ))}
      </View>
      <View className="tag-entry">
        <Input
          className="text-input tag-entry__input"
          value={draft}
          maxlength={TAG_MAX_LENGTH}
          placeholder={t('tagInputPlaceholder')}
          aria-label={t('tagInputPlaceholder')}
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={addDraft}
        />
        <View className="tag-entry__add" onClick={addDraft} {...BUTTON_ROLE}>
          {t('tagAdd')}
        </View>
      </View>
    </View>
  )
}
