package dev.ratchet.core.usage;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.session.FieldViolation;

/**
 * The days a usage report covers, {@code from} to {@code to} inclusive (UTC dates, {@code YYYY-MM-DD}). Without
 * {@code to} the report ends today; without {@code from} it starts 6 days before {@code to} (a week). A range longer
 * than {@code maxDays} or ending before it starts is refused, naming the parameter.
 */
public record UsageRange(LocalDate from, LocalDate to) {

    /** The range the parameters ask for, or the violations that name each bad one. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(UsageRange range) implements Parsed {
    }

    public record Invalid(List<FieldViolation> violations) implements Parsed {
    }

    public static Parsed parse(String from, String to, LocalDate today, int maxDays) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate end = date("to", to, violations);
        LocalDate start = date("from", from, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        end = end == null ? today : end;
        start = start == null ? end.minusDays(6) : start;
        if (start.isAfter(end)) {
            return new Invalid(List.of(new FieldViolation("from", "must not be after to (" + end + ")")));
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxDays) {
            return new Invalid(List.of(new FieldViolation("from", "the range covers " + days + " days; at most "
                    + maxDays + " are reported at once")));
        }
        return new Valid(new UsageRange(start, end));
    }

    /** Every day of the range, oldest first. */
    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** The date {@code value} names; null when it is absent (the default applies) or invalid (a violation). */
    private static LocalDate date(String name, String value, List<FieldViolation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(name, "must be a date like 2026-11-30 (YYYY-MM-DD)"));
            return null;
        }
    }
}
