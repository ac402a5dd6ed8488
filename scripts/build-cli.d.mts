export const CLI_BUNDLE_DIR: string
export const CLI_BUNDLE: string
export function cliBundleFresh(): boolean
export function buildCli(): Promise<string>
export function ensureCliBundle(): Promise<string | null>
