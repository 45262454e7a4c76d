/**
 * The one error type of the reference server: handlers throw it, the error boundary renders it.
 * RFC 7644 §3.12 fixes which scimType goes with which status; the constructor enforces that.
 */

/** RFC 7644 §3.12 Table 9 detail error keywords, plus the cursor ones of RFC 9865 §2.1. */
type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** How the flavour should put the error on the wire; GitLab answers some errors with non-SCIM bodies. */
type ErrorShape = 'scim' | 'message' | 'error';

const STATUS_OF_TYPE: Record<ScimType, readonly number[]> = {
  invalidFilter: [400],
  tooMany: [400, 413],
  uniqueness: [409],
  mutability: [400],
  invalidSyntax: [400],
  invalidPath: [400],
  noTarget: [400],
  invalidValue: [400],
  invalidVers: [400],
  sensitive: [400, 403],
  // RFC 9865 §2.1 adds three 400 keywords for cursor paging.
  invalidCursor: [400],
  expiredCursor: [400],
  invalidCount: [400],
};

interface ScimErrorInit {
  status: number;
  detail: string;
  scimType?: ScimType;
  shape?: ErrorShape;
  headers?: Record<string, string>;
}

export class ScimError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly scimType: ScimType | undefined;
  readonly shape: ErrorShape;
  readonly headers: Record<string, string>;

  constructor(init: ScimErrorInit) {
    super(init.detail);
    if (!Number.isInteger(init.status) || init.status < 400 || init.status > 599) {
      throw new TypeError(`ScimError status must be 4xx or 5xx, got ${init.status}`);
    }
    if (init.scimType && !STATUS_OF_TYPE[init.scimType].includes(init.status)) {
      throw new TypeError(
        `scimType ${init.scimType} does not go with status ${init.status} (RFC 7644 §3.12)`,
      );
    }
    this.name = 'ScimError';
    this.status = init.status;
    this.detail = init.detail;
    this.scimType = init.scimType;
    this.shape = init.shape ?? 'scim';
    this.headers = init.headers ?? {};
  }

  static badRequest(scimType: ScimType | undefined, detail: string): ScimError {
    return new ScimError({ status: 400, scimType, detail });
  }
  static invalidFilter(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'invalidFilter', detail });
  }
  static invalidSyntax(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'invalidSyntax', detail });
  }
  static invalidValue(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'invalidValue', detail });
  }
  static invalidPath(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'invalidPath', detail });
  }
  static noTarget(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'noTarget', detail });
  }
  static mutability(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'mutability', detail });
  }
  static invalidVers(detail: string): ScimError {
    return new ScimError({ status: 400, scimType: 'invalidVers', detail });
  }
  static tooMany(detail: string, status: 400 | 413 = 400): ScimError {
    return new ScimError({ status, scimType: 'tooMany', detail });
  }
  static uniqueness(detail: string): ScimError {
    return new ScimError({ status: 409, scimType: 'uniqueness', detail });
  }
  static conflict(detail: string): ScimError {
    return new ScimError({ status: 409, detail });
  }
  static unauthorized(
    detail: string,
    shape: ErrorShape = 'scim',
    headers?: Record<string, string>,
  ): ScimError {
    return new ScimError({ status: 401, detail, shape, headers });
  }
  static forbidden(detail: string, shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 403, detail, shape });
  }
  static notFound(detail: string, shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 404, detail, shape });
  }
  static methodNotAllowed(detail: string, allow: readonly string[], shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 405, detail, shape, headers: { allow: allow.join(', ') } });
  }
  static preconditionFailed(detail: string): ScimError {
    return new ScimError({ status: 412, detail });
  }
  static payloadTooLarge(detail: string, shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 413, detail, shape });
  }
  static unsupportedMediaType(detail: string, shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 415, detail, shape });
  }
  static requestTimeout(detail: string): ScimError {
    return new ScimError({ status: 408, detail });
  }
  static notImplemented(detail: string): ScimError {
    return new ScimError({ status: 501, detail });
  }
  static internal(detail = 'Internal Server Error', shape: ErrorShape = 'scim'): ScimError {
    return new ScimError({ status: 500, detail, shape });
  }
}

export function isScimError(value: unknown): value is ScimError {
  return value instanceof ScimError;
}
