import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/charts/styles.css'
import 'mantine-datatable/styles.css'
import './print.css'
import './app.css'
import { MantineProvider, createTheme, darken, type CSSVariablesResolver } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
// Registered before the router's own hashchange listener, so a form with changes can hold navigation.
import './components/leaveGuard'
import { App } from './App'
import { ConfirmHost } from './components/confirm'

// Contrast for old office monitors and WCAG AA (checked by axe in e2e): filled buttons use the
// darkest shade, text on light fills switches to dark by itself, grey hints are darker than
// Mantine's default.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  autoContrast: true,
  luminanceThreshold: 0.175,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // A badge says its whole word ("PURNAMA", "DATA TIDAK LENGKAP"): the cell grows, the text is never cut.
    Badge: { styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } },
  },
})
const HINT_GREY = '#5f646b'
// Light fills (badges, active menu item, light buttons) on the palest shade, text on the darkest;
// the warm colours need text darker than their own darkest shade to reach 4.5:1.
const WARM = new Set(['yellow', 'orange', 'lime', 'green'])
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': HINT_GREY,
    '--mantine-color-placeholder': HINT_GREY,
    ...Object.fromEntries(
      Object.keys(t.colors).flatMap((name) => [
        [`--mantine-color-${name}-light`, `var(--mantine-color-${name}-0)`],
        [`--mantine-color-${name}-light-hover`, `var(--mantine-color-${name}-1)`],
        ...(WARM.has(name)
          ? [[`--mantine-color-${name}-light-color`, darken(t.colors[name][9], 0.45)], [`--mantine-color-${name}-text`, darken(t.colors[name][9], 0.3)]]
          : []),
      ]),
    ),
  },
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
