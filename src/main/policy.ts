import { isAbsolute, relative, resolve } from 'node:path'
import { PERSONAL_NOTICE, PERSONAL_NOTICE_EN } from '../shared/privacy'

/**
 * The Electron window's security decisions as plain functions (no electron import), so
 * tests can prove them: which pages may call in, what may be opened outside the app.
 */
export const APP_ORIGIN = 'app://simpul'

/** Only our own pages (app://simpul/…, or the dev server while developing) may call the IPC handler or be navigated to. */
export function isTrustedUrl(url: string | undefined, env: { packaged: boolean; devUrl?: string }): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'app:' && parsed.host === 'simpul') return true
  if (env.packaged || !env.devUrl) return false
  const dev = new URL(env.devUrl)
  return parsed.origin === dev.origin
}

export type ExternalTarget = { kind: 'https'; url: string } | { kind: 'file'; path: string } | null

/**
 * The one rule for shell.openExternal / openPath: https links, and files inside the folders
 * the app itself writes (attachments, exports, updates). Anything else is not opened.
 */
export function externalTarget(target: string, appDirs: string[]): ExternalTarget {
  let url: URL | null = null
  try {
    url = new URL(target)
  } catch {
    url = null
  }
  if (url?.protocol === 'https:') return { kind: 'https', url: url.toString() }
  if (url && url.protocol !== 'file:') return null
  const path = url ? decodeURIComponent(url.pathname) : target
  if (!isAbsolute(path)) return null
  const full = resolve(path)
  const inside = appDirs.some((d) => {
    const rel = relative(resolve(d), full)
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  })
  return inside ? { kind: 'file', path: full } : null
}

export { PERSONAL_EXPORT } from '../shared/privacy'

export type WindowLang = 'id' | 'en'

/** The words Electron's main process shows itself (menu, save dialog), in the window's language. */
export const WINDOW_TEXTS = {
  id: { file: 'Berkas', quit: 'Keluar', view: 'Tampilan', reload: 'Muat ulang', fullscreen: 'Layar penuh', zoomIn: 'Perbesar', zoomOut: 'Perkecil', resetZoom: 'Ukuran asli', personal: PERSONAL_NOTICE },
  en: { file: 'File', quit: 'Quit', view: 'View', reload: 'Reload', fullscreen: 'Full screen', zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetZoom: 'Actual size', personal: PERSONAL_NOTICE_EN },
} satisfies Record<WindowLang, Record<string, string>>
