import { existsSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import express, { type Response, Router } from 'express'

// Bundlers put a content hash in file names (umi.3f9a12bc.js, app-BzX1a2_Q.css): such a file never changes,
// so browsers may keep it for a year. Everything else, HTML above all, must be revalidated.
const hashedAsset = /[.-](?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{8,}\.[a-z0-9]+$/i

const setCacheHeaders = (res: Response, filePath: string): void => {
  if (extname(filePath) === '.html') res.setHeader('Cache-Control', 'no-cache')
  else if (hashedAsset.test(basename(filePath))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
}

const notBuiltPage = (title: string, command: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>客知 Kezhi</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6">
<h1>${title}</h1>
<p>前端尚未构建，请在仓库根目录运行 <code>${command}</code>，然后刷新本页。</p>
<p>The front end has not been built yet. Run <code>${command}</code> in the repository, then reload this page.</p>
<p>API: <a href="/api/docs">/api/docs</a></p>
</body></html>
`

/**
 * Serves a built single-page app: its files, and its index.html for any other page address so client-side
 * routing works on reload. When the app is not built, pages explain how to build it instead of failing.
 */
export const singlePageApp = (distDir: string, title: string): Router => {
  const router = Router()
  const indexFile = join(distDir, 'index.html')
  router.use(express.static(distDir, { index: false, setHeaders: setCacheHeaders }))
  router.use((req, res, next) => {
    const isPageRequest = (req.method === 'GET' || req.method === 'HEAD') && extname(req.path) === ''
    if (!isPageRequest) {
      next()
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    if (existsSync(indexFile)) res.sendFile(indexFile)
    else res.status(503).type('html').send(notBuiltPage(title, 'pnpm build'))
  })
  return router
}
