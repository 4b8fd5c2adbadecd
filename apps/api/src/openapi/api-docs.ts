import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument } from './openapi-document.js';

export const API_DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = `${API_DOCS_PATH}/openapi.json`;

/**
 * GET /docs: Swagger UI, served from the swagger-ui-dist package (no CDN);
 * GET /docs/openapi.json: the document. Built on first request, once every module is known.
 */
export function serveApiDocs(app: INestApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'SIGNEXPERT API',
    swaggerOptions: { defaultModelsExpandDepth: 1 },
  });
}
