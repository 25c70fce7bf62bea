import { z } from 'zod';

// pdf_upload: a statement PDF was uploaded. accountName, accountNumber and bvn are PII.
export const creditchekPdfUploadDataSchema = z
  .looseObject({
    success: z.boolean(),
    pageCount: z.number().int().nonnegative().optional(),
    accountName: z.string().optional(),
    accountNumber: z.string().optional(),
    accountType: z.string().optional(),
    bankName: z.string().optional(),
    bankCode: z.string().optional(),
    pdfUrl: z.string().optional(),
    bvn: z.string().optional().meta({ description: 'Bank Verification Number (PII)' }),
    borrowerId: z.string().min(1),
  })
  .meta({ title: 'CreditChekPdfUploadData' });

export type CreditChekPdfUploadData = z.output<typeof creditchekPdfUploadDataSchema>;
