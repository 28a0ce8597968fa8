package org.locationvisits.check;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.locationvisits.common.S3Location;
import org.locationvisits.recovery.SiteList;

import software.amazon.awssdk.services.s3.S3Client;

/** The all-sites list recovery compares answers with: read and parsed as the job does, and how many sites it lists. */
final class AllSitesCheck implements Check {
    static final String WHAT = "all-sites list";

    private final Optional<S3Location> list;
    private final Supplier<S3Client> s3;

    AllSitesCheck(Optional<S3Location> list, Supplier<S3Client> s3) {
        this.list = list;
        this.s3 = s3;
    }

    @Override
    public List<CheckResult> run() {
        if (list.isEmpty()) {
            return List.of(CheckResult.skip(WHAT, "-", "no ALL_SITES_S3_BUCKET and ALL_SITES_S3_RESOURCE: sites"
                    + " missing from an allsites answer are not noticed"));
        }
        S3Location at = list.get();
        try {
            SiteList sites = SiteList.load(s3.get(), at.bucket(), at.key());
            return List.of(CheckResult.ok(WHAT, at.toString(), sites.size() + " site(s)"));
        } catch (RuntimeException e) {
            // SiteList's messages name the object and what to check.
            return List.of(CheckResult.fail(WHAT, at.toString(), e.getMessage()));
        }
    }
}
