import type { Ctx } from '../../../src/core/context'
import { dispatch } from '../../../src/core/handlers'

/** Saves a seeded office's letterhead and signer settings as its first admin, as the settings screen would. */
export async function saveSettingsAsAdmin(ctx: Ctx, settings: Record<string, string>): Promise<void> {
  const admin = (ctx.sqlite.prepare(`SELECT id FROM app_user WHERE role = 'admin' AND active = 1 LIMIT 1`).get() as { id: string }).id
  for (const [key, value] of Object.entries(settings)) {
    const r = await dispatch(ctx, 'settings.set', { key, value }, { userId: admin })
    if (!r.ok) throw new Error(`${key}: ${r.error.message}`)
  }
}
