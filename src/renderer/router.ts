import { useEffect, useState } from 'react'

/** Hash routes ("#/registri/posyandu/123") work the same under app:// and http://. */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent)
  const [parts, setParts] = useState(read)
  useEffect(() => {
    const on = () => setParts(read())
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return parts
}

export const navigate = (path: string) => {
  window.location.hash = `#/${path.replace(/^\//, '')}`
}

export const href = (path: string) => `#/${path.replace(/^\//, '')}`
