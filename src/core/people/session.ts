import { randomBytes } from 'node:crypto'
import type { Result } from '../../shared/result'

/**
 * Sessions live where the window cannot reach them: in the Electron main process (per
 * webContents) or in the headless host (an HttpOnly cookie naming a random token).
 * The renderer only ever sends a password once, to `people.login`, and never sees a secret.
 */
export type SessionChange = { start: string } | { end: true } | null

/** What a finished call means for the caller's session. */
export function sessionChange(op: unknown, result: Result<unknown>): SessionChange {
  if (op === 'people.logout') return { end: true }
  if (!result.ok) return null
  if (op === 'people.login' || op === 'people.firstAdmin' || op === 'office.setup' || op === 'people.recover') {
    const id = (result.data as { user?: { id?: unknown } }).user?.id
    return typeof id === 'string' ? { start: id } : null
  }
  return null
}

/** Random session tokens mapped to user ids, forgotten after `idleMs` without a call. */
export class SessionStore {
  private readonly sessions = new Map<string, { userId: string; seen: number }>()
  constructor(
    private readonly idleMs = 8 * 3600_000,
    private readonly now = () => Date.now(),
  ) {}

  create(userId: string): string {
    const token = randomBytes(32).toString('base64url')
    this.sessions.set(token, { userId, seen: this.now() })
    return token
  }

  userOf(token: string | undefined | null): string | null {
    if (!token) return null
    const s = this.sessions.get(token)
    if (!s) return null
    if (this.now() - s.seen > this.idleMs) {
      this.sessions.delete(token)
      return null
    }
    s.seen = this.now()
    return s.userId
  }

  end(token: string | undefined | null): void {
    if (token) this.sessions.delete(token)
  }
}
