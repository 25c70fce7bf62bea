import { ConfigError } from '@ledgerhook/platform';
import { loadCredfinApiConfig } from './credfin-api.config';

const SECRET = 'a-token-secret-0123456789';
const valid = {
  CREDFIN_API_URL: 'https://api.credfin.example/',
  CREDFIN_API_TOKEN_ID: 'tok_1',
  CREDFIN_API_TOKEN_SECRET: SECRET,
};

function configError(env: Record<string, string>): string {
  try {
    loadCredfinApiConfig('report-retriever', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCredfinApiConfig', () => {
  it('defaults every path to the documented bundle path and the README assumptions', () => {
    const config = loadCredfinApiConfig('report-retriever', valid);
    expect(config.baseUrl).toBe('https://api.credfin.example');
    expect(config.paths).toEqual({
      bundle: '/api/application/{application_id}/bundle',
      'application-report': '/api/application/{application_id}/report',
      'analysis-report': '/api/analysis/{analysis_id}/report',
      'analysis-pdf': '/api/analysis/{analysis_id}/pdf',
      'analysis-html': '/api/analysis/{analysis_id}/html',
      'summary-pdf': '/api/application/{application_id}/summary/pdf',
      'summary-html': '/api/application/{application_id}/summary/html',
    });
    expect(
      loadCredfinApiConfig('report-retriever', {
        ...valid,
        CREDFIN_API_BUNDLE_PATH: '/api/applications/{application_id}/bundle',
      }).paths.bundle,
    ).toBe('/api/applications/{application_id}/bundle');
  });

  // The signature covers the path Credfin receives; a path hidden in the base URL would be sent but
  // not signed, and every request refused. Paths belong in CREDFIN_API_*_PATH.
  it.each([
    ['a base URL with a path', 'https://api.credfin.example/v2'],
    ['a base URL with a query', 'https://api.credfin.example/?x=1'],
    ['a scheme other than http(s)', 'ftp://api.credfin.example'],
    ['text that is no URL', 'api.credfin.example'],
  ])('refuses %s, naming CREDFIN_API_URL', (_, url) => {
    expect(configError({ ...valid, CREDFIN_API_URL: url })).toMatch(/CREDFIN_API_URL/);
  });

  it('refuses a short secret or a path without its leading slash, never quoting the secret', () => {
    const message = configError({
      ...valid,
      CREDFIN_API_TOKEN_SECRET: 'short',
      CREDFIN_API_ANALYSIS_PDF_PATH: 'api/analysis/{analysis_id}/pdf',
    });
    expect(message).toMatch(/CREDFIN_API_TOKEN_SECRET/);
    expect(message).toMatch(/CREDFIN_API_ANALYSIS_PDF_PATH/);
    expect(message).not.toContain('short');
  });
});
