#!/usr/bin/env node
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openContext } from '../core/context'
import { defaultDataFile } from '../core/paths'
import { environmentFailure } from '../core/failures'
import { AppError } from '../shared/result'
import { EXIT, UsageError, type Command, type Run } from './command'
import { baseCommands } from './commands/base'
import { evaluationCommands } from './commands/evaluation'
import { exchangeCommands } from './commands/exchange'
import { honorCommands } from './commands/honor'
import { programmeCommands } from './commands/programmes'
import { provinceCommands } from './commands/province'
import { registryCommands } from './commands/registry'
import { peopleCommands } from './commands/people'
import { keyForFile, loginForCommand, passwordFromEnvOrPrompt } from './login'
import { formsCommands } from './commands/forms'

/** Every command of DESIGN.md §8; each area adds its list here. */
export const commands: Command[] = [
  ...baseCommands,
  ...exchangeCommands,
  ...evaluationCommands,
  ...honorCommands,
  ...programmeCommands,
  ...registryCommands,
  ...peopleCommands,
  ...provinceCommands,
  ...formsCommands,
]

const GLOBAL = { db: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length))
  return [
    'simpul — registri Posyandu dari baris perintah',
    '',
    'Pemakaian: npm run simpul -- <perintah> [--db <berkas>] [--json]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    `--db   berkas basis data (bawaan: ${defaultDataFile()})`,
    '--json keluaran JSON di stdout; pesan di stderr. Kode keluar: 0 berhasil, 1 ditolak, 2 salah pemakaian.',
    '--user pengguna yang menjalankan perintah (atau SIMPUL_USER); kata sandi dari SIMPUL_PASSWORD atau ditanyakan.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  const words = argv.filter((a) => !a.startsWith('-'))
  const command =
    commands.find((c) => c.name.includes(' ') && c.name === words.slice(0, 2).join(' ')) ?? commands.find((c) => c.name === words[0])
  if (!command || argv.includes('--help') || argv.includes('-h')) {
    ;(command ? process.stdout : process.stderr).write(`${command ? `Pemakaian: ${command.usage}` : usage()}\n`)
    return command || argv.includes('--help') ? EXIT.ok : EXIT.usage
  }
  try {
    const parsed = parseArgs({ args: argv, options: { ...GLOBAL, ...command.options }, allowPositionals: true, strict: true })
    const skip = command.name.split(' ').length
    const dbFile = resolve((parsed.values.db as string | undefined) ?? defaultDataFile())
    const { actor, key } = await loginForCommand(command, dbFile, parsed.values.user as string | undefined)
    // The warehouse's commands run without a role check, but an encrypted office database still needs its key.
    let dbKey = key ?? (command.name === 'warehouse init' || command.name === 'warehouse load' ? await keyForFile(dbFile, parsed.values.user as string | undefined, command.name) : null)
    const run: Run = {
      args: parsed.positionals.slice(skip),
      values: parsed.values,
      json,
      dbFile,
      ctx: () => {
        const ctx = openContext({ dataFile: dbFile, host: 'cli', key: dbKey })
        ctx.actAs(actor)
        // Closing a context that was encrypted meanwhile (init, the first administrator) keeps its key for the next one.
        const close = ctx.close
        ctx.close = () => ((dbKey = ctx.dbKey ?? dbKey), close())
        return ctx
      },
      dbKey: () => dbKey,
      password: passwordFromEnvOrPrompt,
      print: (data, human) => {
        process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${typeof human === 'function' ? human() : human}\n`)
      },
      note: (text) => process.stderr.write(`${text}\n`),
    }
    return await command.run(run)
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Salah pemakaian: ${(e as Error).message}\nPemakaian: ${command.usage}\n`)
      return EXIT.usage
    }
    if (e instanceof AppError) {
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: e.code, message: e.message, details: e.details } }, null, 2)}\n`)
      process.stderr.write(`Ditolak: ${e.message}\n`)
      return EXIT.refused
    }
    // A full disk, a read-only file or a database another program holds: words, not a stack.
    const failure = environmentFailure(e)
    if (!failure) throw e
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: failure }, null, 2)}\n`)
    process.stderr.write(`Gagal: ${failure.message}\n`)
    return EXIT.refused
  }
}

const invokedDirectly = process.argv[1] && /cli[/\\]index\.(ts|js|mjs)$/.test(process.argv[1])
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      // `serve` keeps the loop alive until a signal; everything else ends here.
      process.exitCode = code
    },
    (e) => {
      // The stack is for a developer (SIMPUL_DEBUG=1); the person reads one line.
      if (process.env.SIMPUL_DEBUG) console.error(e)
      else process.stderr.write(`Kesalahan di dalam Simpul: ${(e as Error)?.message ?? String(e)} (SIMPUL_DEBUG=1 menampilkan rinciannya)\n`)
      process.exitCode = 1
    },
  )
}
