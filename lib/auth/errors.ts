/** Thrown by a service when the acting user's role does not allow the action (routes answer 403). */
export class ForbiddenError extends Error {
  constructor(message = "forbidden") {
    super(message);
    this.name = "ForbiddenError";
  }
}
