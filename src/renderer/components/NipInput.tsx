import { TextInput, type TextInputProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import i18n from '../i18n'
import { nipDigits, nipProblem } from '../../shared/nip'

/**
 * The message (in the screen's language) that must block saving this NIP; null when it is a NIP,
 * or empty and not required. Forms call this in their validation — the same check the field shows.
 */
export function nipError(text: string | null | undefined, required = false): string | null {
  const s = nipDigits(text ?? '')
  if (s === '') return required ? i18n.t('nip.required') : null
  const p = nipProblem(s)
  return p ? i18n.t(`nip.${p.code}`, { n: p.length }) : null
}

/**
 * NIP field (18 digits; spaces allowed while typing: "19850817 201001 1 003"). Its error shows
 * as soon as the text is wrong; onChange gets digits only. Works with `form.getInputProps`.
 */
export function NipInput(props: Omit<TextInputProps, 'value' | 'onChange'> & {
  value?: string | null
  onChange: (digits: string) => void
  required?: boolean
}) {
  useTranslation() // re-render on language change
  const { value, onChange, required, error, ...rest } = props
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      placeholder="19850817 201001 1 003"
      maxLength={24}
      withAsterisk={required}
      {...rest}
      value={value ?? ''}
      error={nipError(value) ?? error}
      onChange={(e) => onChange(nipDigits(e.currentTarget.value))}
    />
  )
}
