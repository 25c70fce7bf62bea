/**
 * Runs async tasks one at a time, in call order. The report retrieval overlaps its HTTP fetches but
 * shares one transaction (one PostgreSQL connection), whose statements must not interleave. Ten lines
 * of our own rather than a dependency for a queue of promises.
 */
export class TurnTaker {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.last.then(task, task);
    this.last = turn.catch(() => undefined);
    return turn;
  }
}
