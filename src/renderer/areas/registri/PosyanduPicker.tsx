import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOp } from '../../hooks'
import { NS } from './shared'

/** Chooses a posyandu by typing part of its name or desa; the server searches (FTS), not the browser. */
export function PosyanduPicker(props: { value: string | null; onChange: (v: string | null) => void; error?: React.ReactNode; initialLabel?: string | null; onLabel?: (label: string) => void }) {
  const { t } = useTranslation(NS)
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 200)
  const [known, setKnown] = useState<Record<string, string>>({})
  const list = useOp('registry.posyanduList', { search: debounced || undefined, pageSize: 30, page: 1, sortBy: 'name', sortDir: 'asc', deleted: false })
  useEffect(() => {
    if (props.value && props.initialLabel) setKnown((k) => ({ ...k, [props.value!]: props.initialLabel! }))
  }, [props.value, props.initialLabel])
  const options = (list.data?.rows ?? []).map((p) => ({ value: p.id, label: `${p.name} — ${p.desaName}` }))
  for (const [value, label] of Object.entries(known)) if (!options.some((o) => o.value === value)) options.push({ value, label })
  return (
    <Select
      label={t('kader.posyandu')}
      placeholder={t('kader.posyanduPh')}
      withAsterisk
      searchable
      filter={({ options: o }) => o}
      data={options}
      value={props.value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, opt) => {
        if (v && opt) (setKnown((k) => ({ ...k, [v]: opt.label })), props.onLabel?.(opt.label))
        props.onChange(v)
      }}
      error={props.error}
      nothingFoundMessage="—"
    />
  )
}
