import { createContext, useContext } from 'react'
import type { OpName } from '../shared/contract'
import type { UserInfo } from '../shared/contract/people'
import { allowed } from '../shared/contract/roles'

/** The logged-in person as the window knows them: name and role only, never a secret. */
export interface Session {
  user: UserInfo
  /** May this person call `op`? The same table the dispatcher enforces. */
  can(op: OpName): boolean
  logout(): Promise<void>
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside the logged-in shell')
  return s
}

/** `can(op)` for components that may also render outside the shell (print pages, tests). */
export function useCan(): (op: OpName) => boolean {
  const s = useContext(SessionContext)
  return (op) => (s ? s.can(op) : false)
}

export const makeSession = (user: UserInfo, logout: () => Promise<void>): Session => ({ user, logout, can: (op) => allowed(user.role, op) })

/** Fired by the API layer when a call finds no session (host restarted, idle timeout). */
export const LOGGED_OUT_EVENT = 'simpul:logged-out'
