/**
 * A guard stopped the operation before it changed anything (an active consumer group, an offset
 * outside the topic, nothing to do). The message says what to do instead.
 */
export class OperationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationRefusedError';
  }
}
