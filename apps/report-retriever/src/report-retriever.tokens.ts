/** Injection token of the service's ReportRetrieverConfig. */
export const REPORT_RETRIEVER_CONFIG = Symbol('REPORT_RETRIEVER_CONFIG');
