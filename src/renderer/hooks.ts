import { useCallback, useEffect, useRef, useState } from 'react'
import { notifications } from '@mantine/notifications'
import type { Input, OpName, Output } from '../shared/contract'
import { failedTitle } from './i18n/errors'
import { ApiError, call } from './api'

/** Loads one operation's result and reloads when `input` changes (compared as JSON). */
export function useOp<K extends OpName>(op: K, input: Input<K>, enabled = true) {
  const [data, setData] = useState<Output<K> | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(enabled)
  const key = JSON.stringify(input)
  const seq = useRef(0)
  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    try {
      const d = await call(op, JSON.parse(key) as Input<K>)
      if (mine === seq.current) (setData(() => d), setError(null))
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [op, key])
  useEffect(() => {
    if (enabled) void reload()
  }, [reload, enabled])
  return { data, error, loading, reload, setData }
}

/** Shows a refusal as a red notification; returns undefined on failure. */
export async function callWithNotice<K extends OpName>(op: K, input: Input<K>, success?: string): Promise<Output<K> | undefined> {
  try {
    const out = await call(op, input)
    if (success) notifications.show({ color: 'green', message: success })
    return out
  } catch (e) {
    notifications.show({ color: 'red', title: failedTitle(), message: (e as Error).message, autoClose: 8000 })
    return undefined
  }
}
