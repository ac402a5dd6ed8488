import { app, session, shell, type WebContents } from 'electron'
import { CSP } from '../host/server'

export const APP_ORIGIN = 'app://simpul'

/** The only origins whose frames may call the IPC handler or be navigated to. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false
  if (url.startsWith(`${APP_ORIGIN}/`)) return true
  const dev = process.env.ELECTRON_RENDERER_URL
  return !app.isPackaged && !!dev && url.startsWith(dev)
}

/** The one way to open something outside the app: https links only. */
export function openExternalSafely(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url)
  } catch {
    /* not a URL: ignore */
  }
}

export function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
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
