package org.kaspa.aio.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape most verbs share: at most one positional word (a service), boolean flags, and options that
 * take a value ({@code --out FILE}). Anything else is a {@link UsageException}.
 */
record Arguments(Optional<String> positional, Set<String> flags, Map<String, String> options) {

    static Arguments parse(List<String> args, Set<String> knownFlags, Set<String> knownOptions) {
        String positional = null;
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (knownFlags.contains(a)) {
                flags.add(a);
            } else if (knownOptions.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                options.put(a, args.get(++i));
            } else if (!a.startsWith("-") && positional == null) {
                positional = a;
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        return new Arguments(Optional.ofNullable(positional), flags, options);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The service named on the command line; a usage error when there is none. */
    String service() {
        return positional.orElseThrow(() -> new UsageException("name a service"));
    }

    /** For verbs without a positional word. */
    Arguments noPositional() {
        positional.ifPresent(p -> {
            throw new UsageException("unknown argument '" + p + "'");
        });
        return this;
    }
}
