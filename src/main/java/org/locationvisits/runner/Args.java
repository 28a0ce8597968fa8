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

    Args(String[] args, Set<String> allowed) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
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

    List<String> positional() {
        return positional;
    }
}
