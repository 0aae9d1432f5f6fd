import type { PropsWithChildren } from 'react'
import { getLanguage } from './i18n/language'
import './app.css'

if (process.env.TARO_ENV === 'h5') {
  // index.html is written in Chinese; tell the browser when the page shows English instead.
  document.documentElement.lang = getLanguage()
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
