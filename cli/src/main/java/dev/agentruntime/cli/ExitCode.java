package dev.agentruntime.cli;

/**
 * agentctl's exit codes, one per failure class (docs/cli.md lists them). A script tells a refused
 * input from an API that is down by the code alone.
 */
public final class ExitCode {

  public static final int OK = 0;

  /** {@code runs start --wait|--follow}: the run ended, but not {@code succeeded}. */
  public static final int RUN_NOT_SUCCEEDED = 1;

  /** Bad arguments or options, an unreadable input file, no API URL configured. */
  public static final int USAGE = 2;

  /** Not signed in, or the API answered 401 (expired, forged, wrong issuer). */
  public static final int UNAUTHORIZED = 3;

  /** 403: the token lacks the role, or the action is not this person's to take. */
  public static final int FORBIDDEN = 4;

  /** 404: no such thing in the token's tenant (another tenant's is as unknown). */
  public static final int NOT_FOUND = 5;

  /** 409, 410, 412: the state moved (decided, expired, a stale hash or ETag). */
  public static final int CONFLICT = 6;

  /** 400, 413, 414, 415, 422, 431: the API refused the input. */
  public static final int REFUSED = 7;

  /** 429 or 503, still after the retries (or a Retry-After too long to wait for). */
  public static final int UNAVAILABLE = 8;

  /** The API could not be reached at all (connection refused, DNS, timeout). */
  public static final int UNREACHABLE = 9;

  /** Anything else: a 500, an answer agentctl does not understand. */
  public static final int OTHER = 10;

  private ExitCode() {}

  /** The exit code of an error answer with HTTP status {@code status} (0: no answer at all). */
  public static int forStatus(int status) {
    return switch (status) {
      case 0 -> UNREACHABLE;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 409, 410, 412 -> CONFLICT;
      case 400, 413, 414, 415, 422, 431 -> REFUSED;
      case 429, 503 -> UNAVAILABLE;
      default -> OTHER;
    };
  }
}
