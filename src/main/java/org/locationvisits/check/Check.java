package org.locationvisits.check;

import java.util.List;

/** One thing the configured job needs, verified without writing anything and without a ShopperTrak data call. */
@FunctionalInterface
public interface Check {
    /** One result, or one per part (e.g. per warehouse table); never throws for what it checks. */
    List<CheckResult> run();
}
