import express, { Router } from 'express'
// The package's main module loads the whole browser bundle into Node; only its path helper is needed here.
import getSwaggerUiPath from 'swagger-ui-dist/absolute-path.js'

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kezhi CRM API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head><body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>
`

// Kept out of the page so a strict Content-Security-Policy (no inline scripts) does not break the docs.
// persistAuthorization keeps the token pasted into Authorize (an API key `kz_…` or an access token) across reloads;
// showExtensions shows each operation's `x-permission`; the filter box searches tags and operations.
const initScript = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayOperationId: true,
    showExtensions: true,
    filter: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false
  })
})
`

/** Browsable API docs from the locally installed swagger-ui-dist (works offline, no CDN). */
export const docsRouter = (): Router => {
  const router = Router()
  router.use('/assets', express.static(getSwaggerUiPath(), { index: false, maxAge: '1d' }))
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache')
    res.send(initScript)
  })
  router.get('/', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache')
    res.send(docsPage)
  })
  return router
}
