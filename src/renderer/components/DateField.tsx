import { DateInput, MonthPickerInput, type DateInputProps, type MonthPickerInputProps } from '@mantine/dates'
import 'dayjs/locale/id'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const pad = (n: string) => n.padStart(2, '0')

/** Reads what an Indonesian office types: 17/08/1985, 17-8-1985, 17.08.1985 or 1985-08-17. */
export function parseTypedDate(text: string): string | null {
  const s = text.trim()
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  let iso: string | null = null
  if (m) iso = `${m[3]}-${pad(m[2])}-${pad(m[1])}`
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}`
  if (!iso) return null
  // 31/02/2026 is not a date; refuse rather than roll over to March.
  const [y, mo, d] = iso.split('-').map(Number)
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? iso : null
}

/** Today's local date as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** The current month as YYYY-MM. */
export const currentMonth = (now = new Date()) => todayIso(now).slice(0, 7)

/** The last month that is over (a monthly report or a payment for it makes sense from then on). */
export function lastCompleteMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1)
  return currentMonth(d)
}

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'maxDate' | 'minDate'> & {
  value?: string | null
  onChange: (v: string) => void
  /** Refuse dates after today (birth dates, payments, signing dates). */
  notInFuture?: boolean
  minDate?: string
  maxDate?: string
}

/**
 * The one date input: typed (HH/BB/TTTT, also 17-8-1985) or picked from an Indonesian calendar,
 * stored as an ISO string; '' when empty. Works with `form.getInputProps` (value + onChange + error).
 */
export function DateField(props: DateFieldProps) {
  const { t, i18n } = useTranslation()
  const { value, onChange, notInFuture, minDate, maxDate, error, onFocus, onClick, onInput, popoverProps, ...rest } = props
  const max = notInFuture ? (maxDate && maxDate < todayIso() ? maxDate : todayIso()) : maxDate
  const own = value && max && value > max ? (notInFuture ? t('date.future') : t('date.tooLate')) : value && minDate && value < minDate ? t('date.tooEarly') : null
  // Once a whole date is typed the calendar closes, so the next click (Save) is not taken by a day.
  const [typed, setTyped] = useState(false)
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder={t('date.placeholder')}
      dateParser={parseTypedDate}
      locale={i18n.language === 'en' ? 'en' : 'id'}
      clearable
      // The × has a name for screen readers (axe: button-name).
      clearButtonProps={{ 'aria-label': t('date.clear') }}
      // Days out of range cannot be picked; a typed one is kept and shown as an error, not dropped silently.
      excludeDate={(d) => Boolean((max && String(d).slice(0, 10) > max) || (minDate && String(d).slice(0, 10) < minDate))}
      {...rest}
      popoverProps={{ ...popoverProps, ...(typed ? { opened: false } : {}) }}
      onFocus={(e) => (setTyped(false), onFocus?.(e))}
      onClick={(e) => (setTyped(false), onClick?.(e))}
      onInput={(e) => (setTyped(parseTypedDate(e.currentTarget.value) !== null), onInput?.(e))}
      error={own ?? error}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
    />
  )
}

type MonthFieldProps = Omit<MonthPickerInputProps, 'value' | 'onChange' | 'maxDate' | 'minDate' | 'type'> & {
  /** YYYY-MM, '' when empty. */
  value?: string | null
  onChange: (ym: string) => void
  /** Latest month that may be chosen (YYYY-MM), e.g. lastCompleteMonth() for reports on a month that is over. */
  maxMonth?: string
  minMonth?: string
}

/** One month ("November 2026"), stored as YYYY-MM; months after `maxMonth` cannot be picked. */
export function MonthField(props: MonthFieldProps) {
  const { t, i18n } = useTranslation()
  const { value, onChange, maxMonth, minMonth, error, ...rest } = props
  const own = value && maxMonth && value > maxMonth ? t('date.monthTooLate') : null
  return (
    <MonthPickerInput
      valueFormat="MMMM YYYY"
      placeholder={t('date.monthPlaceholder')}
      locale={i18n.language === 'en' ? 'en' : 'id'}
      maxDate={maxMonth ? `${maxMonth}-01` : undefined}
      clearButtonProps={{ 'aria-label': t('date.clear') }}
      minDate={minMonth ? `${minMonth}-01` : undefined}
      {...rest}
      error={own ?? error}
      value={value ? `${value}-01` : null}
      onChange={(v) => onChange(v ? String(v).slice(0, 7) : '')}
    />
  )
}
