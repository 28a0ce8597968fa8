package org.locationvisits.config;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.shoppertrak.ShopperTrakSettings;

/**
 * What a setting accepts, as a problem phrase ("must be ...") for a value it refuses. The one validator of a
 * setting: the main job's reader and both connectors' {@code ConfigDef}s ask the same rule, so they accept and
 * refuse the same values. Rules see the trimmed text; an empty value of an optional setting never reaches them.
 */
public interface Rule {
    /** What is accepted, shown in the worker's config docs and the settings table. */
    String describe();

    /** Why {@code text} is refused, or empty when it is accepted. */
    Optional<String> problem(String text);

    /** Accepts anything. */
    Rule ANY = of("any text", "", text -> true);

    Rule NON_EMPTY = of("non-empty", "must not be empty", text -> !text.isEmpty());

    Rule BOOLEAN = of("true or false", "must be true or false",
            text -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"));

    Rule DATE = of("YYYY-MM-DD", "must be a date as YYYY-MM-DD, e.g. 2024-03-25", text -> parses(text, LocalDate::parse));

    Rule TIME = of("HH:MM", "must be a local time as HH:MM, e.g. 06:00", text -> parses(text, LocalTime::parse));

    Rule DATES = new Rule() {
        @Override
        public String describe() {
            return "YYYY-MM-DD dates: comma-separated, a JSON array or a YAML list";
        }

        @Override
        public Optional<String> problem(String text) {
            return DateList.problem(text);
        }
    };

    /** The service path is appended to the base URL, so it must be http(s) and end with '/'. */
    Rule BASE_URL = of("http(s) URL ending with '/'", "must be an http(s) URL ending with '/', e.g. "
            + ShopperTrakSettings.PRODUCTION_BASE_URL, ShopperTrakSettings::isBaseUrl);

    Rule SCHEMA_URL = of("empty, bundled:first, bundled:current or an http(s) URL",
            "must be empty, bundled:first, bundled:current or an http(s) URL, e.g. https://host/path",
            text -> isBundled(text) || isHttpUrl(text));

    Rule ENDPOINT = of("empty or an http(s) URL", "must be empty or an http(s) URL, e.g. http://127.0.0.1:4567",
            Rule::isHttpUrl);

    Rule REGION = of("AWS region, e.g. us-east-1", "must be an AWS region such as us-east-1",
            text -> text.matches("[a-z]{2}(-[a-z]+)+-\\d+"));

    Rule STREAM = streamRule();

    /** An IPv4 or IPv6 address literal: a bind address, never looked up. */
    Rule IP_ADDRESS = of("IP address, e.g. 0.0.0.0 or 127.0.0.1",
            "must be an IP address such as 0.0.0.0 (every interface) or 127.0.0.1 (this host only)",
            Rule::isIpLiteral);

    static Rule of(String description, String problem, Predicate<String> accepts) {
        return new Rule() {
            @Override
            public String describe() {
                return description;
            }

            @Override
            public Optional<String> problem(String text) {
                return accepts.test(text) ? Optional.empty() : Optional.of(problem);
            }
        };
    }

    static Rule wholeNumber(long min, long max) {
        return of(min + " to " + max, "must be a whole number from " + min + " to " + max,
                text -> parses(text, t -> check(Long.parseLong(t), min, max)));
    }

    static Rule atLeast(long min) {
        return of("at least " + min, "must be a whole number of at least " + min,
                text -> parses(text, t -> check(Long.parseLong(t), min, Integer.MAX_VALUE)));
    }

    /** One of {@code options}, in any case. */
    static Rule oneOf(List<String> options) {
        return of(String.join(", ", options), "must be one of " + String.join(", ", options),
                text -> options.contains(text.toLowerCase(Locale.ROOT)));
    }

    /** True when {@code parse} accepts the text without throwing. */
    static boolean parses(String text, Consumer<String> parse) {
        try {
            parse.accept(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void check(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
    }

    /** {@code bundled:first} or {@code bundled:current}: the one place that knows is LocationVisitsSchemas. */
    private static boolean isBundled(String text) {
        return text.startsWith(LocationVisitsSchemas.BUNDLED_PREFIX)
                && parses(text, LocationVisitsSchemas::bundledFor);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** IPv4 dotted, or IPv6 (only hex digits, ':' and '.', so the JDK parses it and never asks DNS). */
    private static boolean isIpLiteral(String text) {
        String octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        if (text.matches("(" + octet + "\\.){3}" + octet)) {
            return true;
        }
        if (!text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Rule streamRule() {
        Pattern arn = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");
        Pattern name = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
        Function<String, Pattern> form = text -> text.startsWith("arn:") ? arn : name;
        return of("stream ARN or name", "must be a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME) or "
                + "a stream name of 1 to 128 letters, digits, '_', '.' or '-'",
                text -> form.apply(text).matcher(text).matches());
    }
}
