import { app } from 'electron'
import electronUpdater from 'electron-updater'

/**
 * Checks for updates only when the office has set an update server (many have no
 * internet); the generic provider reads latest.yml from that URL.
 */
export function setupUpdater(url: string | null): void {
  if (!app.isPackaged || !url) return
  const { autoUpdater } = electronUpdater
  autoUpdater.setFeedURL({ provider: 'generic', url })
  autoUpdater.autoDownload = false
  autoUpdater.checkForUpdates().catch((e: Error) => console.warn('[simpul] pemeriksaan pembaruan gagal:', e.message))
}
