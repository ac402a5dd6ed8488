import { AsyncLocalStorage } from 'node:async_hooks'
import type { Role } from '../../shared/contract/roles'

/** The logged-in person a call runs for; services read it for the audit log and maker-checker rules. */
export interface Actor {
  userId: string
  username: string
  displayName: string
  role: Role
}

// One store per process: concurrent calls in the host each see their own caller.
const store = new AsyncLocalStorage<Actor>()

export function runAs<T>(actor: Actor | null, fn: () => T): T {
  return actor ? store.run(actor, fn) : fn()
}

export const currentActor = (): Actor | null => store.getStore() ?? null
