package org.locationvisits.check;

/**
 * One line of {@code check}: what was checked, where (an object, a stream, a URL, a table), and either OK with
 * what was found, FAIL with what is wrong and how to fix it, or SKIP with why it does not apply to this job.
 */
public record CheckResult(String what, String where, Status status, String message) {
    /** SKIP passes: the configured job does not use the thing, or it cannot be checked without spending quota. */
    public enum Status { OK, FAIL, SKIP }

    public static CheckResult ok(String what, String where, String message) {
        return new CheckResult(what, where, Status.OK, message);
    }

    public static CheckResult fail(String what, String where, String message) {
        return new CheckResult(what, where, Status.FAIL, message);
    }

    public static CheckResult skip(String what, String where, String message) {
        return new CheckResult(what, where, Status.SKIP, message);
    }

    public boolean passed() {
        return status != Status.FAIL;
    }

    /** {@code OK    state object read   s3://bucket/key: last_poll_date 2026-12-01}. */
    public String line() {
        return String.format("%-5s %-23s %s: %s", status, what, where, message);
    }
}
