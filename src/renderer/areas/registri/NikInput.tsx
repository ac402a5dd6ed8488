import { Group, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { decodeNik, type NikDecoded } from '../../../shared/nik'
import { useOp } from '../../hooks'
import { fmtDate, NS } from './shared'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * NIK field that shows what the number says while the operator types: the pure decoder
 * answers at once; the region names and warnings come from the reference, a moment later.
 */
export function NikInput(props: {
  value: string
  onChange: (v: string) => void
  error?: React.ReactNode
  birthDate: string
  sex: 'L' | 'P' | null
  onDecoded?: (d: NikDecoded) => void
}) {
  const { t } = useTranslation(NS)
  const local = decodeNik(props.value, today())
  const digits = props.value.replace(/\s/g, '')
  const [debounced] = useDebouncedValue(props.value, 200)
  const remote = useOp('registry.nikCheck', { nik: debounced, birthDate: props.birthDate || null, sex: props.sex }, local.valid && debounced.length >= 16)
  const d = local.decoded
  const typing = props.value.replace(/\D/g, '').length < 16 && /^\d*$/.test(props.value.replace(/\s/g, ''))
  const region = d && remote.data?.decoded?.nik === d.nik ? remote.data.region : null
  const regionText = region?.kecamatan ? `Kec. ${region.kecamatan}, ${region.kabupaten}` : d ? t('kader.regionUnknown', { code: d.kecamatanCode }) : ''
  const warnings = d && remote.data?.decoded?.nik === d.nik ? remote.data.warnings : []
  // Messages by code, so English screens say them in English (core's Indonesian text is the fallback).
  const issue = (i: { code: string; message: string }) =>
    t(`nikIssue.${i.code}`, {
      defaultValue: i.message,
      n: digits.length,
      code: d?.kecamatanCode ?? '',
      entered: props.birthDate ? fmtDate(props.birthDate) : '',
      nik: d ? fmtDate(d.birthDate) : '',
      enteredSex: props.sex ? t(`sex.${props.sex}`).toLowerCase() : '',
      nikSex: d ? t(`sex.${d.sex}`).toLowerCase() : '',
    })
  const error = props.error || (!typing && props.value && local.errors[0] && issue(local.errors[0]))
  // While typing: the first six digits already name the kecamatan where the NIK was issued.
  const partial = typing && digits.length >= 6
  const partialCode = partial ? `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}` : '00.00.00'
  const partialRegion = useOp('wilayah.get', { code: partialCode }, partial)
  return (
    <div>
      <TextInput
        label={t('kader.nik')}
        description={t('kader.nikHint')}
        withAsterisk
        inputMode="numeric"
        maxLength={20}
        styles={{ input: { fontFamily: "monospace", letterSpacing: 1 } }}
        value={props.value}
        error={error || undefined}
        onChange={(e) => {
          const v = e.currentTarget.value
          props.onChange(v)
          const dec = decodeNik(v, today()).decoded
          if (dec) props.onDecoded?.(dec)
        }}
        data-autofocus
        autoFocus
      />
      {partial && (
        <Text size="sm" c="dimmed" mt={4} data-testid="nik-partial">
          {t('kader.partial', { region: partialRegion.data ? `Kec. ${partialRegion.data.name}` : t('kader.regionUnknown', { code: partialCode }), n: digits.length })}
        </Text>
      )}
      {d && (
        <Group gap={6} mt={4} wrap="nowrap" align="flex-start" data-testid="nik-decoded">
          <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" style={{ flex: "none", marginTop: 2 }} />
          <Text size="sm" c="teal.8">
            {t('kader.decoded', { region: regionText, birth: fmtDate(d.birthDate), sex: t(`sex.${d.sex}`) })}
          </Text>
        </Group>
      )}
      {warnings.map((w) => (
        <Group gap={6} mt={2} key={w.code} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={16} color="var(--mantine-color-yellow-8)" style={{ flex: "none", marginTop: 2 }} />
          <Text size="sm" c="yellow.9">{issue(w)}</Text>
        </Group>
      ))}
    </div>
  )
}
