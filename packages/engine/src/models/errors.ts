/** A model spec that cannot be built for the data (e.g. a conv kernel larger than the image). */
export class ModelConfigError extends Error {
  override name = 'ModelConfigError';
}
