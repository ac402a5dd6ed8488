import { DateInput, type DateInputProps } from '@mantine/dates'
import 'dayjs/locale/id'
import { useTranslation } from 'react-i18next'

const pad = (n: string) => n.padStart(2, '0')

/** Reads what an Indonesian office types: 17/08/1985, 17-8-1985, 17.08.1985 or 1985-08-17. */
export function parseTypedDate(text: string): string | null {
  const s = text.trim()
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (m) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : null
}

/**
 * A date as the office writes it (HH/BB/TTTT), stored as an ISO string; '' when empty.
 * Works with `form.getInputProps` (value + onChange + error).
 */
export function DateField(props: Omit<DateInputProps, 'value' | 'onChange'> & { value?: string; onChange: (v: string) => void }) {
  const { i18n } = useTranslation()
  const { value, onChange, ...rest } = props
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder="HH/BB/TTTT"
      dateParser={parseTypedDate}
      locale={i18n.language}
      clearable
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
    />
  )
}
