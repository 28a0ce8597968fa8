package org.locationvisits.shoppertrak;

/**
 * Asked before every HTTP call to ShopperTrak, retries included, whether one more call may go: how a daily call
 * limit stays a limit whatever the retries of a request. A request the gate stops ends as
 * {@link DayResult.LimitReached}.
 */
@FunctionalInterface
public interface CallGate {
    /** A gate that lets every call through. */
    CallGate OPEN = callsSoFar -> true;

    /** @param callsSoFar calls the request has already made */
    boolean allows(int callsSoFar);
}
