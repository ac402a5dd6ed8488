import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOp } from '../hooks'

/** Chooses the regulation (decree) a record rests on, searched by kind, number, year or title. */
export function RegulationPicker(props: { label: string; value: string | null; onChange: (id: string | null) => void; error?: string; description?: string }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [debounced] = useDebouncedValue(text, 200)
  const list = useOp('regulation.search', { text: debounced, limit: 50 })
  const current = useOp('regulation.get', { id: props.value ?? '' }, !!props.value)
  const options = [...(list.data ?? [])]
  if (current.data && !options.some((o) => o.id === current.data!.id)) options.unshift(current.data)
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      searchable
      clearable
      placeholder={t('regulationPicker.placeholder')}
      data={options.map((r) => ({ value: r.id, label: `${r.label}${r.status === 'dicabut' ? ` (${t('regulationPicker.revoked')})` : ''}` }))}
      value={props.value}
      onChange={props.onChange}
      onSearchChange={setText}
      nothingFoundMessage={t('regulationPicker.none')}
      filter={({ options: o }) => o}
    />
  )
}
