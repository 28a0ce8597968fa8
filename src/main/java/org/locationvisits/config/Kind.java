package org.locationvisits.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * A setting's type: how a connector declares it and what the main job's reader makes of its text
 * (already accepted by the setting's {@link Rule}).
 */
public enum Kind {
    TEXT(ConfigDef.Type.STRING, text -> text),
    /** Never trimmed, logged or echoed in a message. */
    SECRET(ConfigDef.Type.PASSWORD, text -> text),
    /** Text from a fixed list, in lower case. */
    CHOICE(ConfigDef.Type.STRING, text -> text.toLowerCase(Locale.ROOT)),
    INT(ConfigDef.Type.INT, Integer::parseInt),
    LONG(ConfigDef.Type.LONG, Long::parseLong),
    BOOLEAN(ConfigDef.Type.BOOLEAN, text -> Boolean.parseBoolean(text.toLowerCase(Locale.ROOT))),
    /** An optional day: empty text is no day. */
    DATE(ConfigDef.Type.STRING, text -> text.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(text))),
    TIME(ConfigDef.Type.STRING, LocalTime::parse),
    /** See {@link DateList}. */
    DATES(ConfigDef.Type.LIST, DateList::parse),
    /** Comma-separated items (a Connect LIST). */
    LIST(ConfigDef.Type.LIST, text -> text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*")));

    private final ConfigDef.Type connectType;
    private final Function<String, Object> parse;

    Kind(ConfigDef.Type connectType, Function<String, Object> parse) {
        this.connectType = connectType;
        this.parse = parse;
    }

    public ConfigDef.Type connectType() {
        return connectType;
    }

    /** The typed value of text the setting's rule accepted. */
    Object parse(String text) {
        return parse.apply(text);
    }

    /** A connector's parsed value back to the text a rule judges: a LIST's items joined by ','. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Password password) {
            return password.value();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
