/** Browser file helpers that behave the same in Electron and in the headless host. */

/** Reads a chosen file as base64 (without the data: prefix). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('Berkas tidak terbaca'))
    reader.readAsDataURL(file)
  })
}

export function base64ToBlob(base64: string, type: string): Blob {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type })
}

/**
 * Saves bytes returned by an operation under a file name; the browser (or Electron's
 * download handler) passes it on to the system, which opens PDFs with its own viewer.
 */
export function saveBase64(base64: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(base64ToBlob(base64, type))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export const PDF_TYPE = 'application/pdf'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
