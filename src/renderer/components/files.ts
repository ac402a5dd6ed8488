/** Browser file helpers that behave the same in Electron and in the headless host. */
import { notifications } from '@mantine/notifications'
import i18n from 'i18next'
import { PERSONAL_EXPORT } from '../../shared/privacy'
import { formatDecimal } from '../../shared/format'
import { screenLang } from '../i18n/months'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const PDF_TYPE = 'application/pdf'

/** Reads a chosen or dropped file as base64 (without the data: prefix), to pass in an operation. */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error(i18n.t('common:files.unreadable')))
    reader.readAsDataURL(file)
  })
}

/**
 * Saves bytes an operation returned (base64) under a file name: a download in the browser,
 * Electron's save dialog in the window; the system opens PDFs with its own viewer.
 */
export function downloadBase64(base64: string, fileName: string, type = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  if (PERSONAL_EXPORT.test(fileName)) notifications.show({ color: 'yellow', title: fileName, message: i18n.t('common:files.personal'), autoClose: 10_000 })
}

/** A file size with the screen's decimal mark: "1,2 MB" / "1.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${formatDecimal(n / 1024, 1, screenLang())} KB`
  return `${formatDecimal(n / 1024 / 1024, n < 10 * 1024 * 1024 ? 2 : 1, screenLang())} MB`
}
