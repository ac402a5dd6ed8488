import { app, session, shell, type WebContents } from 'electron'
import { CSP } from '../host/server'
import { externalTarget, isTrustedUrl as trusted, PERSONAL_EXPORT, WINDOW_TEXTS, type WindowLang } from './policy'

export { APP_ORIGIN } from './policy'

export const isTrustedUrl = (url: string | undefined) => trusted(url, { packaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL })

/** Folders whose files the app wrote itself and may hand to the system viewer. */
let appDirs: string[] = []
export const allowOpeningFilesIn = (dirs: string[]) => (appDirs = dirs)

/** The one way to open something outside the app (see policy.ts). */
export function openExternalSafely(target: string): void {
  const t = externalTarget(target, appDirs)
  if (t?.kind === 'https') void shell.openExternal(t.url)
  else if (t?.kind === 'file') void shell.openPath(t.path)
}

/** The window's language (platform.setLanguage), for the save dialog's notice. */
let windowLang: WindowLang = 'id'
export const setWindowLang = (lang: WindowLang) => (windowLang = lang)

export function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  // Exports holding NIK or bank accounts say so in the save dialog.
  ses.on('will-download', (_e, item) => {
    if (PERSONAL_EXPORT.test(item.getFilename())) {
      const notice = WINDOW_TEXTS[windowLang].personal
      item.setSaveDialogOptions({ title: notice, message: notice })
    }
  })
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) {
      event.preventDefault()
      openExternalSafely(url)
    }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
}
