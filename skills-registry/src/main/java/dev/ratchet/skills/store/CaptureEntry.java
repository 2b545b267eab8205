package dev.ratchet.skills.store;

import dev.ratchet.core.skill.capture.Capture;

/** One session captured into a skill (a field of {@code ratchet:skill:{name}:captures}), with the version it gave. */
public record CaptureEntry(int version, Capture.Statistic statistic) {
}
