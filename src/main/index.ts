import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, type WebContents } from 'electron'
import { builtWorkerFile, WorkerClient } from '../core/worker/client'
import { contract } from '../shared/contract'
import { AppError, fail, ok } from '../shared/result'
import { failureFor } from '../core/failures'
import { saveUpload } from '../core/uploads'
import { msg } from '../shared/messages'
import { sessionChange } from '../core/people/session'
import { allowOpeningFilesIn, APP_ORIGIN, hardenContents, hardenSession, isTrustedUrl, openExternalSafely, setWindowLang } from './security'
import { WINDOW_TEXTS, type WindowLang } from './policy'
import { setupUpdater } from './updater'

// An installed app on Linux starts once more with glibc's per-thread heaps capped at two, as
// `npm start` starts it (scripts/start.mjs says why): the variable is read only at process start.
if (process.platform === 'linux' && app.isPackaged && !process.env.MALLOC_ARENA_MAX) {
  process.env.MALLOC_ARENA_MAX = '2'
  app.relaunch()
  app.exit(0)
}

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

// The database runs in a worker thread (out/main/worker.js); this process only passes messages.
let client: WorkerClient | null = null
// The logged-in user per window (webContents id): kept here, never in the renderer.
const sessions = new Map<number, string>()
const rendererDir = join(__dirname, '../renderer')

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url)
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html'
    const file = join(rendererDir, rel)
    if (!file.startsWith(rendererDir)) return new Response('Terlarang', { status: 403 })
    return net.fetch(pathToFileURL(file).toString())
  })
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Simpul',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  hardenContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
}

app.on('web-contents-created', (_e, contents) => hardenContents(contents))

void app.whenReady().then(async () => {
  hardenSession()
  serveRenderer()
  try {
    client = await WorkerClient.start({ dataFile: join(app.getPath('userData'), 'simpul.sqlite'), host: 'electron', workerFile: builtWorkerFile(__dirname) })
  } catch (e) {
    // A full disk, a read-only or locked file at start: say so in words and stop, no stack trace.
    // (The worker already turned its failure into a person's message.)
    console.error('[simpul] membuka basis data gagal', e)
    dialog.showErrorBox('Simpul tidak dapat dibuka', (e as { code?: string }).code ? (e as Error).message : failureFor(e).message)
    return app.quit()
  }
  const dataDir = client.dataDir
  allowOpeningFilesIn([join(dataDir, 'files'), join(dataDir, 'updates'), join(dataDir, 'outbox')])
  ipcMain.handle('simpul:call', async (event, op: unknown, input: unknown) => {
    // Only our own page may call in; anything else (an injected frame, a navigated page) is refused.
    if (!isTrustedUrl(event.senderFrame?.url)) return fail('FORBIDDEN', 'Pemanggil tidak dikenal')
    if (op === 'platform.printToPdf') return printToPdf(event.sender, input)
    if (op === 'platform.upload') return receiveUpload(input, sessions.has(event.sender.id))
    if (op === 'platform.setLanguage') {
      const parsed = contract['platform.setLanguage'].input.safeParse(input)
      if (!parsed.success) return fail('INVALID_INPUT', 'Bahasa tidak dikenal')
      setWindowLang(parsed.data.lang)
      setMenu(parsed.data.lang)
      return ok(null)
    }
    const result = await client!.call(String(op), input, { userId: sessions.get(event.sender.id) ?? null })
    const change = sessionChange(op, result)
    if (change && 'start' in change) {
      if (!sessions.has(event.sender.id)) event.sender.once('destroyed', () => sessions.delete(event.sender.id))
      sessions.set(event.sender.id, change.start)
    } else if (change) sessions.delete(event.sender.id)
    // A verified installer from a USB stick is started by the window; the core only checks and keeps it.
    if ((op === 'app.updateFromFile' || op === 'regulation.openAttachment') && result.ok) openExternalSafely((result.data as { path: string }).path)
    return result
  })
  setMenu('id')
  createWindow()
  const settings = await client.call('settings.get', {})
  setupUpdater(settings.ok ? ((settings.data as Record<string, string>)['update.url'] ?? null) : null)
})

/** The application menu in the window's language (the renderer says which: platform.setLanguage). */
function setMenu(lang: WindowLang) {
  const w = WINDOW_TEXTS[lang]
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: w.file, submenu: [{ role: 'quit', label: w.quit }] },
      { label: w.view, submenu: [{ role: 'reload', label: w.reload }, { role: 'togglefullscreen', label: w.fullscreen }, { role: 'zoomIn', label: w.zoomIn }, { role: 'zoomOut', label: w.zoomOut }, { role: 'resetZoom', label: w.resetZoom }] },
    ]),
  )
}

/**
 * A chosen bundle's bytes, written to <dataDir>/tmp under an upload id (core/uploads.ts) off
 * this thread (fs/promises runs in libuv's pool); exchange.bundleOpen then takes the file by id.
 * A 45 MB national bundle arrives here once as bytes (IPC's copy) and is neither decoded from
 * 60 MB of base64 text on this thread nor copied again to the worker.
 */
async function receiveUpload(input: unknown, loggedIn: boolean) {
  // Files come only from someone logged in; the operation that uses the file checks the role.
  if (!loggedIn) return fail('UNAUTHENTICATED', msg('op.unauthenticated'))
  const parsed = contract['platform.upload'].input.safeParse(input)
  if (!parsed.success) return fail('INVALID_INPUT', msg('field.pickBundle'))
  try {
    return ok(await saveUpload(client!.dataDir, parsed.data.bytes))
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.message) // too large
    const f = failureFor(e) // a full or read-only disk, in words
    return fail(f.code, f.message)
  }
}

/** Chromium's own PDF of the report page, saved where the operator chooses. */
async function printToPdf(sender: WebContents, input: unknown) {
  const parsed = contract['platform.printToPdf'].input.safeParse(input)
  if (!parsed.success) return fail('INVALID_INPUT', 'Isian cetak tidak sah')
  const { pageSize, landscape, suggestedName } = parsed.data
  const win = BrowserWindow.fromWebContents(sender)
  const target = await dialog.showSaveDialog(win!, { defaultPath: `${suggestedName}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
  if (target.canceled || !target.filePath) return ok({ path: null })
  const pdf = await sender.printToPDF({
    pageSize: pageSize === 'A4' ? 'A4' : { width: 8.46, height: 12.99 },
    landscape,
    printBackground: true,
    preferCSSPageSize: true,
  })
  await writeFile(target.filePath, pdf)
  return ok({ path: target.filePath })
}

app.on('window-all-closed', () => {
  void (client?.close() ?? Promise.resolve()).finally(() => app.quit())
})
