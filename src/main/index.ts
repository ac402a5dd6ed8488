import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, Menu, net, protocol } from 'electron'
import { openContext, type Ctx } from '../core/context'
import { dispatch } from '../core/handlers'
import { fail } from '../shared/result'
import { APP_ORIGIN, hardenContents, hardenSession, isTrustedUrl } from './security'
import { setupUpdater } from './updater'

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let ctx: Ctx | null = null
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
    },
  })
  hardenContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
}

app.on('web-contents-created', (_e, contents) => hardenContents(contents))

void app.whenReady().then(() => {
  hardenSession()
  serveRenderer()
  ctx = openContext({ dataFile: join(app.getPath('userData'), 'simpul.sqlite'), host: 'electron' })
  ipcMain.handle('simpul:call', (event, op: unknown, input: unknown) => {
    // Only our own page may call in; anything else (an injected frame, a navigated page) is refused.
    if (!isTrustedUrl(event.senderFrame?.url)) return fail('FORBIDDEN', 'Pemanggil tidak dikenal')
    return dispatch(ctx!, op, input)
  })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'Berkas', submenu: [{ role: 'quit', label: 'Keluar' }] },
      { label: 'Tampilan', submenu: [{ role: 'reload', label: 'Muat ulang' }, { role: 'togglefullscreen', label: 'Layar penuh' }, { role: 'zoomIn', label: 'Perbesar' }, { role: 'zoomOut', label: 'Perkecil' }, { role: 'resetZoom', label: 'Ukuran asli' }] },
    ]),
  )
  createWindow()
  setupUpdater(ctx)
})

app.on('window-all-closed', () => {
  ctx?.close()
  app.quit()
})
