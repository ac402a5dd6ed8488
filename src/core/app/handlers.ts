import type { Handlers } from '../handlers'
import { APP_VERSION } from '../context'
import { backupDatabase, keepBackups, listBackups } from '../db/backup'
import { integrityCheck } from '../db/open'
import { verifyAuditChain } from '../db/audit-chain'
import { restoreInContext } from '../db/restore'
import { diagnosticsZip } from './diagnostics'
import { acceptUpdate } from '../update/verify'
import { getSetting, publicSettings, PUBLIC_SETTING, setSetting } from '../settings'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import { nipDigits, nipProblem } from '../../shared/nip'
import { wilayahChildren, wilayahGet, wilayahSearch } from '../wilayah/service'

/** Kept here too for callers that imported it from the app handlers. */
export { keepBackups }

export const appHandlers = {
  'app.info': (_i, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataFile: ctx.dataFile,
    wilayahVersion: getSetting(ctx.sqlite, 'wilayah_version') ?? '',
    host: ctx.host === 'electron' ? 'electron' : 'headless',
  }),
  'app.integrity': (_i, ctx) => {
    const db = integrityCheck(ctx.sqlite)
    const audit = verifyAuditChain(ctx.sqlite)
    return { ok: db.ok && audit.ok, messages: [...db.messages, ...audit.problems.map((p) => p.message)], audit }
  },
  'app.diagnostics': (_i, ctx) => diagnosticsZip(ctx),
  'app.updateFromFile': (i, ctx) => acceptUpdate(ctx.dataDir, Buffer.from(i.installerBase64, 'base64'), i.signatureText, APP_VERSION),
  'office.get': (_i, ctx) => ctx.office(),
  'settings.get': (_i, ctx) => publicSettings(ctx.sqlite),
  'settings.set': (i, ctx) => {
    if (!PUBLIC_SETTING.test(i.key)) throw new AppError('SETTING_UNKNOWN', msg('app.settingUnknown', { key: i.key }))
    if (i.key === 'update.url' && i.value && !/^https:\/\/\S+$/.test(i.value)) {
      throw new AppError('SETTING_INVALID', msg('app.updateUrl'))
    }
    // A signatory's NIP is printed under the signature: a wrong one is refused, never "saved".
    const isNip = /^sign\.[a-z_]+_nip$/.test(i.key)
    const nipWrong = isNip && i.value ? nipProblem(i.value) : null
    if (nipWrong) throw new AppError('NIP_INVALID', msg('app.nipInvalid', { problem: nipWrong.msg }), { reason: nipWrong.code, length: nipWrong.length })
    setSetting(ctx.sqlite, i.key, isNip ? nipDigits(i.value) : i.value)
    return publicSettings(ctx.sqlite)
  },
  'wilayah.children': (i, ctx) => wilayahChildren(ctx.sqlite, i.parentCode),
  'wilayah.get': (i, ctx) => wilayahGet(ctx.sqlite, i.code),
  'wilayah.search': (i, ctx) => wilayahSearch(ctx.sqlite, i.text, i.within, i.limit),
  // The Electron main answers it itself (src/main/index.ts); the headless host has no menu to change.
  'platform.setLanguage': () => null,
  'platform.printToPdf': () => {
    throw new AppError('NOT_SUPPORTED', msg('app.pdfDesktop'))
  },
  // The host receives files as a stream (POST /api/upload); only the desktop window sends bytes.
  'platform.upload': () => {
    throw new AppError('NOT_SUPPORTED', msg('app.uploadDesktop'))
  },
  'backup.list': (_i, ctx) => listBackups(ctx.backupsDir),
  'backup.restore': (i, ctx) => {
    const found = listBackups(ctx.backupsDir).find((b) => b.name === i.name)
    if (!found) throw new AppError('NOT_FOUND', msg('backup.notInFolder', { name: i.name }))
    return restoreInContext(ctx, found.file, keepBackups(ctx), { confirmOtherOffice: i.confirmOtherOffice })
  },
  'backup.create': (i, ctx) => backupDatabase(ctx.sqlite, ctx.backupsDir, i.reason, ctx.clock, keepBackups(ctx)),
} satisfies Partial<Handlers>
