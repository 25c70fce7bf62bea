/** Too many events are waiting for Kafka already: answer 503 instead of queueing without bound. */
export class PublisherOverloadedError extends Error {
  constructor(limit: string) {
    super(`more than ${limit} are waiting for Kafka`);
    this.name = 'PublisherOverloadedError';
  }
}

/** Kafka did not acknowledge the event within the deadline (broker down or slow): answer 503. */
export class PublishTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Kafka did not acknowledge the event within ${timeoutMs} ms`);
    this.name = 'PublishTimeoutError';
  }
}

/** The publisher is shutting down and takes no new events. */
export class PublisherClosedError extends Error {
  constructor() {
    super('the publisher is shutting down');
    this.name = 'PublisherClosedError';
  }
}
