import { notifications } from '@mantine/notifications'
import type { Input, OpName, Output } from '../../../shared/contract'
import { failedTitle } from '../../i18n/errors'
import { ApiError, call } from '../../api'

/**
 * Calls an operation from a form: field errors from zod go beside their fields,
 * any other refusal becomes a red notification. Returns undefined when refused.
 */
export async function submit<K extends OpName>(
  op: K,
  input: Input<K>,
  setErrors: (e: Record<string, string>) => void,
  success?: string,
): Promise<Output<K> | undefined> {
  setErrors({})
  try {
    const out = await call(op, input)
    if (success) notifications.show({ color: 'green', message: success })
    return out
  } catch (e) {
    const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path: string[]; message: string }[]) : []
    const fields = Object.fromEntries(details.filter((d) => d.path.length).map((d) => [d.path[0], d.message]))
    if (Object.keys(fields).length) setErrors(fields)
    else notifications.show({ color: 'red', title: failedTitle(), message: (e as Error).message, autoClose: 8000 })
    return undefined
  }
}

/** Empty text inputs travel as null. */
export const orNull = (v: string) => (v.trim() ? v.trim() : null)
