import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/charts/styles.css'
import 'mantine-datatable/styles.css'
import './print.css'
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
import { App } from './App'
import { ConfirmHost } from './components/confirm'

// Contrast for old office monitors and WCAG AA (checked by axe in e2e): filled buttons use the
// darkest shade, text on light fills switches to dark by itself, grey hints are darker than
// Mantine's default.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  autoContrast: true,
  luminanceThreshold: 0.32,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // A badge says its whole word ("PURNAMA", "DATA TIDAK LENGKAP"): the cell grows, the text is never cut.
    Badge: { styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } },
  },
})
const HINT_GREY = '#6b7178'
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': HINT_GREY, '--mantine-color-placeholder': HINT_GREY },
  dark: {},
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" />
      <App />
      <ConfirmHost />
    </MantineProvider>
  </StrictMode>,
)
