// Deterministic synthetic Credfin content (never real people): the same id always gives the same
// bytes. Convention of the simulator: an application's analyses are <application id>1 and
// <application id>2, one per account.

export interface SyntheticAccount {
  analysisId: string;
  bsb: string;
  number: string;
  holder: string;
}

const HOLDERS = ['Avery Quill', 'Rowan Hale', 'Sasha Penrose', 'Jordan Vale', 'Morgan Reed'];

export function accountsOf(applicationId: string): SyntheticAccount[] {
  const n = Number(applicationId) || applicationId.length;
  return [1, 2].map((index) => ({
    analysisId: `${applicationId}${index}`,
    bsb: `${String(100 + ((n * index) % 900)).padStart(3, '0')}-${String(100 + ((n * 7 + index) % 900)).padStart(3, '0')}`,
    number: String(10_000_000 + ((n * 7919 * index) % 89_999_999)),
    holder: HOLDERS[(n + index) % HOLDERS.length] as string,
  }));
}

export function applicationOfAnalysis(
  analysisId: string,
): { applicationId: string; account: SyntheticAccount } | undefined {
  if (!/^\d{2,}$/.test(analysisId)) return undefined;
  const applicationId = analysisId.slice(0, -1);
  const account = accountsOf(applicationId).find((candidate) => candidate.analysisId === analysisId);
  return account ? { applicationId, account } : undefined;
}

export function analysisReport(applicationId: string, account: SyntheticAccount): Buffer {
  return Buffer.from(
    JSON.stringify({
      analysis_id: Number(account.analysisId),
      application_id: Number(applicationId),
      vendor_specific_id: `SIM-${applicationId}`,
      account: { bsb: account.bsb, number: account.number, account_holder: account.holder },
      metrics: { average_monthly_income: 4_250.5, days_negative: 2, gambling_transactions: 0 },
    }),
  );
}

export function applicationReport(applicationId: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      application_id: Number(applicationId),
      vendor_specific_id: `SIM-${applicationId}`,
      accounts: accountsOf(applicationId).map((account) => ({
        analysis_id: Number(account.analysisId),
        bsb: account.bsb,
        number: account.number,
      })),
      metrics: { total_monthly_income: 8_501, accounts: 2 },
    }),
  );
}

/** A small, valid PDF (one page, one line of text) with a correct cross-reference table. */
export function pdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 18 Tf 72 770 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 72 770 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export function html(title: string): Buffer {
  return Buffer.from(
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  );
}

/**
 * The bundle (format an assumption, see the README): JSON holding every artifact of the application,
 * each base64-encoded with its kind and content type.
 */
export function bundle(applicationId: string): Buffer {
  const artifacts = [
    { kind: 'application-report', content_type: 'application/json', data: applicationReport(applicationId) },
    { kind: 'summary-pdf', content_type: 'application/pdf', data: pdf(`Credfin summary ${applicationId}`) },
    { kind: 'summary-html', content_type: 'text/html', data: html(`Credfin summary ${applicationId}`) },
    ...accountsOf(applicationId).flatMap((account) => [
      {
        kind: 'analysis-report',
        analysis_id: account.analysisId,
        content_type: 'application/json',
        data: analysisReport(applicationId, account),
      },
      {
        kind: 'analysis-pdf',
        analysis_id: account.analysisId,
        content_type: 'application/pdf',
        data: pdf(`Credfin analysis ${account.analysisId}`),
      },
      {
        kind: 'analysis-html',
        analysis_id: account.analysisId,
        content_type: 'text/html',
        data: html(`Credfin analysis ${account.analysisId}`),
      },
    ]),
  ];
  return Buffer.from(
    JSON.stringify({
      application_id: Number(applicationId),
      artifacts: artifacts.map(({ data, ...rest }) => ({ ...rest, base64: data.toString('base64') })),
    }),
  );
}
