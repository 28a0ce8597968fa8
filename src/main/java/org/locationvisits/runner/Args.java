package org.locationvisits.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tiny {@code --name value} parser; the commands have only a few options each. */
final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final java.util.Set<String> flags = new java.util.HashSet<>();

    Args(String[] args, Set<String> allowed) {
        this(args, allowed, Set.of());
    }

    /** @param allowedFlags options that take no value, e.g. {@code forget-recovery} */
    Args(String[] args, Set<String> allowed, Set<String> allowedFlags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && allowedFlags.contains(arg.substring(2))) {
                flags.add(arg.substring(2));
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!allowed.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                positional.add(arg);
            }
        }
    }

    String option(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
