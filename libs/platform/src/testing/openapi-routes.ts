import { readFileSync } from 'node:fs';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { parse } from 'yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One operation of an OpenAPI file, with what its security and personal-data notes say. */
export interface OpenApiRoute {
  method: (typeof METHODS)[number];
  /** The path template, e.g. `/applications/{id}`. */
  path: string;
  /** `security: []`: open to anyone (probes). */
  open: boolean;
  /** The scopes of the bearer requirement, e.g. `[read]` or `[read, pii:read]`. */
  scopes: string[];
  /** `x-personal-data: masked`: personal data in the answer only with pii:read. */
  personalData: boolean;
}

interface Operation {
  security?: Record<string, string[]>[];
  'x-personal-data'?: string;
}

/** Every operation of an OpenAPI file; an operation's own `security` overrides the document's. */
export function openApiRoutes(file: string): OpenApiRoute[] {
  const document = parse(readFileSync(file, 'utf8')) as {
    security?: Record<string, string[]>[];
    paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method] as Operation;
      const security = operation.security ?? document.security ?? [];
      return {
        method,
        path,
        open: security.length === 0,
        // Every alternative (service token, OIDC) asks for the same scopes: the first says which.
        scopes: Object.values(security[0] ?? {})[0] ?? [],
        personalData: operation['x-personal-data'] === 'masked',
      };
    }),
  );
}

/**
 * `GET /applications/{id}`-style names of every route the controllers declare (Nest's metadata), so a
 * test can check each is in the OpenAPI file: a route added without documentation fails a test.
 */
export function controllerRoutes(controllers: readonly Type<unknown>[]): string[] {
  const join = (...parts: string[]) =>
    `/${parts
      .flatMap((part) => part.split('/'))
      .filter(Boolean)
      .join('/')}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return controllers.flatMap((controller) => {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => prototype[name])
      .filter((handler): handler is object => typeof handler === 'function')
      .filter((handler) => Reflect.hasMetadata(PATH_METADATA, handler))
      .map((handler) => {
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
        return `${method} ${join(base, path)}`;
      });
  });
}

/** The OpenAPI file's routes named as controllerRoutes names them. */
export function documentedRoutes(file: string): string[] {
  return openApiRoutes(file).map((route) => `${route.method.toUpperCase()} ${route.path}`);
}
