import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi/openapi.document';

@Controller('docs')
export class DocsController {
  @Get()
  document(): typeof openApiDocument {
    return openApiDocument;
  }
}
