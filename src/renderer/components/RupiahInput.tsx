import { TextInput, type TextInputProps } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRupiah, parseRupiah } from '../../shared/format'

/** What a RupiahInput reports: an integer amount, '' when empty, NaN when the text is not an amount. */
export type RupiahValue = number | ''

/** True when a RupiahInput value is a usable amount (not empty, not NaN). */
export const isAmount = (v: RupiahValue | null | undefined): v is number => typeof v === 'number' && Number.isSafeInteger(v)

/**
 * The one money field: reads "1.250.000", "1250000" and "Rp 1.250.000" (shared `parseRupiah`),
 * shows "Rp 1.250.000" once the field is left, refuses decimals with a visible error.
 * While the text is not an amount, onChange gets NaN, so a form cannot save an old or partial
 * value by accident ("750.000" must never become Rp 750). Works with `form.getInputProps`.
 */
export function RupiahInput(props: Omit<TextInputProps, 'value' | 'onChange'> & {
  value?: RupiahValue | null
  onChange: (v: RupiahValue) => void
  allowNegative?: boolean
}) {
  const { t } = useTranslation()
  const { value, onChange, allowNegative = false, error, onBlur, onFocus, ...rest } = props
  const show = (v: RupiahValue | null | undefined) => (isAmount(v) ? formatRupiah(v) : '')
  const [text, setText] = useState(() => show(value))
  const focused = useRef(false)
  const emitted = useRef<RupiahValue | null | undefined>(value)
  // A value set from outside (form reset, record loaded) replaces the text; our own echo does not.
  useEffect(() => {
    if (!Object.is(value, emitted.current)) {
      emitted.current = value
      if (!focused.current) setText(show(value))
    }
  }, [value])
  const own = problem(text, allowNegative, t)
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      placeholder="Rp 0"
      {...rest}
      value={text}
      error={own ?? error}
      onFocus={(e) => {
        focused.current = true
        onFocus?.(e)
      }}
      onBlur={(e) => {
        focused.current = false
        const n = parseRupiah(text)
        if (n !== null && (allowNegative || n >= 0)) setText(formatRupiah(n))
        onBlur?.(e)
      }}
      onChange={(e) => {
        const s = e.currentTarget.value
        setText(s)
        const n = s.trim() === '' ? '' : parseRupiah(s)
        const v: RupiahValue = n === '' ? '' : n !== null && (allowNegative || n >= 0) ? n : NaN
        emitted.current = v
        onChange(v)
      }}
    />
  )
}

function problem(text: string, allowNegative: boolean, t: (k: string) => string): string | null {
  if (text.trim() === '') return null
  const n = parseRupiah(text)
  if (n === null) return /[,.]\d{1,2}$/.test(text.trim()) ? t('money.noCents') : t('money.invalid')
  if (n < 0 && !allowNegative) return t('money.negative')
  return null
}
