// Graph errors any part of the emulator throws; the handler turns them into Graph's error body.

export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

export const notFound = (id: string): GraphHttpError =>
  new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
  )

export const badSegment = (segment: string): GraphHttpError =>
  new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`)

export const denied = (): GraphHttpError =>
  new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')

export const methodNotAllowed = (method: string): GraphHttpError =>
  new GraphHttpError(
    405,
    'Request_BadRequest',
    `The HTTP method '${method}' is not supported by the Graph emulator for this resource.`
  )
