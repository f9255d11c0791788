/** Gateway and business errors of the emulated Volcengine endpoint (docs §4). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly codeN?: number,
    /** Why, for the request log; never sent (the vendor messages are fixed). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.';

export const gatewayErrors = {
  missingParameter: (name: string) => new ApiError(400, 'MissingParameter', `The request is missing ${name} parameter.`, 100002),
  missingAuthenticationToken: () =>
    new ApiError(401, 'MissingAuthenticationToken', 'The request is missing authentication token.', 100003),
  missingRequestInfo: (name: string) => new ApiError(400, 'MissingRequestInfo', `The request is missing ${name} information.`, 100004),
  invalidTimestamp: (status: number, reason: string) =>
    new ApiError(status, 'InvalidTimestamp', 'The Signature of the request is expired.', 100006, reason),
  serviceNotFound: (service: string) => new ApiError(404, 'ServiceNotFound', `This service[${service}] not found.`, 100007),
  invalidActionOrVersion: (action: string, version: string) =>
    new ApiError(404, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}.`, 100008),
  invalidAccessKey: (ak: string) =>
    new ApiError(401, 'InvalidAccessKey', `The accesskey [${ak}] included in the request is invalid.`, 100009),
  signatureDoesNotMatch: (reason: string) => new ApiError(401, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH_MESSAGE, 100010, reason),
  invalidAuthorization: (reason: string) => new ApiError(400, 'InvalidAuthorization', "Invalid 'Authorization' header", undefined, reason),
  invalidSecretToken: () => new ApiError(401, 'InvalidSecretToken', 'The security token included in the request is invalid.'),
  methodNotAllowed: (method: string, action: string) =>
    new ApiError(405, 'MethodNotAllowed', `Method ${method} is not allowed for operation ${action}.`),
  flowLimitExceeded: (action: string) => new ApiError(429, 'FlowLimitExceeded', `Flow limit exceeded for ${action}.`),
};

export const businessErrors = {
  invalidParam: (field: string, problem: string) => new ApiError(400, 'InvalidParam', `Invalid parameter ${field}: ${problem}`),
  bindError: (field: string) =>
    new ApiError(400, 'InvalidParam.BindError', `Request parameter error, please check input data (${field})`),
};
