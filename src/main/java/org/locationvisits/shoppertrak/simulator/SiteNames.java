package org.locationvisits.shoppertrak.simulator;

/** Site IDs that look like a library system's: spaces, apostrophes, '&' and '.' included. */
final class SiteNames {
    private static final String[] BRANCHES = {
        "aa lib", "bronx lib", "ep 42nd st", "snfl", "schwarzman", "jefferson market", "st. agnes", "96th st",
        "webster", "yorkville", "kips bay", "muhlenberg", "epiphany", "hudson park", "seward park",
        "chatham sq", "ottendorfer", "tompkins sq", "morningside hts", "bloomingdale", "countee cullen",
        "macomb's bridge", "washington hts", "inwood", "fort washington", "hamilton grange", "riverside",
        "arts & letters", "spuyten duyvil", "kingsbridge", "mott haven", "parkchester", "pelham bay",
        "throg's neck", "west farms", "st. george", "todt hill", "tottenville", "great kills", "new dorp",
    };
    private static final String[] SUFFIXES = {"lib", "branch", "ctr"};

    private SiteNames() {
    }

    /** The i-th site ID: the hand-written list first, then generated ones. */
    static String name(int i) {
        return i < BRANCHES.length ? BRANCHES[i] : generatedId(i - BRANCHES.length);
    }

    // Beyond the hand-written list: "bronx lib 2", "webster branch 2", ... unique by construction.
    private static String generatedId(int k) {
        int round = k / (BRANCHES.length * SUFFIXES.length);
        return BRANCHES[k % BRANCHES.length] + " " + SUFFIXES[k / BRANCHES.length % SUFFIXES.length]
                + " " + (round + 2);
    }

    /** A site ID of exactly {@code length} characters, starting "long site ", the same every time. */
    static String longId(int length) {
        if (length < 10) {
            throw new IllegalArgumentException("a long site ID has at least 10 characters, got " + length);
        }
        StringBuilder id = new StringBuilder("long site ");
        while (id.length() < length) {
            id.append((char) ('a' + id.length() % 26));
        }
        return id.toString();
    }
}
