/** Told how far a long operation got (e.g. to draw a progress bar); `total` may grow as it learns more. */
export type ProgressListener = (done: number, total: number) => void;
