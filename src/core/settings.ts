import type Database from 'better-sqlite3'

/** Settings are local rows of `meta` whose keys are listed here or start with an area prefix. */
export function getSetting(sqlite: Database.Database, key: string): string | null {
  const row = sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value ?? null
}

export function setSetting(sqlite: Database.Database, key: string, value: string): void {
  sqlite.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}

/** Keys a person may see and change from the settings screen (internal state is hidden). */
// operator_name is gone: the audit log names the logged-in person (issue #13).
export const PUBLIC_SETTING = /^(language|backup\.keep|update\.url|letterhead\.[a-z_]+|sign\.[a-z_]+|[a-z]+\.pref\.[a-z_]+)$/

export function publicSettings(sqlite: Database.Database): Record<string, string> {
  const rows = sqlite.prepare('SELECT key, value FROM meta ORDER BY key').all() as { key: string; value: string }[]
  return Object.fromEntries(rows.filter((r) => PUBLIC_SETTING.test(r.key)).map((r) => [r.key, r.value]))
}
