import { BadRequestException, NotFoundException } from '@nestjs/common';

// The read API's error bodies: JSON naming what was wrong (the parameter, or the id not found).

export function badParameter(parameter: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', parameter, message });
}

export function notFound(kind: string, id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', id, message: `no ${kind} ${id}` });
}
