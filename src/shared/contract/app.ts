import { z } from 'zod'
import { op } from './define'
import { newUser, type ChainReport, type UserInfo } from './people'
import { zm } from '../messages'
import { OFFICE_LEVELS, WILAYAH_CODE_RE, type OfficeLevel } from '../area'

export const wilayahCode = z
  .string()
  .regex(WILAYAH_CODE_RE, zm('field.wilayahCode'))

export type { OfficeLevel } from '../area'

export interface Office {
  id: string
  wilayahCode: string
  name: string
  level: OfficeLevel
  deviceId: string
  createdAt: string
  /** Names of the enclosing areas, for headers and letterheads. */
  provinsi: string
  kabupaten: string
  kecamatan: string | null
}

export interface AppInfo {
  version: string
  schemaVersion: number
  dataFile: string
  wilayahVersion: string
  host: 'electron' | 'headless'
}

export interface Wilayah {
  code: string
  name: string
  level: OfficeLevel | 'desa'
  parentCode: string | null
}

export interface BackupInfo {
  file: string
  name: string
  reason: string
  createdAt: string
  sizeBytes: number
}

export const appOps = {
  'app.info': op<AppInfo>()(z.object({})),
  /** SQLite's own checks plus the audit hash chain (an edited or deleted entry shows here). */
  'app.integrity': op<{ ok: boolean; messages: string[]; audit: ChainReport }>()(z.object({})),
  'office.get': op<Office | null>()(z.object({})),
  /** First run: the office and its first administrator, who is then logged in. */
  /** `recoveryCode`: the database is now encrypted; the code opens it if every password is lost (shown once). */
  'office.setup': op<Office & { user: UserInfo; recoveryCode?: string }>()(
    z.object({
      wilayahCode,
      level: z.enum(OFFICE_LEVELS),
      name: z.string().trim().min(3, zm('field.officeName3')).max(120),
      admin: newUser,
    }),
  ),
  'settings.get': op<Record<string, string>>()(z.object({})),
  'settings.set': op<Record<string, string>>()(
    z.object({ key: z.string().regex(/^[a-z][a-z0-9_.]*$/), value: z.string().max(400_000, zm('field.valueLong')) }),
  ),
  'wilayah.children': op<Wilayah[]>()(z.object({ parentCode: wilayahCode.nullable() })),
  'wilayah.get': op<Wilayah | null>()(z.object({ code: wilayahCode })),
  'wilayah.search': op<Wilayah[]>()(
    z.object({ text: z.string().trim().min(2).max(60), within: wilayahCode.optional(), limit: z.number().int().min(1).max(100).default(20) }),
  ),
  'app.diagnostics': op<{ fileName: string; dataBase64: string }>()(z.object({})),
  /** Checks an installer and its .simpul-sig against the release key, then keeps it for installing. */
  'app.updateFromFile': op<{ version: string; path: string }>()(
    z.object({ installerBase64: z.string().min(1, zm('field.pickInstaller')), signatureText: z.string().min(1, zm('field.pickSignature')).max(10_000) }),
  ),
  'backup.list': op<BackupInfo[]>()(z.object({})),
  /** Desktop only: the window's language, for the application menu and the save dialogs; a no-op elsewhere. */
  'platform.setLanguage': op<null>()(z.object({ lang: z.enum(['id', 'en']) })),
  /**
   * Desktop only: a chosen file's bytes, kept on disk under an upload id for exchange.bundleOpen
   * (as the headless host's POST /api/upload does). Bytes, not base64 text: the main process
   * writes them off its thread and never passes a national bundle on to the database worker.
   */
  'platform.upload': op<{ uploadId: string; sizeBytes: number }>()(z.object({ bytes: z.instanceof(Uint8Array) })),
  /** Desktop only: Chromium's printToPDF of the current page, saved where the operator chooses. */
  'platform.printToPdf': op<{ path: string | null }>()(
    z.object({ pageSize: z.enum(['A4', 'F4']), landscape: z.boolean(), suggestedName: z.string().max(120) }),
  ),
  /**
   * Restores one of the listed backups by name (never an arbitrary path from the renderer).
   * A backup of another office is refused (BACKUP_OTHER_OFFICE, details naming both offices)
   * unless `confirmOtherOffice` says the person confirmed exactly that.
   */
  'backup.restore': op<{ previousBackup: BackupInfo }>()(
    z.object({ name: z.string().regex(/^simpul-[\w-]+\.sqlite$/, zm('field.backupName')), confirmOtherOffice: z.boolean().default(false) }),
  ),
  'backup.create': op<BackupInfo>()(z.object({ reason: z.string().max(60).default('manual') })),
} as const
