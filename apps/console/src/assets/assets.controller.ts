import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { SignedOutRoute } from '../auth/console-route.decorators';
import { CONSOLE_SCRIPT } from './console-script.asset';
import { CONSOLE_STYLE } from './console-style.asset';

// Chart.js as npm ships it (its UMD build defines window.Chart), read once.
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The static files the pages load: no personal data, cacheable. */
@Controller('assets')
@SignedOutRoute()
export class AssetsController {
  private chart?: Promise<string>;

  @Get('chart.umd.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  chartJs(): Promise<string> {
    this.chart ??= readFile(CHART_JS, 'utf8');
    return this.chart;
  }

  @Get('console.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return CONSOLE_SCRIPT;
  }

  @Get('console.css')
  @Header('content-type', 'text/css; charset=utf-8')
  style(): string {
    return CONSOLE_STYLE;
  }
}
