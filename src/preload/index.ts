import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../shared/contract'

// Exposes only the contract's operations; every call goes through one channel
// that the main process validates and routes to the handler table.
contextBridge.exposeInMainWorld(
  'simpul',
  buildApi((op, input) => ipcRenderer.invoke('simpul:call', op, input)),
)
