package dev.ratchet.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.session.FieldViolation;

/** The days a usage report covers: defaults, bad dates named, reversed and over-long ranges refused. */
class UsageRangeTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-30");

    @Test
    void withoutParametersTheLastWeekIsReported() {
        assertThat(UsageRange.parse(null, null, TODAY, 92)).isEqualTo(new UsageRange.Valid(
                new UsageRange(LocalDate.parse("2026-11-24"), TODAY)));
        UsageRange one = ((UsageRange.Valid) UsageRange.parse("2026-11-01", "2026-11-01", TODAY, 92)).range();
        assertThat(one.days()).containsExactly(LocalDate.parse("2026-11-01"));
    }

    @Test
    void aRangeOfExactlyTheMaximumIsTakenOneDayMoreIsNot() {
        assertThat(UsageRange.parse("2026-09-01", "2026-12-01", TODAY, 92)).isInstanceOf(UsageRange.Valid.class);
        assertThat(UsageRange.parse("2026-08-31", "2026-12-01", TODAY, 92)).isEqualTo(new UsageRange.Invalid(
                List.of(new FieldViolation("from", "the range covers 93 days; at most 92 are reported at once"))));
    }

    @Test
    void badDatesAndAReversedRangeAreNamed() {
        assertThat(((UsageRange.Invalid) UsageRange.parse("yesterday", "2026-13-01", TODAY, 92)).violations())
                .extracting(FieldViolation::field).containsExactly("to", "from");
        assertThat(((UsageRange.Invalid) UsageRange.parse("2026-11-30", "2026-11-01", TODAY, 92)).violations())
                .singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("must not be after to (2026-11-01)"));
    }
}
