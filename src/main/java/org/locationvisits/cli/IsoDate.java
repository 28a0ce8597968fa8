package org.locationvisits.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Dates as the commands take them, YYYY-MM-DD. Picocli puts the option's name in front of the message
 * ("Invalid value for option '--from': ..."), so an operator sees which date was wrong.
 */
final class IsoDate implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
        }
    }
}
