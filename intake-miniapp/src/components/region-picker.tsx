import { Picker, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { deferUntilWanted } from '../api/defer-until-wanted'
import { useStrings } from '../i18n/language'
import { PICKER_NEEDS_REGION_DATA, loadRegionDataset } from '../regions/region-data'
import {
  buildRegionTree,
  describeRegion,
  pickerIndicesFor,
  pickerNamesFor,
  selectionFromPickerDetail,
  type RegionDataset,
  type RegionSelection,
} from '../regions/region-tree'
import { BUTTON_ROLE } from './accessibility'

interface RegionPickerProps {
  value: RegionSelection | undefined
  placeholder: string
  onChange: (selection: RegionSelection) => void
}

type DatasetState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; dataset: RegionDataset }

function useRegionDataset(): [DatasetState, () => void] {
  const [state, setState] = useState<DatasetState>({ status: 'loading' })
  const load = useCallback(() => {
    setState({ status: 'loading' })
    loadRegionDataset().then(
      (dataset) => setState({ status: 'ready', dataset }),
      () => setState({ status: 'failed' }),
    )
  }, [])
  useEffect(() => deferUntilWanted(load), [load])
  return [state, load]
}

/**
 * Province, city and district through the platform's region picker: WeChat's native one (its own data,
 * reports names, mapped to our codes), or on H5 Taro's wheel, fed with our data once it has loaded and
 * taking column indices as its value.
 */
export function RegionPicker({ value, placeholder, onChange }: RegionPickerProps) {
  const { t } = useStrings()
  const [datasetState, retry] = useRegionDataset()
  const dataset = datasetState.status === 'ready' ? datasetState.dataset : undefined
  const tree = useMemo(() => (PICKER_NEEDS_REGION_DATA && dataset ? buildRegionTree(dataset) : undefined), [dataset])

  if (PICKER_NEEDS_REGION_DATA && !tree) {
    const failed = datasetState.status === 'failed'
    return (
      <View
        className="picker-trigger picker-trigger--empty"
        aria-busy={failed ? 'false' : 'true'}
        onClick={failed ? retry : undefined}
        {...BUTTON_ROLE}
      >
        {failed ? t('regionLoadFailed') : t('regionLoading')}
      </View>
    )
  }

  return (
    <Picker
      mode="region"
      level="region"
      value={tree ? pickerIndicesFor(value, tree) : pickerNamesFor(value)}
      regionData={tree}
      textProps={{ okText: t('pickerConfirm'), cancelText: t('pickerCancel') }}
      onChange={(event) => {
        const { detail } = event
        // WeChat reports names; they are turned into codes with the dataset, which it may still be loading.
        void loadRegionDataset().then((loaded) => {
          const selection = selectionFromPickerDetail(detail, loaded)
          if (selection) onChange(selection)
        })
      }}
    >
      <View className={value ? 'picker-trigger' : 'picker-trigger picker-trigger--empty'} {...BUTTON_ROLE}>
        {value ? describeRegion(value) : placeholder}
      </View>
    </Picker>
  )
}
