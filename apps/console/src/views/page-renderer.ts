import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { Session } from '../auth/session.entity';
import { LAYOUT } from './layout.view';

/**
 * Server-rendered pages (Handlebars, HTML-escaped by default): each page's template inside the
 * layout. Templates are compiled once, on first use.
 */
@Injectable()
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    this.handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null, null, 1));
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.layout = this.handlebars.compile(LAYOUT, { strict: false });
  }

  render(
    title: string,
    template: string,
    data: Record<string, unknown>,
    session?: Session,
    error?: string,
  ): string {
    let page = this.compiled.get(template);
    if (!page) {
      page = this.handlebars.compile(template);
      this.compiled.set(template, page);
    }
    const body = page({ ...data, session });
    return this.layout({ title, body, session, error });
  }
}
